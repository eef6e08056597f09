using System.Globalization;
using System.Text;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// A signed checkpoint (issue 16 item 3, issue 20): the Merkle root of every instance's journal head at one moment,
/// signed with the deployment's SM2 key. Published on the public portal with the public key and mailed to the
/// supervising bodies, so a later rewrite of the database (even with the journal key) disagrees with a copy held
/// elsewhere. Numbers run 1, 2, 3 … without gaps.
/// </summary>
public sealed class JournalCheckpoint
{
    public required long Number { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public required int InstanceCount { get; set; }
    /// <summary>The Merkle tree's hash (<c>sm3</c>).</summary>
    public required string HashAlgorithm { get; set; }
    public required string MerkleRoot { get; set; }
    /// <summary><c>sm2-sm3</c> (SM2 signature with SM3 and the default user id, GM/T 0009).</summary>
    public required string SignatureAlgorithm { get; set; }
    public required string KeyId { get; set; }
    /// <summary>Uncompressed SM2 public point, hex.</summary>
    public required string PublicKey { get; set; }
    /// <summary>DER (r, s), hex.</summary>
    public required string Signature { get; set; }
    /// <summary>The leaves: <c>[{"instanceId","sequence","head"}]</c> in instance id order.</summary>
    public required string LeavesJson { get; set; }

    /// <summary>The exact bytes signed: the checkpoint's header, one field per line.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('\n',
        "rolw-journal-checkpoint-v1",
        Number.ToString(CultureInfo.InvariantCulture),
        CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        InstanceCount.ToString(CultureInfo.InvariantCulture),
        HashAlgorithm,
        MerkleRoot));
}
