using System.Buffers.Binary;
using System.Numerics;

namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>
/// The SM3 hash (GB/T 32905-2016), written out here because the engine depends on the .NET base library only and
/// the journal chain is computed inside the engine's pure decide function. The server's other SM3 uses (documents,
/// HMAC-SM3, SM2) go through BouncyCastle, and a server test checks that both give the same digests; the published
/// example vectors are in the engine's tests.
/// </summary>
public static class Sm3
{
    public const int HashSizeInBytes = 32;

    private static readonly uint[] Iv =
        [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

    public static byte[] HashData(ReadOnlySpan<byte> message)
    {
        var v = (uint[])Iv.Clone();
        var w = new uint[68];
        var w1 = new uint[64];

        // Padding (§5.2): a 1 bit, zeros to 448 mod 512, then the message length in bits as a big-endian 64-bit number.
        var fullBlocks = message.Length / 64;
        for (var i = 0; i < fullBlocks; i++)
        {
            Compress(v, message.Slice(i * 64, 64), w, w1);
        }
        var rest = message.Length - fullBlocks * 64;
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        message[(fullBlocks * 64)..].CopyTo(tail);
        tail[rest] = 0x80;
        var tailLength = rest + 1 + 8 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8, 8), (ulong)message.Length * 8);
        for (var offset = 0; offset < tailLength; offset += 64)
        {
            Compress(v, tail.Slice(offset, 64), w, w1);
        }

        var digest = new byte[HashSizeInBytes];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(i * 4, 4), v[i]);
        }
        return digest;
    }

    private static void Compress(uint[] v, ReadOnlySpan<byte> block, uint[] w, uint[] w1)
    {
        // Message expansion (§5.3.2).
        for (var j = 0; j < 16; j++)
        {
            w[j] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(j * 4, 4));
        }
        for (var j = 16; j < 68; j++)
        {
            w[j] = P1(w[j - 16] ^ w[j - 9] ^ BitOperations.RotateLeft(w[j - 3], 15)) ^ BitOperations.RotateLeft(w[j - 13], 7) ^ w[j - 6];
        }
        for (var j = 0; j < 64; j++)
        {
            w1[j] = w[j] ^ w[j + 4];
        }

        // Compression function (§5.3.3).
        uint a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
        for (var j = 0; j < 64; j++)
        {
            var t = j < 16 ? 0x79cc4519u : 0x7a879d8au;
            var a12 = BitOperations.RotateLeft(a, 12);
            var ss1 = BitOperations.RotateLeft(a12 + e + BitOperations.RotateLeft(t, j % 32), 7);
            var ss2 = ss1 ^ a12;
            var ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
            var gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
            var tt1 = ff + d + ss2 + w1[j];
            var tt2 = gg + h + ss1 + w[j];
            d = c;
            c = BitOperations.RotateLeft(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = BitOperations.RotateLeft(f, 19);
            f = e;
            e = P0(tt2);
        }
        v[0] ^= a; v[1] ^= b; v[2] ^= c; v[3] ^= d; v[4] ^= e; v[5] ^= f; v[6] ^= g; v[7] ^= h;
    }

    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);
}
