using Org.BouncyCastle.Crypto.Digests;

namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>
/// The SM3 hash (GB/T 32905-2016) for the journal chain, computed inside the engine's pure decide function. It is
/// BouncyCastle's <see cref="SM3Digest"/> (the same library the server uses for documents, HMAC-SM3 and SM2), so the
/// project carries no hand-written cryptography; the published example vectors are in the engine's tests.
/// </summary>
public static class Sm3
{
    public const int HashSizeInBytes = 32;

    public static byte[] HashData(ReadOnlySpan<byte> message)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(message);
        var hash = new byte[HashSizeInBytes];
        digest.DoFinal(hash, 0);
        return hash;
    }
}
