using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// SM2 signatures on written opinions over their exact text and metadata (issue 20 item 3). Rows signed before this
/// record <c>sha256-text</c>: the old SHA-256 of text, time and user id, which anyone can recompute and which is
/// therefore checked as a digest, not as a signature.
/// </summary>
public sealed class OpinionSignatures(WorkflowDbContext db, SignerKeys signers)
{
    /// <summary>The legacy "signature": SHA-256 of text, time and user id (<see cref="ModuleWrites.Sign"/>).</summary>
    public const string LegacySha256Text = "sha256-text";

    /// <summary>What an opinion's signature covers, one field per line; the text last and length-prefixed.</summary>
    public static byte[] Message(string kind, Guid opinionId, Guid matterId, string subject, string signedBy, DateTimeOffset signedAt, string text) =>
        Encoding.UTF8.GetBytes(string.Join('\n',
            "rolw-opinion-signature-v1", kind, opinionId.ToString("D"), matterId.ToString("D"), subject, signedBy,
            signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            $"{text.Length.ToString(CultureInfo.InvariantCulture)}:{text}"));

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
            return new SignatureCheck(false, stored, digest, algorithm, keyId, null, "签名密钥不存在或算法未知。The signing key is missing or the algorithm unknown.");
        }
        if (key.UserId != signedBy)
        {
            return new SignatureCheck(false, stored, digest, algorithm, keyId, key.PublicKey, "签名密钥不属于署名人。The key is not the signer's.");
        }
        var id = opinionId.ToString("D");
        var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId && j.Type == journalType && j.DataJson.Contains(id))
            .Select(j => j.DataJson).ToListAsync(ct);
        if (!entries.Any(data => JournalPublicKey(data) == key.PublicKey))
        {
            return new SignatureCheck(false, stored, digest, algorithm, keyId, key.PublicKey,
                "公钥与程序日志记载的不一致。The public key differs from the one the journal recorded at signing.");
        }
        var valid = SmCrypto.Sm2Verify(Convert.FromHexString(key.PublicKey), message, HexOrEmpty(stored));
        return new SignatureCheck(valid, stored, digest, algorithm, keyId, key.PublicKey,
            valid ? null : "签名与内容不符。The signature does not match the text and metadata.", key.Certificate);
    }

    private static string? JournalPublicKey(string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        return document.RootElement.TryGetProperty("publicKey", out var value) ? value.GetString() : null;
    }

    private static byte[] HexOrEmpty(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
