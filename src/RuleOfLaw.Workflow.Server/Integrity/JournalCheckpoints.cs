using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>Makes, checks and mails the signed checkpoints of all journal heads.</summary>
public sealed class JournalCheckpoints(WorkflowDbContext db, KeyRing keys, TimeProvider clock, IOptions<CryptoOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A checkpoint now, unless the latest is younger than <see cref="CryptoOptions.CheckpointHours"/> (when <paramref name="onlyIfDue"/>).</summary>
    public async Task<JournalCheckpoint?> CreateAsync(bool onlyIfDue, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var latest = await db.Set<JournalCheckpoint>().AsNoTracking().OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);
        if (onlyIfDue && latest is not null && now - latest.CreatedAt < TimeSpan.FromHours(options.Value.CheckpointHours))
        {
            return null;
        }
        var heads = await (
            from j in db.Journal
            join last in db.Journal.GroupBy(x => x.InstanceId).Select(g => new { InstanceId = g.Key, Sequence = g.Max(x => x.Sequence) })
                on new { j.InstanceId, j.Sequence } equals new { last.InstanceId, last.Sequence }
            select new { j.InstanceId, j.Sequence, j.Hash }).AsNoTracking().ToListAsync(ct);
        var leaves = heads.Select(h => new MerkleTree.Leaf(h.InstanceId, h.Sequence, h.Hash))
            .OrderBy(l => l.InstanceId.ToString("D"), StringComparer.Ordinal).ToList();
        var key = keys.Current(KeyRing.CheckpointSigning);
        var checkpoint = new JournalCheckpoint
        {
            Number = (latest?.Number ?? 0) + 1,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
            InstanceCount = leaves.Count,
            HashAlgorithm = SmCrypto.Sm3,
            MerkleRoot = MerkleTree.Root(leaves),
            SignatureAlgorithm = SmCrypto.Sm2WithSm3,
            KeyId = key.Id,
            PublicKey = Convert.ToHexStringLower(SmCrypto.Sm2PublicKeyOf(key.Bytes)),
            Signature = "",
            LeavesJson = JsonSerializer.Serialize(leaves, Json),
        };
        checkpoint.Signature = Convert.ToHexStringLower(SmCrypto.Sm2Sign(key.Bytes, checkpoint.SignedBytes()));
        db.Add(checkpoint);
        foreach (var address in options.Value.CheckpointRecipients.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            db.Add(Mail(checkpoint, address.Trim(), now, await LanguagesAsync(address.Trim(), ct)));
        }
        await db.SaveChangesAsync(ct);
        return checkpoint;
    }

    /// <summary>Why the checkpoint itself does not hold (root or signature), or null.</summary>
    public string? Problem(JournalCheckpoint checkpoint)
    {
        if (keys.Find(KeyRing.CheckpointSigning, checkpoint.KeyId) is not { } key)
        {
            return $"checkpoint {checkpoint.Number} names the signing key \"{checkpoint.KeyId}\", which is not in the key ring";
        }
        var publicKey = SmCrypto.Sm2PublicKeyOf(key.Bytes);
        if (checkpoint.SignatureAlgorithm != SmCrypto.Sm2WithSm3 || checkpoint.HashAlgorithm != SmCrypto.Sm3)
        {
            return $"checkpoint {checkpoint.Number} names unknown algorithms ({checkpoint.HashAlgorithm}, {checkpoint.SignatureAlgorithm})";
        }
        if (!SmCrypto.Sm2Verify(publicKey, checkpoint.SignedBytes(), HexOrEmpty(checkpoint.Signature)))
        {
            return $"checkpoint {checkpoint.Number}'s SM2 signature does not verify with the deployment's public key (the checkpoint was altered)";
        }
        if (MerkleTree.Root(Leaves(checkpoint)) != checkpoint.MerkleRoot)
        {
            return $"checkpoint {checkpoint.Number}'s heads do not give its signed Merkle root (the stored heads were altered)";
        }
        return null;
    }

    public static List<MerkleTree.Leaf> Leaves(JournalCheckpoint checkpoint) =>
        JsonSerializer.Deserialize<List<MerkleTree.Leaf>>(checkpoint.LeavesJson, Json) ?? [];

    /// <summary>The latest checkpoint that holds a head of <paramref name="instanceId"/>.</summary>
    public Task<JournalCheckpoint?> LatestCoveringAsync(Guid instanceId, CancellationToken ct)
    {
        var id = instanceId.ToString("D");
        return db.Set<JournalCheckpoint>().AsNoTracking().Where(c => c.LeavesJson.Contains(id)).OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);
    }

    private static Dictionary<string, object?> Number(JournalCheckpoint c) => new() { ["number"] = c.Number };

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

    /// <summary>
    /// The recipient's language, as for every other mail (<see cref="MailPreference.Language"/>, zh by default) when the
    /// address is a user's; a configured address of no user (an auditor outside the system) gets both languages.
    /// </summary>
    private async Task<CultureInfo[]> LanguagesAsync(string address, CancellationToken ct)
    {
        var normalized = address.ToUpperInvariant();
        var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            return [TextCatalog.Chinese, TextCatalog.English];
        }
        var language = await db.Set<MailPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Language).FirstOrDefaultAsync(ct);
        return [language == "en" ? TextCatalog.English : TextCatalog.Chinese];
    }

    private static OutboxMessage Mail(JournalCheckpoint c, string address, DateTimeOffset now, CultureInfo[] languages) => new()
    {
        Id = Guid.NewGuid(),
        EventKey = $"journal-checkpoint:{c.Number}:{address.ToLowerInvariant()}",
        Kind = "journal-checkpoint",
        ToAddress = address,
        Subject = string.Join(" / ", languages.Select(l => IntegrityTexts.Catalog.Text("checkpoint.subject", l, Number(c)))),
        Body = string.Join('\n', [
            .. languages.Select(l => IntegrityTexts.Catalog.Text("checkpoint.intro", l, Number(c))),
            "",
            $"number: {c.Number}",
            $"createdAt: {c.CreatedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}",
            $"instanceCount: {c.InstanceCount}",
            $"hashAlgorithm: {c.HashAlgorithm}",
            $"merkleRoot: {c.MerkleRoot}",
            $"signatureAlgorithm: {c.SignatureAlgorithm} (user id {SmCrypto.DefaultUserId})",
            $"keyId: {c.KeyId}",
            $"publicKey: {c.PublicKey}",
            $"signature: {c.Signature}"]),
        Status = OutboxStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
