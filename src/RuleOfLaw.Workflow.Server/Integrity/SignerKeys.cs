using System.Text;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>Creates signers' SM2 keys on first use, signs with them and verifies against them.</summary>
public sealed class SignerKeys(WorkflowDbContext db, KeyRing keys, TimeProvider clock)
{
    /// <summary>Signs <paramref name="message"/> with <paramref name="userId"/>'s newest key, creating one first if they have none.</summary>
    public async Task<(SignerKey Key, string Signature)> SignAsync(string userId, byte[] message, CancellationToken ct)
    {
        // Ordered here, not in SQL: SQLite cannot order by DateTimeOffset, and a user has a handful of keys at most.
        // At the same instant an imported certificate's key wins over a generated one.
        var key = (await db.Set<SignerKey>().AsNoTracking().Where(k => k.UserId == userId).ToListAsync(ct))
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Certificate is not null).LastOrDefault()
            ?? await CreateAsync(userId, ct);
        var privateKey = Decrypt(key);
        try
        {
            return (key, Convert.ToHexStringLower(SmCrypto.Sm2Sign(privateKey, message)));
        }
        finally
        {
            Array.Clear(privateKey);
        }
    }

    public Task<SignerKey?> FindAsync(string keyId, CancellationToken ct) =>
        db.Set<SignerKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, ct);

    private async Task<SignerKey> CreateAsync(string userId, CancellationToken ct)
    {
        var (privateKey, publicKey) = SmCrypto.NewSm2KeyPair();
        var encryption = keys.Current(KeyRing.DataEncryption);
        var id = $"sm2-{Guid.NewGuid():N}";
        var key = new SignerKey
        {
            Id = id, UserId = userId, Algorithm = SmCrypto.Sm2WithSm3, PublicKey = Convert.ToHexStringLower(publicKey),
            EncryptedPrivateKey = Convert.ToHexStringLower(SmCrypto.Sm4GcmEncrypt(encryption.Bytes, privateKey, Context(id, userId))),
            EncryptionAlgorithm = SmCrypto.Sm4Gcm, EncryptionKeyId = encryption.Id, CreatedAt = clock.GetUtcNow(),
        };
        Array.Clear(privateKey);
        // Saved at once, outside the caller's transaction: a retried command must find the same key, not make another.
        db.Set<SignerKey>().Add(key);
        await db.SaveChangesAsync(ct);
        db.Entry(key).State = EntityState.Detached;
        return key;
    }

    private byte[] Decrypt(SignerKey key)
    {
        var encryption = keys.Find(KeyRing.DataEncryption, key.EncryptionKeyId)
            ?? throw new InvalidOperationException($"Signer key {key.Id} is encrypted under {key.EncryptionKeyId}, which is not in the key ring.");
        return SmCrypto.Sm4GcmDecrypt(encryption.Bytes, Convert.FromHexString(key.EncryptedPrivateKey), Context(key.Id, key.UserId));
    }

    internal static byte[] Context(string keyId, string userId) => Encoding.UTF8.GetBytes($"rolw-signer-key-v1\n{keyId}\n{userId}");
}
