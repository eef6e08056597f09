using System.Globalization;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// The offline check of a dossier's signed statements (issue 20): each SM2 signature is verified over the statement's
/// exact text and metadata (<see cref="SignedStatements.Message"/>) with the signer's public key as the dossier
/// publishes it, and that key must be the signer's and the very key the journal entry (hash-chained, already verified)
/// recorded at signing. So a tampered signature, a swapped key and a changed text re-signed by another key all fail,
/// each with its own message. A statement recorded before signatures, or an opinion with the legacy SHA-256 digest,
/// counts as unsigned, unless the journal recorded an SM2 signature for it (then the signature was removed). Every
/// SM2 signature the journal recorded must be in the file. A key published with a CA's certificate must be the
/// certificate's, and the certificate must have been within its validity period at the signing time (its chain and
/// revocation are not checked: there is no trust store offline).
/// <para>What it cannot tell: someone who rewrites the journal, recomputing every hash, can make all of this agree
/// with keys of their own; compare the journal head with the deployment's published checkpoints (docs/security.md).</para>
/// </summary>
public static class DossierSignatureCheck
{
    public sealed record Result((string Item, string Problem)? Failure, int Signed, int Unsigned);

    /// <summary>What the check found for one statement.</summary>
    public enum State
    {
        /// <summary>The SM2 signature verifies with the signer's published key, the one the journal recorded.</summary>
        Valid,
        /// <summary>Recorded before signatures, or an opinion with the legacy SHA-256 digest (and the journal recorded no SM2 signature for it).</summary>
        Unsigned,
        /// <summary>Anything else: <see cref="StatementStatus.Problem"/> says what.</summary>
        Invalid,
    }

    /// <summary>One statement's state, with the problem when it is invalid (the summary page shows it; the check stops at the first).</summary>
    public sealed record StatementStatus(DossierSignedStatement Statement, State State, string? Problem);

    /// <summary>A signature the journal recorded: the entry, the ids its data names, and what it says was signed with.</summary>
    private sealed record Recorded(long Sequence, string Type, HashSet<string> Ids, string? Algorithm, string? Signature, string? PublicKey, string? KeyId);

    /// <summary>The check's verdict on one statement, and the journal entry that recorded its signature (when valid).</summary>
    private sealed record Verdict(State State, string? Problem, long? Sequence);

    public static Result Check(string path, DossierSignatures signatures, IReadOnlyList<DossierJournalEntry> journal)
    {
        var keys = new Dictionary<string, DossierSignerKey>(StringComparer.Ordinal);
        foreach (var key in signatures.Keys)
        {
            if (!keys.TryAdd(key.KeyId, key))
            {
                return Failed(path, $"key {key.KeyId} is listed twice");
            }
            if (CertificateProblem(key) is { } problem)
            {
                return Failed(path, problem);
            }
        }
        var recorded = RecordedSignatures(journal);
        var covered = new HashSet<long>();
        var (signed, unsigned) = (0, 0);
        foreach (var statement in signatures.Statements)
        {
            var verdict = Verify(statement, keys, recorded);
            switch (verdict.State)
            {
                case State.Invalid:
                    return Failed($"{path} ({statement.Kind} {statement.Id:D})", verdict.Problem!);
                case State.Unsigned:
                    unsigned++;
                    break;
                default:
                    covered.Add(verdict.Sequence!.Value);
                    signed++;
                    break;
            }
        }
        if (recorded.FirstOrDefault(r => r.Algorithm == SignedStatements.Sm2WithSm3 && !covered.Contains(r.Sequence)) is { } missing)
        {
            return new Result(($"journal entry {missing.Sequence}", $"records an SM2 signature ({missing.Type}) that {path} does not hold"), signed, unsigned);
        }
        return new Result(null, signed, unsigned);
    }

    /// <summary>
    /// Every statement's state, as <see cref="Check"/> judges each (the dossier's summary page lists them). A key listed
    /// twice counts with its first listing; a key whose certificate is not its own makes its statements invalid.
    /// </summary>
    public static IReadOnlyList<StatementStatus> Statuses(DossierSignatures signatures, IReadOnlyList<DossierJournalEntry> journal)
    {
        var keys = new Dictionary<string, DossierSignerKey>(StringComparer.Ordinal);
        foreach (var key in signatures.Keys)
        {
            keys.TryAdd(key.KeyId, key);
        }
        var recorded = RecordedSignatures(journal);
        return signatures.Statements.Select(s =>
        {
            var verdict = Verify(s, keys, recorded);
            return new StatementStatus(s, verdict.State, verdict.Problem);
        }).ToList();
    }

    private static Verdict Verify(DossierSignedStatement statement, IReadOnlyDictionary<string, DossierSignerKey> keys, List<Recorded> recorded)
    {
        var id = statement.Id.ToString("D");
        var entry = recorded.FirstOrDefault(r => r.Type == statement.JournalType && r.Ids.Contains(id));
        if (statement.Algorithm is null || statement.Algorithm == SignedStatements.LegacySha256Text)
        {
            return entry is { Algorithm: SignedStatements.Sm2WithSm3 }
                ? Invalid($"unsigned here, but journal entry {entry.Sequence} recorded an SM2 signature for it (the signature was removed)")
                : new Verdict(State.Unsigned, null, null);
        }
        if (statement.Algorithm != SignedStatements.Sm2WithSm3)
        {
            return Invalid($"names the unknown signature algorithm \"{statement.Algorithm}\"");
        }
        if (statement.KeyId is null || !keys.TryGetValue(statement.KeyId, out var key))
        {
            return Invalid($"signed with key {statement.KeyId ?? "(none)"}, which the dossier does not publish");
        }
        if (key.UserId != statement.SignedBy)
        {
            return Invalid($"signed with key {key.KeyId}, which belongs to {key.UserId}, not to the signer {statement.SignedBy} (a wrong key)");
        }
        var message = SignedStatements.Message(statement.Kind, statement.Id, statement.MatterId, statement.Subject, statement.SignedBy, statement.SignedAt, statement.Text);
        if (!SignedStatements.Sm2Verify(SignedStatements.HexOrEmpty(key.PublicKey), message, SignedStatements.HexOrEmpty(statement.Signature)))
        {
            return Invalid(
                $"its SM2 signature does not verify with key {key.KeyId} of {statement.SignedBy} ({Short(key.PublicKey)}) over its text and metadata: the signature, the text or the key was changed");
        }
        if (entry is null)
        {
            return Invalid($"no {statement.JournalType} entry of the journal records this signature");
        }
        if (entry.PublicKey != key.PublicKey)
        {
            return Invalid(
                $"signed with key {key.KeyId} ({Short(key.PublicKey)}), but journal entry {entry.Sequence} recorded key {entry.KeyId} ({Short(entry.PublicKey)}) for {statement.SignedBy} at signing: re-signed by a key that is not the signer's published key (a forgery)");
        }
        if (entry.Signature != statement.Signature)
        {
            return Invalid($"its signature differs from the one journal entry {entry.Sequence} recorded at signing");
        }
        if (CertificateProblem(key) is { } certificate)
        {
            return Invalid(certificate);
        }
        if (key.Certificate is not null && Certificate(key.Certificate) is { } parsed && ValidityProblem(parsed, statement.SignedAt) is { } validity)
        {
            return Invalid($"signed with key {key.KeyId} at {Utc(statement.SignedAt)}, when its certificate ({Describe(parsed)}) {validity}");
        }
        return new Verdict(State.Valid, null, entry.Sequence);
    }

    private static Verdict Invalid(string problem) => new(State.Invalid, problem, null);

    private static Result Failed(string item, string problem) => new((item, problem), 0, 0);

    private static string Short(string? hex) => hex is null ? "none" : hex.Length > 20 ? $"{hex[..12]}…{hex[^8..]}" : hex;

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(X509Certificate certificate) => $"{certificate.SubjectDN}, serial {certificate.SerialNumber.ToString(16)}";

    /// <summary>Null when the certificate was valid at <paramref name="signedAt"/>; else what it was (expired, not yet valid), with its period.</summary>
    private static string? ValidityProblem(X509Certificate certificate, DateTimeOffset signedAt)
    {
        var (from, to) = (new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero), new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero));
        return signedAt < from ? $"was not yet valid (valid from {Utc(from)} to {Utc(to)})"
            : signedAt > to ? $"had expired (valid from {Utc(from)} to {Utc(to)})"
            : null;
    }

    /// <summary>Null when the key has no certificate or its certificate is for the key; else why not.</summary>
    private static string? CertificateProblem(DossierSignerKey key)
    {
        if (key.Certificate is null)
        {
            return null;
        }
        var certified = CertifiedKey(Certificate(key.Certificate));
        return certified == key.PublicKey
            ? null
            : $"the certificate listed with key {key.KeyId} of {key.UserId} is {(certified is null ? "unreadable" : $"for another public key ({Short(certified)})")}";
    }

    /// <summary>The uncompressed public point (hex) of a certificate's key; null when it is no readable EC key.</summary>
    private static string? CertifiedKey(X509Certificate? certificate)
    {
        try
        {
            return certificate?.GetPublicKey() is ECPublicKeyParameters ec ? Convert.ToHexStringLower(ec.Q.GetEncoded(false)) : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or Org.BouncyCastle.Security.SecurityUtilityException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return null;
        }
    }

    /// <summary>A base64 DER certificate; null when it is no readable certificate.</summary>
    private static X509Certificate? Certificate(string certificate)
    {
        try
        {
            return new X509CertificateParser().ReadCertificate(Convert.FromBase64String(certificate));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or Org.BouncyCastle.Security.Certificates.CertificateException or IOException
            or InvalidCastException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return null;
        }
    }
    /// <summary>Every journal entry whose data records a signature with its public key (opinions, findings, members' opinions, decisions).</summary>
    private static List<Recorded> RecordedSignatures(IEnumerable<DossierJournalEntry> journal)
    {
        var result = new List<Recorded>();
        foreach (var entry in journal)
        {
            if (!entry.DataJson.Contains("\"publicKey\"", StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                using var data = JsonDocument.Parse(entry.DataJson);
                // The data itself, or a party's completed task's embedded data (a member's opinion).
                if (SignedStatements.JournalRecord(data.RootElement) is not { } record)
                {
                    continue;
                }
                var publicKey = record.GetProperty("publicKey");
                var ids = record.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && Guid.TryParse(p.Value.GetString(), out _))
                    .Select(p => Guid.Parse(p.Value.GetString()!).ToString("D")).ToHashSet(StringComparer.Ordinal);
                result.Add(new Recorded(entry.Sequence, entry.Type, ids, String(record, "signatureAlgorithm"), String(record, "signature"),
                    publicKey.ValueKind == JsonValueKind.String ? publicKey.GetString() : null, String(record, "signerKeyId")));
            }
            catch (JsonException)
            {
                // The chain proved the entry is as written; data that is no JSON object records no signature.
            }
        }
        return result;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
