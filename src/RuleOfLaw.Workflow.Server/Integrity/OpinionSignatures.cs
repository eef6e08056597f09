using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// A stored signature checked: for <c>sm2-sm3</c>, <see cref="Recomputed"/> is the SM3 digest of the signed message and
/// <see cref="PublicKey"/> the signer's key, so anyone can check it offline; for the legacy <c>sha256-text</c> the digest recomputed.
/// <see cref="Problem"/> says what is wrong in the reader's language (<see cref="IntegrityTexts"/>), <see cref="ProblemCode"/> the same for programs.
/// </summary>
public sealed record SignatureCheck(bool Valid, string Stored, string Recomputed, string Algorithm = OpinionSignatures.LegacySha256Text,
    string? SignerKeyId = null, string? PublicKey = null, string? Problem = null, string? Certificate = null)
{
    public string? ProblemCode { get; init; }

    /// <summary>The check with <paramref name="code"/>'s text as its problem, rendered for the current reader.</summary>
    public SignatureCheck Because(string code) =>
        this with { Problem = IntegrityTexts.Catalog.Text("signature." + code, CultureInfo.CurrentUICulture), ProblemCode = code };
}

/// <summary>
/// SM2 signatures on written opinions, the legality review's findings and the head's decision, over their exact text
/// and metadata (issue 20 item 3): the one signing path of statements. Opinions signed before this
/// record <c>sha256-text</c>: the old SHA-256 of text, time and user id, which anyone can recompute and which is
/// therefore checked as a digest, not as a signature.
/// </summary>
public sealed class OpinionSignatures(WorkflowDbContext db, SignerKeys signers)
{
    /// <summary>The legacy "signature": SHA-256 of text, time and user id (<see cref="RuleOfLaw.Workflow.Server.Modules.ModuleWrites.Sign"/>).</summary>
    public const string LegacySha256Text = SignedStatements.LegacySha256Text;

    /// <summary>
    /// What a statement's signature covers (<see cref="SignedStatements.Message"/>: one definition for the server and
    /// the offline dossier verifier), one field per line; the text last and length-prefixed.
    /// </summary>
    public static byte[] Message(string kind, Guid opinionId, Guid matterId, string subject, string signedBy, DateTimeOffset signedAt, string text) =>
        SignedStatements.Message(kind, opinionId, matterId, subject, signedBy, signedAt, text);

    /// <summary>Signs with the user's newest key; <c>Certificate</c> is the key's X.509 certificate (base64 DER) when it was imported with one.</summary>
    public async Task<(string Algorithm, string KeyId, string PublicKey, string Signature, string? Certificate)> SignAsync(string userId, byte[] message, CancellationToken ct)
    {
        var (key, signature) = await signers.SignAsync(userId, message, ct);
        return (SmCrypto.Sm2WithSm3, key.Id, key.PublicKey, signature, key.Certificate);
    }

    /// <summary>
    /// Checks a stored signature. For SM2 the public key must be the signer's key <em>and</em> the one the journal
    /// recorded when the opinion was signed (the journal is keyed and anchored), so replacing a key in the database
    /// and re-signing a changed text is caught.
    /// </summary>
    public async Task<SignatureCheck> VerifyAsync(string algorithm, string? keyId, string stored, string signedBy, Guid instanceId, string journalType,
        Guid opinionId, byte[] message, Func<string> legacy, CancellationToken ct)
    {
        if (algorithm == LegacySha256Text)
        {
            var recomputed = legacy();
            return new SignatureCheck(recomputed == stored, stored, recomputed, algorithm);
        }
        var digest = Convert.ToHexStringLower(SmCrypto.Sm3Hash(message));
        if (algorithm != SmCrypto.Sm2WithSm3 || keyId is null || await signers.FindAsync(keyId, ct) is not { } key)
        {
            return new SignatureCheck(false, stored, digest, algorithm, keyId).Because("key-missing");
        }
        if (key.UserId != signedBy)
        {
            return new SignatureCheck(false, stored, digest, algorithm, keyId, key.PublicKey).Because("key-not-signers");
        }
        var id = opinionId.ToString("D");
        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId && j.Type == journalType && j.DataJson.Contains(id))
            .Select(j => j.DataJson).ToListAsync(ct);
        if (!entries.Any(data => JournalPublicKey(data) == key.PublicKey))
        {
            return new SignatureCheck(false, stored, digest, algorithm, keyId, key.PublicKey).Because("key-not-journaled");
        }
        var valid = SmCrypto.Sm2Verify(Convert.FromHexString(key.PublicKey), message, SignedStatements.HexOrEmpty(stored));
        var check = new SignatureCheck(valid, stored, digest, algorithm, keyId, key.PublicKey, null, key.Certificate);
        return valid ? check : check.Because("mismatch");
    }

    /// <summary>What a statement recorded before signatures (findings, a decision) answers: not valid, and said to be unsigned rather than broken.</summary>
    public const string Unsigned = "unsigned";

    /// <summary>
    /// Checks the signature of a statement that has no legacy digest (the legality findings, the head's decision):
    /// one recorded before signatures is answered as <see cref="Unsigned"/>; a signed one as <see cref="VerifyAsync"/> does.
    /// </summary>
    public Task<SignatureCheck> VerifyStatementAsync(string? algorithm, string? keyId, string? stored, string signedBy, Guid instanceId, string journalType,
        Guid statementId, byte[] message, CancellationToken ct) =>
        algorithm is null || stored is null
            ? Task.FromResult(new SignatureCheck(false, "", Convert.ToHexStringLower(SmCrypto.Sm3Hash(message)), Unsigned).Because("unsigned"))
            : VerifyAsync(algorithm, keyId, stored, signedBy, instanceId, journalType, statementId, message,
                // Statements never had the legacy digest: a row claiming one does not verify.
                () => "", ct);

    private static string? JournalPublicKey(string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        return SignedStatements.JournalRecord(document.RootElement) is { } record && record.TryGetProperty("publicKey", out var value) ? value.GetString() : null;
    }
}
