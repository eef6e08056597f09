using System.Text.Json;
using System.Text.Json.Serialization;
using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// The layout of an exported decision dossier (决策档案, 第三十三条 立卷归档): one ZIP holding <c>manifest.json</c>,
/// every document version, the journal with its hash chain, the records (compliance report, meeting minutes and
/// opinions, legality opinion) and a readable summary. Everything an archive needs to prove the file unchanged is in
/// the ZIP itself, so <see cref="DossierVerifier"/> works offline, without the server or its database.
/// </summary>
public static class DossierFormat
{
    /// <summary>The format's name and version, written into the manifest; a reader refuses any other.</summary>
    public const string Name = "rolw-dossier/1";

    public const string ManifestPath = "manifest.json";
    public const string JournalPath = "journal/journal.json";
    public const string SummaryPath = "summary.html";
    public const string SignaturesPath = "signatures/signatures.json";

    /// <summary>
    /// The journal entry the documents module writes for each uploaded version, with the digest the verifier compares
    /// the dossier's copy of the file against (one constant for the writer and the reader: a renamed type would
    /// otherwise leave every document unchecked).
    /// </summary>
    public const string DocumentVersionAdded = "DocumentVersionAdded";

    /// <summary>What a listed file is; the verifier treats <see cref="Document"/> files specially (their upload hash is in the journal).</summary>
    public static class Roles
    {
        public const string Document = "document";
        public const string Journal = "journal";
        public const string Record = "record";
        public const string Summary = "summary";
        /// <summary>The signed statements and the signers' public keys (<see cref="DossierSignatures"/>), checked offline.</summary>
        public const string Signatures = "signatures";
    }

    /// <summary>camelCase, indented, UTF-8 without escaping Chinese: the files are meant to be read by people too.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The matter a dossier is of.</summary>
public sealed record DossierMatter(
    Guid Id, string Number, string Title, string DecisionOrganId, string DecisionOrganName, string DraftingUnitId, string DraftingUnitName,
    string DefinitionId, int? DefinitionVersion, string? InstanceStatus);

/// <summary>
/// The journal's extent: how many entries the file holds and its head, and what the instance itself recorded
/// (<c>journalSequence</c>, <c>journalHead</c> in its state), so entries cut from the end are caught offline too.
/// </summary>
public sealed record DossierJournalInfo(string Path, long Entries, string Head, long? RecordedEntries, string? RecordedHead);

/// <summary>
/// One file of the ZIP with its SHA-256 (the export's own check of its files). A document version also carries its ids
/// and the digest recorded when it was uploaded, with its algorithm (<see cref="RecordedDigestAlgorithm"/>: <c>sm3</c>
/// or <c>sha256</c>), which the journal's <c>DocumentVersionAdded</c> entry holds as well. Dossiers exported before
/// digests named their algorithm carry <see cref="RecordedSha256"/> instead; the verifier reads both.
/// </summary>
public sealed record DossierFileEntry(
    string Path, string Role, string Sha256, long Length, string? Title = null,
    Guid? DocumentId = null, string? DocumentKind = null, int? Version = null, Guid? VersionId = null, string? RecordedSha256 = null,
    string? RecordedDigestAlgorithm = null, string? RecordedDigest = null)
{
    /// <summary>The upload digest this entry records, whichever way it was written; null for files that are no document version.</summary>
    public (string Algorithm, string Digest)? Recorded =>
        RecordedDigest is not null ? (RecordedDigestAlgorithm ?? "", RecordedDigest)
        : RecordedSha256 is not null ? (Engine.Journal.JournalAlgorithms.Sha256, RecordedSha256)
        : null;
}

public sealed record DossierManifest(
    string Format, DossierMatter Matter, DateTimeOffset ExportedAt, string ExportedBy, DossierJournalInfo Journal,
    IReadOnlyList<DossierFileEntry> Files, string Note);

/// <summary>
/// A journal entry as the dossier stores it: every field the chain hash covers, the algorithm it names, and the MAC
/// columns (kept for completeness; a MAC needs the deployment's key and cannot be checked offline).
/// </summary>
public sealed record DossierJournalEntry(
    Guid InstanceId, long Sequence, string Type, string? StepId, int? Iteration, Guid? TaskId, string ActorId, string ActorName,
    DateTimeOffset OccurredAt, string? Outcome, string? Comment, string DataJson, string PreviousHash, string Hash, string HashAlgorithm,
    string? Mac = null, string? MacAlgorithm = null, string? MacKeyId = null)
{
    public static DossierJournalEntry From(JournalEntry e, string? mac = null, string? macAlgorithm = null, string? macKeyId = null) =>
        new(e.InstanceId, e.Sequence, e.Type, e.StepId, e.Iteration, e.TaskId, e.ActorId, e.ActorName, e.OccurredAt, e.Outcome, e.Comment,
            e.DataJson, e.PreviousHash, e.Hash, e.HashAlgorithm, mac, macAlgorithm, macKeyId);

    public JournalEntry ToEntry() =>
        new(InstanceId, Sequence, Type, StepId, Iteration, TaskId, ActorId, ActorName, OccurredAt, Outcome, Comment, DataJson, PreviousHash, Hash)
        {
            HashAlgorithm = HashAlgorithm,
        };
}

/// <summary>
/// A signed statement as the dossier stores it (issue 20): everything <see cref="SignedStatements.Message"/> covers, so
/// the verifier rebuilds the signed bytes, and the signature with its algorithm and key. <see cref="Algorithm"/> is
/// null for a statement recorded before signatures (the legality findings, members' opinions, the head's decision) and
/// <c>sha256-text</c> for an opinion signed the old way: both are reported as unsigned. <see cref="JournalType"/> names
/// the journal entry that recorded the signature and the public key at signing.
/// </summary>
public sealed record DossierSignedStatement(
    string Kind, Guid Id, Guid MatterId, string Subject, string SignedBy, string SignerName, DateTimeOffset SignedAt, string Text,
    string JournalType, string? Algorithm, string? Signature, string? KeyId);

/// <summary>A signer's public key as published in the dossier: SM2 uncompressed point (hex), and the CA's certificate (base64 DER) when imported with one.</summary>
public sealed record DossierSignerKey(string KeyId, string UserId, string Algorithm, string PublicKey, DateTimeOffset CreatedAt, string? Certificate = null);

/// <summary>The file <see cref="DossierFormat.SignaturesPath"/>: the signers' public keys and every signed statement of the matter.</summary>
public sealed record DossierSignatures(IReadOnlyList<DossierSignerKey> Keys, IReadOnlyList<DossierSignedStatement> Statements);
