using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// The SM-series primitives against the published example vectors: GB/T 32905 (SM3), GB/T 32918 / GM/T 0003 (SM2)
/// and GB/T 32907 (SM4); and the failures a signature must have (tampered, wrong key, re-signed forgery).
/// </summary>
public sealed class SmVectorTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void SM3_GB_T_32905_examples_with_BouncyCastle_and_the_engine(string message, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(message);
        Assert.Equal(expected, Convert.ToHexStringLower(SmCrypto.Sm3Hash(bytes)));
        Assert.Equal(expected, Convert.ToHexStringLower(Engine.Journal.Sm3.HashData(bytes)));
    }

    [Fact]
    public void SM4_GB_T_32907_example_1_one_block()
    {
        var key = Hex("0123456789abcdeffedcba9876543210");
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var block = Hex("0123456789abcdeffedcba9876543210");
        engine.ProcessBlock(block, 0, block, 0);
        Assert.Equal("681edf34d206965e86b3e94f536e4246", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void SM4_GB_T_32907_example_2_a_million_encryptions()
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(Hex("0123456789abcdeffedcba9876543210")));
        var block = Hex("0123456789abcdeffedcba9876543210");
        for (var i = 0; i < 1_000_000; i++)
        {
            engine.ProcessBlock(block, 0, block, 0);
        }
        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void SM4_GCM_round_trip_and_every_wrong_input_is_refused()
    {
        var key = Hex("0123456789abcdeffedcba9876543210");
        var sealedBytes = SmCrypto.Sm4GcmEncrypt(key, "13800000000"u8, "comment:1"u8);

        Assert.Equal("13800000000", Encoding.UTF8.GetString(SmCrypto.Sm4GcmDecrypt(key, sealedBytes, "comment:1"u8)));
        Assert.ThrowsAny<Org.BouncyCastle.Crypto.InvalidCipherTextException>(() => SmCrypto.Sm4GcmDecrypt(Hex("00112233445566778899aabbccddeeff"), sealedBytes, "comment:1"u8));
        Assert.ThrowsAny<Org.BouncyCastle.Crypto.InvalidCipherTextException>(() => SmCrypto.Sm4GcmDecrypt(key, sealedBytes, "comment:2"u8));
        var flipped = (byte[])sealedBytes.Clone();
        flipped[14] ^= 1;
        Assert.ThrowsAny<Org.BouncyCastle.Crypto.InvalidCipherTextException>(() => SmCrypto.Sm4GcmDecrypt(key, flipped, "comment:1"u8));
    }

    /// <summary>
    /// GM/T 0003.2-2012 (GB/T 32918.2) appendix A: the signature example is on the standard's own 256-bit test curve,
    /// not on sm2p256v1, with signer id ALICE123@YAHOO.COM and message "message digest". The published (r, s) verifies
    /// with the published public key, and fails for any other message.
    /// </summary>
    [Fact]
    public void SM2_GM_T_0003_appendix_A_example_signature_verifies_on_its_test_curve()
    {
        var curve = new FpCurve(
            new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16),
            new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16),
            new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16),
            new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16), BigInteger.One);
        var domain = new ECDomainParameters(curve,
            curve.CreatePoint(new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16),
                new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16)),
            curve.Order, BigInteger.One);
        var publicKey = new ECPublicKeyParameters(curve.CreatePoint(
            new BigInteger("0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A", 16),
            new BigInteger("7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857", 16)), domain);
        // The private key d of the example gives exactly this public key.
        Assert.Equal(publicKey.Q, domain.G.Multiply(new BigInteger("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263", 16)).Normalize());
        var signature = Hex("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1" + "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7");

        bool Verify(string message)
        {
            var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
            signer.Init(false, new ParametersWithID(publicKey, Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM")));
            var bytes = Encoding.ASCII.GetBytes(message);
            signer.BlockUpdate(bytes, 0, bytes.Length);
            return signer.VerifySignature(signature);
        }

        Assert.True(Verify("message digest"));
        Assert.False(Verify("message digesT"));
    }

    [Fact]
    public void SM2_on_the_recommended_curve_round_trips_and_every_forgery_fails()
    {
        var (privateKey, publicKey) = SmCrypto.NewSm2KeyPair();
        var message = "专家论证意见：方案可行。\n2026-12-06T08:00:00.000Z\nexpert-1"u8.ToArray();
        var signature = SmCrypto.Sm2Sign(privateKey, message);

        Assert.Equal(65, publicKey.Length);
        Assert.Equal(publicKey, SmCrypto.Sm2PublicKeyOf(privateKey));
        Assert.True(SmCrypto.Sm2Verify(publicKey, message, signature));

        // A tampered signature.
        var tampered = (byte[])signature.Clone();
        tampered[^3] ^= 0x40;
        Assert.False(SmCrypto.Sm2Verify(publicKey, message, tampered));
        // A changed text under the original signature.
        Assert.False(SmCrypto.Sm2Verify(publicKey, "专家论证意见：方案不可行。"u8, signature));
        // The wrong public key.
        var (_, otherPublic) = SmCrypto.NewSm2KeyPair();
        Assert.False(SmCrypto.Sm2Verify(otherPublic, message, signature));
        // A forger who changes the text and signs it again with a key of their own: fails against the signer's key.
        var (forgerPrivate, _) = SmCrypto.NewSm2KeyPair();
        var forged = "专家论证意见：方案不可行。"u8.ToArray();
        Assert.False(SmCrypto.Sm2Verify(publicKey, forged, SmCrypto.Sm2Sign(forgerPrivate, forged)));
        // Another signer id (Z_A differs).
        Assert.False(SmCrypto.Sm2Verify(publicKey, message, signature, "ALICE123@YAHOO.COM"));
        // Garbage is a failed verification, never an exception.
        Assert.False(SmCrypto.Sm2Verify([0x04, 1, 2, 3], message, signature));
        Assert.False(SmCrypto.Sm2Verify(publicKey, message, [0x30, 0x00]));
    }

    [Fact]
    public void A_signature_made_once_verifies_with_its_recorded_public_key_forever()
    {
        // Made by an independent implementation (textbook SM2 in Python: Z_A with the default user id, e = SM3(Z_A ‖ M),
        // DER (r, s)) on sm2p256v1; guards against a change of encoding, curve or user id that would leave every stored
        // signature unverifiable.
        var publicKey = Hex(RecordedPublicKey);
        Assert.True(SmCrypto.Sm2Verify(publicKey, Encoding.UTF8.GetBytes(RecordedMessage), Hex(RecordedSignature)));
    }

    private const string RecordedMessage = "rolw-journal-checkpoint-v1\n1\n2026-12-06T00:00:00.000Z\n0\nsm3\n1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b";
    private const string RecordedPublicKey = "0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";
    private const string RecordedSignature = "3046022100de49b65a64650be6b69bd2856a944934f1e104a7e57e8b64bdb81c2bf0c92c3e022100a539fa0fc3712b610cf966550347d83bd1c0616796daffb3eb609e959eadfa09";
}
