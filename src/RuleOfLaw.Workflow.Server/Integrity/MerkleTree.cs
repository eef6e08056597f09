using System.Globalization;
using System.Text;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// The Merkle root of a checkpoint's chain heads, with SM3. Leaves are "{instanceId}\n{sequence}\n{head}" in instance
/// id order; leaf and inner nodes are domain-separated (0x00 / 0x01 prefix, as RFC 6962 does) so a leaf can never
/// pass for a node; an odd node at the end of a level is carried up unchanged. The empty tree's root is SM3 of "".
/// </summary>
public static class MerkleTree
{
    public sealed record Leaf(Guid InstanceId, long Sequence, string Head)
    {
        public byte[] Bytes() => Encoding.UTF8.GetBytes($"{InstanceId:D}\n{Sequence.ToString(CultureInfo.InvariantCulture)}\n{Head}");
    }

    public static string Root(IEnumerable<Leaf> leaves)
    {
        var level = leaves.OrderBy(l => l.InstanceId.ToString("D"), StringComparer.Ordinal)
            .Select(l => SmCrypto.Sm3Hash([0x00, .. l.Bytes()])).ToList();
        if (level.Count == 0)
        {
            return Convert.ToHexStringLower(SmCrypto.Sm3Hash([]));
        }
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? SmCrypto.Sm3Hash([0x01, .. level[i], .. level[i + 1]]) : level[i]);
            }
            level = next;
        }
        return Convert.ToHexStringLower(level[0]);
    }
}
