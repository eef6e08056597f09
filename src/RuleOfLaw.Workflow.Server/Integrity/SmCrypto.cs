using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// The SM-series primitives the server uses, through BouncyCastle: SM3, HMAC-SM3, SM2 signatures on the recommended
/// curve sm2p256v1 (GB/T 32918.5) and SM4 in GCM mode. Keys and signatures travel as lower-case hex; public keys in
/// uncompressed form (04 ‖ x ‖ y), signatures DER-encoded (r, s) as GM/T 0009 specifies.
/// </summary>
public static class SmCrypto
{
    public const string Sm3 = "sm3";
    public const string HmacSm3 = "hmac-sm3";
    public const string Sm2WithSm3 = "sm2-sm3";
    public const string Sm4Gcm = "sm4-gcm";

    /// <summary>The default signer identity of GM/T 0009 (used in Z_A when none is agreed).</summary>
    public const string DefaultUserId = "1234567812345678";

    public static ECDomainParameters Curve { get; } = Domain();

    private static ECDomainParameters Domain()
    {
        var x9 = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H, x9.GetSeed());
    }

    public static byte[] Sm3Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    public static byte[] HmacSm3Of(byte[] key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output;
    }

    /// <summary>A new SM2 key pair: the private scalar d (32 bytes) and the uncompressed public point.</summary>
    public static (byte[] PrivateKey, byte[] PublicKey) NewSm2KeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Curve, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var d = ((ECPrivateKeyParameters)pair.Private).D.ToByteArrayUnsigned();
        return (LeftPad(d, 32), ((ECPublicKeyParameters)pair.Public).Q.GetEncoded(false));
    }

    public static byte[] Sm2PublicKeyOf(byte[] privateKey) =>
        Curve.G.Multiply(new BigInteger(1, privateKey)).Normalize().GetEncoded(false);

    public static byte[] Sm2Sign(byte[] privateKey, ReadOnlySpan<byte> message, string userId = DefaultUserId)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(
            new ParametersWithRandom(new ECPrivateKeyParameters(new BigInteger(1, privateKey), Curve), new SecureRandom()),
            Encoding.ASCII.GetBytes(userId)));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>
    /// False for a wrong key, a changed message or signature, and for bytes that are no point or no signature. The
    /// domain's <see cref="RuleOfLaw.Workflow.Record.SignedStatements.Sm2Verify"/>, which the offline dossier verifier uses too.
    /// </summary>
    public static bool Sm2Verify(byte[] publicKey, ReadOnlySpan<byte> message, byte[] signature, string userId = DefaultUserId) =>
        RuleOfLaw.Workflow.Record.SignedStatements.Sm2Verify(publicKey, message, signature, userId);

    /// <summary>SM4-GCM with a fresh 12-byte nonce: nonce ‖ ciphertext ‖ 16-byte tag. <paramref name="context"/> is authenticated, not stored.</summary>
    public static byte[] Sm4GcmEncrypt(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        var nonce = new byte[12];
        new SecureRandom().NextBytes(nonce);
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, context.ToArray()));
        var output = new byte[12 + gcm.GetOutputSize(plaintext.Length)];
        nonce.CopyTo(output, 0);
        var written = gcm.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, 12);
        gcm.DoFinal(output, 12 + written);
        return output;
    }

    /// <exception cref="Org.BouncyCastle.Crypto.InvalidCipherTextException">Wrong key, wrong context or altered bytes.</exception>
    public static byte[] Sm4GcmDecrypt(byte[] key, byte[] sealedBytes, ReadOnlySpan<byte> context)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(false, new AeadParameters(new KeyParameter(key), 128, sealedBytes[..12], context.ToArray()));
        var output = new byte[gcm.GetOutputSize(sealedBytes.Length - 12)];
        var written = gcm.ProcessBytes(sealedBytes, 12, sealedBytes.Length - 12, output, 0);
        written += gcm.DoFinal(output, written);
        return output[..written];
    }

    private static byte[] LeftPad(byte[] value, int length) =>
        value.Length >= length ? value : [.. new byte[length - value.Length], .. value];
}
