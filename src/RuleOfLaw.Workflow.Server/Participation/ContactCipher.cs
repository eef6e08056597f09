using System.Text;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Crypto;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// A row that keeps a citizen's contact detail (a comment, an objection). <see cref="Contact"/> holds SM4-GCM
/// ciphertext when <see cref="ContactAlgorithm"/> is set, and the plain text only on a row written before encryption
/// at rest (issue 20 item 4) that the start-up step has not re-encrypted yet.
/// </summary>
public interface IStoredContact
{
    Guid Id { get; }
    string? Contact { get; set; }
    string? ContactAlgorithm { get; set; }
    string? ContactKeyId { get; set; }

    /// <summary><see cref="RuleOfLaw.Workflow.Privacy.ContactPrivacy.Commenters"/> or <c>Objectors</c>: bound into the ciphertext.</summary>
    string ContactPurpose { get; }
}

/// <summary>
/// SM4-GCM encryption at rest of commenters' and objectors' contact details (issue 20 item 4; 《个人信息保护法》第五十一条
/// "采取相应的加密、去标识化等安全技术措施"). The key is the key ring's current <c>data-sm4</c> key, outside the database;
/// each row records the algorithm and key id it was sealed with, so a rotated key still opens older rows. The row's id
/// and purpose are authenticated (GCM associated data), so a ciphertext copied onto another row does not open.
/// Encrypted on every write (<see cref="Seal"/>); opened only by a revealing <see cref="ContactReading"/>.
/// </summary>
public sealed class ContactCipher(KeyRing keys)
{
    /// <summary>Column length of a stored contact: base64 of nonce ‖ ciphertext ‖ tag of up to 200 characters (600 UTF-8 bytes) is 840.</summary>
    public const int StoredLength = 1024;

    /// <summary>Shown instead of a contact detail whose key is missing from the key ring or whose ciphertext was altered.</summary>
    public const string Unreadable = "（无法解密 / cannot be decrypted）";

    /// <summary>Encrypts the row's plain contact detail under the current key (nothing to do when there is none).</summary>
    public void Seal(IStoredContact row)
    {
        if (string.IsNullOrEmpty(row.Contact))
        {
            (row.Contact, row.ContactAlgorithm, row.ContactKeyId) = (null, null, null);
            return;
        }
        var key = keys.Current(KeyRing.DataEncryption);
        row.Contact = Convert.ToBase64String(SmCrypto.Sm4GcmEncrypt(key.Bytes, Encoding.UTF8.GetBytes(row.Contact), Context(row)));
        (row.ContactAlgorithm, row.ContactKeyId) = (SmCrypto.Sm4Gcm, key.Id);
    }

    /// <summary>The plain contact detail of a row; null when it has none, <see cref="Unreadable"/> when it cannot be opened.</summary>
    public string? Open(IStoredContact row) => TryOpen(row, out var plain) ? plain : Unreadable;

    private bool TryOpen(IStoredContact row, out string? plain)
    {
        plain = null;
        if (string.IsNullOrEmpty(row.Contact) || row.ContactAlgorithm is null)
        {
            plain = row.Contact;
            return true;
        }
        if (row.ContactAlgorithm != SmCrypto.Sm4Gcm || row.ContactKeyId is null || keys.Find(KeyRing.DataEncryption, row.ContactKeyId) is not { } key)
        {
            return false;
        }
        try
        {
            plain = Encoding.UTF8.GetString(SmCrypto.Sm4GcmDecrypt(key.Bytes, Convert.FromBase64String(row.Contact), Context(row)));
            return true;
        }
        catch (Exception e) when (e is InvalidCipherTextException or FormatException or ArgumentException or DataLengthException)
        {
            return false;
        }
    }

    /// <summary>
    /// Encrypts the rows still plain (written before this version) and re-encrypts those under an older key (after a
    /// rotation of <c>data-sm4</c>), in batches. Run at every start (after the migrations) rather than in a migration:
    /// the key is outside the database, so a migration (and the SQL Server script a DBA applies) cannot encrypt. Rows
    /// that cannot be opened are left as they are and counted. Two nodes starting at once both write a valid
    /// ciphertext of the same text, whichever lands last.
    /// </summary>
    public async Task<(int Sealed, int Unreadable)> SealStoredAsync<T>(DbContext db, CancellationToken ct) where T : class, IStoredContact
    {
        var current = keys.Current(KeyRing.DataEncryption).Id;
        var (done, unreadable) = (0, 0);
        while (true)
        {
            // The rows left unreadable still match and sort before the ones not yet seen: skipping them is the next page.
            var batch = await db.Set<T>().Where(r => r.Contact != null && (r.ContactAlgorithm == null || r.ContactKeyId != current))
                .OrderBy(r => r.Id).Skip(unreadable).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return (done, unreadable);
            }
            foreach (var row in batch)
            {
                if (TryOpen(row, out var plain))
                {
                    row.Contact = plain;
                    Seal(row);
                    done++;
                }
                else
                {
                    unreadable++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static byte[] Context(IStoredContact row) => Encoding.UTF8.GetBytes($"rolw-contact-v1\n{row.ContactPurpose}\n{row.Id:D}");
}
