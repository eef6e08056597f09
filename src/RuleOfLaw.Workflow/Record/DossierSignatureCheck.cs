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
/// SM2 signature the journal recorded must be in the file.
/// <para>What it cannot tell: someone who rewrites the journal, recomputing every hash, can make all of this agree
/// with keys of their own; compare the journal head with the deployment's published checkpoints (docs/security.md).</para>
/// </summary>
public static class DossierSignatureCheck
{
    public sealed record Result((string Item, string Problem)? Failure, int Signed, int Unsigned);

    /// <summary>A signature the journal recorded: the entry, the ids its data names, and what it says was signed with.</summary>
    private sealed record Recorded(long Sequence, string Type, HashSet<string> Ids, string? Algorithm, string? Signature, string? PublicKey, string? KeyId);

    public static Result Check(string path, DossierSignatures signatures, IReadOnlyList<DossierJournalEntry> journal)
    {
        var keys = new Dictionary<string, DossierSignerKey>(StringComparer.Ordinal);
        foreach (var key in signatures.Keys)
        {
            if (!keys.TryAdd(key.KeyId, key))
            {
                return Failed(path, $"key {key.KeyId} is listed twice");
            }
            if (key.Certificate is not null && CertificateKey(key.Certificate) is var certified && certified != key.PublicKey)
            {
                return Failed(path, $"the certificate listed with key {key.KeyId} of {key.UserId} is {(certified is null ? "unreadable" : $"for another public key ({Short(certified)})")}");
            }
        }
        var recorded = RecordedSignatures(journal);
        var covered = new HashSet<long>();
        var (signed, unsigned) = (0, 0);
        foreach (var statement in signatures.Statements)
        {
            var item = $"{path} ({statement.Kind} {statement.Id:D})";
            var id = statement.Id.ToString("D");
            var entry = recorded.FirstOrDefault(r => r.Type == statement.JournalType && r.Ids.Contains(id));
            if (statement.Algorithm is null || statement.Algorithm == SignedStatements.LegacySha256Text)
            {
                if (entry is { Algorithm: SignedStatements.Sm2WithSm3 })
                {
                    return Failed(item, $"unsigned here, but journal entry {entry.Sequence} recorded an SM2 signature for it (the signature was removed)");
                }
                unsigned++;
                continue;
            }
            if (statement.Algorithm != SignedStatements.Sm2WithSm3)
            {
                return Failed(item, $"names the unknown signature algorithm \"{statement.Algorithm}\"");
            }
            if (statement.KeyId is null || !keys.TryGetValue(statement.KeyId, out var key))
            {
                return Failed(item, $"signed with key {statement.KeyId ?? "(none)"}, which the dossier does not publish");
            }
            if (key.UserId != statement.SignedBy)
            {
                return Failed(item, $"signed with key {key.KeyId}, which belongs to {key.UserId}, not to the signer {statement.SignedBy} (a wrong key)");
            }
            var message = SignedStatements.Message(statement.Kind, statement.Id, statement.MatterId, statement.Subject, statement.SignedBy, statement.SignedAt, statement.Text);
            if (!SignedStatements.Sm2Verify(SignedStatements.HexOrEmpty(key.PublicKey), message, SignedStatements.HexOrEmpty(statement.Signature)))
            {
                return Failed(item,
                    $"its SM2 signature does not verify with key {key.KeyId} of {statement.SignedBy} ({Short(key.PublicKey)}) over its text and metadata: the signature, the text or the key was changed");
            }
            if (entry is null)
            {
                return Failed(item, $"no {statement.JournalType} entry of the journal records this signature");
            }
            if (entry.PublicKey != key.PublicKey)
            {
                return Failed(item,
                    $"signed with key {key.KeyId} ({Short(key.PublicKey)}), but journal entry {entry.Sequence} recorded key {entry.KeyId} ({Short(entry.PublicKey)}) for {statement.SignedBy} at signing: re-signed by a key that is not the signer's published key (a forgery)");
            }
            if (entry.Signature != statement.Signature)
            {
                return Failed(item, $"its signature differs from the one journal entry {entry.Sequence} recorded at signing");
            }
            covered.Add(entry.Sequence);
            signed++;
        }
        if (recorded.FirstOrDefault(r => r.Algorithm == SignedStatements.Sm2WithSm3 && !covered.Contains(r.Sequence)) is { } missing)
        {
            return new Result(($"journal entry {missing.Sequence}", $"records an SM2 signature ({missing.Type}) that {path} does not hold"), signed, unsigned);
        }
        return new Result(null, signed, unsigned);
    }

    private static Result Failed(string item, string problem) => new((item, problem), 0, 0);

    private static string Short(string? hex) => hex is null ? "none" : hex.Length > 20 ? $"{hex[..12]}…{hex[^8..]}" : hex;

    /// <summary>The uncompressed public point (hex) of a base64 DER certificate's key; null when it is no readable EC certificate.</summary>
    private static string? CertificateKey(string certificate)
    {
        try
        {
            var parsed = new X509CertificateParser().ReadCertificate(Convert.FromBase64String(certificate));
            return parsed?.GetPublicKey() is ECPublicKeyParameters ec ? Convert.ToHexStringLower(ec.Q.GetEncoded(false)) : null;
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
