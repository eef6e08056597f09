using System.Globalization;
using System.Text;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// The keyed chain (issue 16 item 3): each journal row carries HMAC-SM3 over its instance, sequence, algorithm and
/// hash, with a key from the key ring (outside the database). The hash already commits to every earlier entry, so a
/// valid MAC on the last entry vouches for the whole chain; whoever holds only the database cannot recompute it.
/// </summary>
public sealed class JournalSeal(KeyRing keys)
{
    public JournalRecord Sealed(JournalRecord row)
    {
        Seal(row);
        return row;
    }

    public void Seal(JournalRecord row)
    {
        var key = keys.Current(KeyRing.JournalMac);
        row.MacAlgorithm = SmCrypto.HmacSm3;
        row.MacKeyId = key.Id;
        row.Mac = Compute(key.Bytes, row);
    }

    /// <summary>Why the row's MAC does not hold, or null when it does.</summary>
    public string? Problem(JournalRecord row)
    {
        if (row.Mac is null || row.MacKeyId is null)
        {
            return "it carries no MAC (it was written or altered outside the server)";
        }
        if (row.MacAlgorithm != SmCrypto.HmacSm3)
        {
            return $"its MAC algorithm \"{row.MacAlgorithm}\" is unknown";
        }
        if (keys.Find(KeyRing.JournalMac, row.MacKeyId) is not { } key)
        {
            return $"its MAC key \"{row.MacKeyId}\" is not in the key ring";
        }
        return Compute(key.Bytes, row) == row.Mac ? null : "its MAC does not match (the entry was rewritten without the journal key)";
    }

    public static string Compute(byte[] key, JournalRecord row) =>
        Convert.ToHexStringLower(SmCrypto.HmacSm3Of(key, Encoding.UTF8.GetBytes(string.Join('\n',
            "rolw-journal-mac-v1", row.InstanceId.ToString("D"), row.Sequence.ToString(CultureInfo.InvariantCulture), row.HashAlgorithm, row.Hash))));
}
