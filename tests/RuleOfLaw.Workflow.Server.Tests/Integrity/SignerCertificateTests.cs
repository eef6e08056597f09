using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Record;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// Issue 20 item 3: an X.509 certificate with an SM2 key, issued by a CA (here a test CA made with BouncyCastle),
/// replaces a signer's server-generated key; a certificate that is not SM2, not valid now, unreadable, or given with
/// another private key is refused and writes nothing; signatures made afterwards carry the certificate and verify; one
/// made after the certificate expired fails the offline dossier check, which names the certificate and its period.
/// </summary>
public sealed class SignerCertificateTests
{
    private const string Text = "决策草案第五条的收费标准应报价格主管部门审核。";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_SM2_certificate_from_a_CA_replaces_the_generated_key_and_signatures_carry_it(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var counselId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "counsel").Select(u => u.Id).SingleAsync());
        // The counsel's first opinion is signed with a key the server generated.
        var before = await GiveAsync(driver);
        var generated = before.SignerKeyId!;
        using var admin = await server.SignInAsync("admin");
        var url = $"/api/admin/signers/{counselId}/certificate";
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var ca = Sm2KeyPair();
        var signer = Sm2KeyPair();
        var certificate = Issue(signer.Public, ca.Private, "SM3WITHSM2", now.AddDays(-1), now.AddYears(1));

        async Task<string?> RefusedAsync(string path, object body, HttpStatusCode status = HttpStatusCode.UnprocessableEntity) =>
            (await admin.PostJsonAsync(path, body).ReadProblemAsync(status)).Code;

        Assert.Equal("not-found", await RefusedAsync("/api/admin/signers/no-such-user/certificate",
            new { certificate = Pem(certificate), privateKey = Pkcs8(signer.Private) }, HttpStatusCode.NotFound));
        Assert.Equal("certificate-unreadable", await RefusedAsync(url, new { certificate = "not a certificate", privateKey = Pkcs8(signer.Private) }));
        var p256 = new ECKeyPairGenerator();
        p256.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, new SecureRandom()));
        var nist = p256.GenerateKeyPair();
        Assert.Equal("certificate-not-sm2", await RefusedAsync(url,
            new { certificate = Pem(Issue(nist.Public, nist.Private, "SHA256WITHECDSA", now.AddDays(-1), now.AddYears(1))), privateKey = Pkcs8(nist.Private) }));
        Assert.Equal("certificate-not-valid-now", await RefusedAsync(url,
            new { certificate = Pem(Issue(signer.Public, ca.Private, "SM3WITHSM2", now.AddYears(-2), now.AddDays(-1))), privateKey = Pkcs8(signer.Private) }));
        Assert.Equal("certificate-not-valid-now", await RefusedAsync(url,
            new { certificate = Pem(Issue(signer.Public, ca.Private, "SM3WITHSM2", now.AddDays(1), now.AddYears(1))), privateKey = Pkcs8(signer.Private) }));
        Assert.Equal("certificate-key-mismatch", await RefusedAsync(url, new { certificate = Pem(certificate), privateKey = Pkcs8(ca.Private) }));
        Assert.Equal("certificate-key-mismatch", await RefusedAsync(url, new { certificate = Pem(certificate) }));
        Assert.Equal([generated], await server.WithDatabaseAsync(db => db.Set<SignerKey>().Where(k => k.UserId == counselId).Select(k => k.Id).ToListAsync()));

        // Only operators manage keys.
        using (var drafter = await server.SignInAsync("drafter"))
        {
            using var forbidden = await drafter.PostJsonAsync(url, new { certificate = Pem(certificate), privateKey = Pkcs8(signer.Private) });
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var imported = await admin.PostJsonAsync(url, new { certificate = Pem(certificate), privateKey = Pkcs8(signer.Private) })
            .ExpectAsync<SignerCertificateView>(HttpStatusCode.OK, server);
        var publicHex = Convert.ToHexStringLower(((ECPublicKeyParameters)signer.Public).Q.Normalize().GetEncoded(false));
        Assert.Equal(publicHex, imported.PublicKey);
        Assert.Contains("CN=Test SM2 CA", imported.Issuer, StringComparison.Ordinal);

        // The counsel's next opinion is signed with the certificate's key and carries the certificate.
        var opinion = await GiveAsync(driver);
        Assert.NotEqual(generated, imported.KeyId);
        Assert.Equal(imported.KeyId, opinion.SignerKeyId);
        var der = Convert.ToBase64String(certificate.GetEncoded());
        var entry = Assert.Single(await driver.JournalAsync(opinion.InstanceId), e => e.Type == "CounselOpinionGiven");
        var data = JsonDocument.Parse(entry.DataJson).RootElement;
        Assert.Equal((publicHex, der), (data.GetProperty("publicKey").GetString(), data.GetProperty("certificate").GetString()));
        var client = await driver.As("drafter");
        var check = await client.GetAsync($"/api/matters/{opinion.MatterId}/legality/counsel-opinions/{opinion.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal((imported.KeyId, publicHex, der), (check.SignerKeyId, check.PublicKey, check.Certificate));
        // And the signature holds under the certificate's own public key, as a relying party would check it.
        var message = OpinionSignatures.Message("counsel-opinion", opinion.Id, opinion.MatterId, $"{opinion.CounselTaskId:D}/staff-lawyer", opinion.GivenBy, opinion.GivenAt, opinion.Text);
        var fromCertificate = ((ECPublicKeyParameters)new X509CertificateParser().ReadCertificate(Convert.FromBase64String(der)).GetPublicKey()).Q.GetEncoded(false);
        Assert.True(SmCrypto.Sm2Verify(fromCertificate, message, Convert.FromHexString(opinion.Signature)));

        // What the generated key signed before still verifies with it.
        var old = await client.GetAsync($"/api/matters/{before.MatterId}/legality/counsel-opinions/{before.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server);
        Assert.True(old.Valid, old.Problem);
        Assert.Equal((generated, null), (old.SignerKeyId, old.Certificate));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_signature_made_after_the_certificate_expired_fails_the_offline_check_naming_the_certificate(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var counselId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "counsel").Select(u => u.Id).SingleAsync());
        var now = server.Clock.GetUtcNow().UtcDateTime;
        var (ca, signer) = (Sm2KeyPair(), Sm2KeyPair());
        var certificate = Issue(signer.Public, ca.Private, "SM3WITHSM2", now.AddDays(-1), now.AddDays(30));
        using (var admin = await server.SignInAsync("admin"))
        {
            await admin.PostJsonAsync($"/api/admin/signers/{counselId}/certificate", new { certificate = Pem(certificate), privateKey = Pkcs8(signer.Private) })
                .ExpectAsync<SignerCertificateView>(HttpStatusCode.OK, server);
        }

        // Within the certificate's period: the dossier verifies.
        var within = await GiveAsync(driver);
        var verdict = DossierVerifier.Verify(new MemoryStream(await DossierExportTests.ExportAsync(await driver.As("drafter"), within.MatterId, server)));
        Assert.True(verdict.Valid, verdict.ToString());

        // Sixty days on, the certificate has expired; the server still signs with it until it is replaced (docs/security.md),
        // and the offline check reports the signature as made outside the certificate's validity period.
        driver.MoveClockTo(server.Clock.GetUtcNow().AddDays(60));
        var late = await GiveAsync(driver);
        Assert.Equal(within.SignerKeyId, late.SignerKeyId);
        verdict = DossierVerifier.Verify(new MemoryStream(await DossierExportTests.ExportAsync(await driver.As("drafter"), late.MatterId, server)));
        Assert.False(verdict.Valid);
        Assert.Equal($"{DossierFormat.SignaturesPath} (counsel-opinion {late.Id:D})", verdict.Item);
        Assert.Contains($"when its certificate ({certificate.SubjectDN}, serial {certificate.SerialNumber.ToString(16)}) had expired", verdict.Problem, StringComparison.Ordinal);
        Assert.Contains($"to {certificate.NotAfter:yyyy-MM-dd'T'HH:mm:ss'Z'})", verdict.Problem, StringComparison.Ordinal);
    }

    private static AsymmetricCipherKeyPair Sm2KeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1)), new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    private static X509Certificate Issue(AsymmetricKeyParameter subject, AsymmetricKeyParameter issuerKey, string algorithm, DateTime from, DateTime to)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(Random.Shared.NextInt64(1, long.MaxValue)));
        generator.SetIssuerDN(new X509Name("CN=Test SM2 CA,O=RuleOfLaw Tests,C=CN"));
        generator.SetSubjectDN(new X509Name("CN=Counsel,O=RuleOfLaw Tests,C=CN"));
        generator.SetNotBefore(from);
        generator.SetNotAfter(to);
        generator.SetPublicKey(subject);
        return generator.Generate(new Asn1SignatureFactory(algorithm, issuerKey));
    }

    private static string Pem(X509Certificate certificate) =>
        $"-----BEGIN CERTIFICATE-----\n{Convert.ToBase64String(certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks)}\n-----END CERTIFICATE-----\n";

    private static string Pkcs8(AsymmetricKeyParameter privateKey) =>
        $"-----BEGIN PRIVATE KEY-----\n{Convert.ToBase64String(PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetEncoded(), Base64FormattingOptions.InsertLineBreaks)}\n-----END PRIVATE KEY-----\n";

    private static async Task<CounselOpinion> GiveAsync(ProcedureDriver driver)
    {
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
        await driver.CompleteAsync(instance.Id, "legality-intake", "accepted");
        var counsel = await driver.As("counsel");
        var view = await counsel.PostJsonAsync($"/api/matters/{instance.MatterId}/legality/counsel-opinions", new { kind = "staff-lawyer", text = Text })
            .ExpectAsync<CounselOpinionView>(HttpStatusCode.Created, driver.Server);
        return await driver.Server.WithDatabaseAsync(db => db.Set<CounselOpinion>().AsNoTracking().SingleAsync(o => o.Id == view.Id));
    }
}
