using System.Text;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>An X.509 certificate with its private key, PEM (or base64 DER for the certificate; PKCS#8 PEM or hex scalar for the key).</summary>
public sealed record SignerCertificateRequest(string? Certificate, string? PrivateKey);

/// <summary>The key a signer now signs with, from an imported certificate.</summary>
public sealed record SignerCertificateView(string KeyId, string UserId, string PublicKey, string Subject, string Issuer, string SerialNumber,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset ImportedAt);

/// <summary>
/// Replaces a signer's server-generated SM2 key by the key of an X.509 certificate a CA issued (issue 20 item 3): the
/// certificate's public key must be SM2 (curve sm2p256v1), the certificate within its validity now, and the private key
/// given with it must be the certificate's. The key becomes the signer's newest (it signs from now on; earlier keys stay
/// to verify what they signed), its private key encrypted like a generated one, and every signature made with it carries
/// the certificate. The certificate's chain to a CA is not checked here (docs/security.md).
/// </summary>
public sealed class SignerCertificates(WorkflowDbContext db, KeyRing keys, TimeProvider clock)
{
    private static IntegrityTexts T => IntegrityTexts.Catalog;

    public async Task<(SignerCertificateView? View, IResult? Problem)> ImportAsync(string userId, SignerCertificateRequest request, CancellationToken ct)
    {
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct))
        {
            return (null, ApiProblem.Refused(T.NotFound("not-found.user")));
        }
        X509Certificate? certificate;
        try
        {
            certificate = string.IsNullOrWhiteSpace(request.Certificate) ? null : new X509CertificateParser().ReadCertificate(CertificateBytes(request.Certificate));
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or FormatException or ArgumentException or IOException or InvalidCastException)
        {
            certificate = null;
        }
        if (certificate is null)
        {
            return (null, ApiProblem.Refused(T.Invalid("certificate-unreadable", null, (RequestField.Argument, "certificate"))));
        }
        if (certificate.GetPublicKey() is not ECPublicKeyParameters publicKey
            || !publicKey.Parameters.Curve.Equals(SmCrypto.Curve.Curve) || !publicKey.Parameters.G.Equals(SmCrypto.Curve.G))
        {
            return (null, ApiProblem.Refused(T.Invalid("certificate-not-sm2", null, (RequestField.Argument, "certificate"))));
        }
        var now = clock.GetUtcNow();
        var notBefore = new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero);
        if (now < notBefore || now > notAfter)
        {
            return (null, ApiProblem.Refused(T.Invalid("certificate-not-valid-now", null, (RequestField.Argument, "certificate"),
                // A certificate belongs to no jurisdiction: its validity is stated in UTC, as the certificate states it.
                ("notBefore", $"{notBefore:yyyy-MM-dd HH:mm:ss} UTC"), ("notAfter", $"{notAfter:yyyy-MM-dd HH:mm:ss} UTC"))));
        }
        var publicPoint = publicKey.Q.Normalize().GetEncoded(false);
        var privateKey = PrivateScalar(request.PrivateKey);
        try
        {
            if (privateKey is null || !SmCrypto.Sm2PublicKeyOf(privateKey).AsSpan().SequenceEqual(publicPoint))
            {
                return (null, ApiProblem.Refused(T.Invalid("certificate-key-mismatch", null, (RequestField.Argument, "privateKey"))));
            }
            var encryption = keys.Current(KeyRing.DataEncryption);
            var id = $"sm2-{Guid.NewGuid():N}";
            var key = new SignerKey
            {
                Id = id, UserId = userId, Algorithm = SmCrypto.Sm2WithSm3, PublicKey = Convert.ToHexStringLower(publicPoint),
                EncryptedPrivateKey = Convert.ToHexStringLower(SmCrypto.Sm4GcmEncrypt(encryption.Bytes, privateKey, SignerKeys.Context(id, userId))),
                EncryptionAlgorithm = SmCrypto.Sm4Gcm, EncryptionKeyId = encryption.Id, CreatedAt = now,
                Certificate = Convert.ToBase64String(certificate.GetEncoded()),
            };
            db.Set<SignerKey>().Add(key);
            await db.SaveChangesAsync(ct);
            return (new SignerCertificateView(id, userId, key.PublicKey, certificate.SubjectDN.ToString(), certificate.IssuerDN.ToString(),
                certificate.SerialNumber.ToString(16), notBefore, notAfter, now), null);
        }
        finally
        {
            if (privateKey is not null)
            {
                Array.Clear(privateKey);
            }
        }
    }

    private static byte[] CertificateBytes(string text) =>
        text.Contains("-----BEGIN", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes(text) : Convert.FromBase64String(text.Trim());

    /// <summary>The 32-byte private scalar from PKCS#8 PEM (<c>BEGIN PRIVATE KEY</c>) or hex; null when it is neither or not an EC key.</summary>
    private static byte[]? PrivateScalar(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            if (text.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
            {
                var body = text.Split("-----BEGIN PRIVATE KEY-----")[1].Split("-----END PRIVATE KEY-----")[0];
                return PrivateKeyFactory.CreateKey(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))) is ECPrivateKeyParameters ec
                    ? ec.D.ToByteArrayUnsigned() is { Length: <= 32 } d ? [.. new byte[32 - d.Length], .. d] : null
                    : null;
            }
            var hex = Convert.FromHexString(text.Trim());
            return hex.Length == 32 ? hex : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or IOException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
