using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// Opinions carry real SM2 signatures (issue 20 item 3): the private key is stored only SM4-encrypted under a key of
/// the key ring; a tampered signature, a wrong key and a re-signed forgery all fail; opinions signed the old way
/// (SHA-256 of text, time and user) still verify as what they are. Tests on their own matters share one server per
/// database with other classes (<see cref="SharedServers"/>); the forgery, which replaces the public key on the
/// counsel's signer key row (one key per user, signing every later opinion of hers), starts its own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class OpinionSignatureTests(SharedServers servers)
{
    private const string Text = "决策草案第五条的收费标准应报价格主管部门审核。";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_private_key_is_stored_encrypted_under_the_key_ring_and_signs_what_it_should(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var opinion = await GiveAsync(driver);

        var key = await server.WithDatabaseAsync(db => db.Set<SignerKey>().SingleAsync(k => k.Id == opinion.SignerKeyId));
        Assert.Equal((SmCrypto.Sm2WithSm3, SmCrypto.Sm4Gcm, "data-sm4-1"), (key.Algorithm, key.EncryptionAlgorithm, key.EncryptionKeyId));
        // Only with the key ring file (outside the database) does the stored private key open, and it is the signer's.
        var dataKey = KeyFromFile(server.Database.KeyRingFile, KeyRing.DataEncryption);
        var privateKey = SmCrypto.Sm4GcmDecrypt(dataKey, Convert.FromHexString(key.EncryptedPrivateKey), Encoding.UTF8.GetBytes($"rolw-signer-key-v1\n{key.Id}\n{key.UserId}"));
        Assert.Equal(key.PublicKey, Convert.ToHexStringLower(SmCrypto.Sm2PublicKeyOf(privateKey)));
        Assert.DoesNotContain(Convert.ToHexStringLower(privateKey), key.EncryptedPrivateKey, StringComparison.Ordinal);

        // The journal recorded the public key at signing time.
        var entry = Assert.Single(await driver.JournalAsync(opinion.InstanceId), e => e.Type == "CounselOpinionGiven");
        Assert.Equal(key.PublicKey, JsonDocument.Parse(entry.DataJson).RootElement.GetProperty("publicKey").GetString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_tampered_signature_a_wrong_key_and_a_re_signed_forgery_all_fail(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var opinion = await GiveAsync(driver);
        Assert.True((await VerifyAsync(driver, opinion)).Valid);
        var original = opinion.Signature;

        // A tampered signature.
        await ChangeAsync(server, opinion.Id, row => row.Signature = original[..^4] + (original[^4] == '0' ? "1" : "0") + original[^3..]);
        Assert.False((await VerifyAsync(driver, opinion)).Valid);

        // The signature made by someone else's key (another signer's key id put on the row).
        await ChangeAsync(server, opinion.Id, row => row.Signature = original);
        var otherKey = await server.WithDatabaseAsync(async db =>
        {
            var (privateKey, publicKey) = SmCrypto.NewSm2KeyPair();
            db.Add(new SignerKey
            {
                Id = "sm2-other", UserId = "someone-else", Algorithm = SmCrypto.Sm2WithSm3, PublicKey = Convert.ToHexStringLower(publicKey),
                EncryptedPrivateKey = "00", EncryptionAlgorithm = SmCrypto.Sm4Gcm, EncryptionKeyId = "data-sm4-1", CreatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
            return privateKey;
        });
        await ChangeAsync(server, opinion.Id, row => row.SignerKeyId = "sm2-other");
        var wrongKey = await VerifyAsync(driver, opinion);
        Assert.False(wrongKey.Valid);
        Assert.Equal(("key-not-signers", "签名密钥不属于署名人。"), Problem(wrongKey));

        // A forger with database access changes the text, makes a key pair, puts its public key on the signer's key
        // row and signs the changed text: the journal (keyed, anchored) still names the signer's original public key.
        await ChangeAsync(server, opinion.Id, row => row.SignerKeyId = opinion.SignerKeyId);
        var (forgerPrivate, forgerPublic) = SmCrypto.NewSm2KeyPair();
        var forgedText = Text.Replace("应报", "无需报", StringComparison.Ordinal);
        var forgedSignature = Convert.ToHexStringLower(SmCrypto.Sm2Sign(forgerPrivate,
            OpinionSignatures.Message("counsel-opinion", opinion.Id, opinion.MatterId, $"{opinion.CounselTaskId:D}/staff-lawyer", opinion.GivenBy, opinion.GivenAt, forgedText)));
        await server.WithDatabaseAsync(async db =>
        {
            var key = await db.Set<SignerKey>().SingleAsync(k => k.Id == opinion.SignerKeyId);
            key.PublicKey = Convert.ToHexStringLower(forgerPublic);
            return await db.SaveChangesAsync();
        });
        await ChangeAsync(server, opinion.Id, row => (row.Text, row.Signature) = (forgedText, forgedSignature));
        var forged = await VerifyAsync(driver, opinion);
        Assert.False(forged.Valid);
        Assert.Equal(("key-not-journaled", "公钥与程序日志记载的不一致。"), Problem(forged));
        Assert.NotNull(otherKey);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_opinion_signed_before_SM2_still_verifies_as_a_SHA256_digest(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var opinion = await GiveAsync(driver);
        // What a row written before the switch looks like (the migration marks those sha256-text).
        await ChangeAsync(server, opinion.Id, row =>
            (row.SignatureAlgorithm, row.SignerKeyId, row.Signature) = (OpinionSignatures.LegacySha256Text, null, ModuleWrites.Sign(row.Text, row.GivenAt, row.GivenBy)));

        var check = await VerifyAsync(driver, opinion);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal(OpinionSignatures.LegacySha256Text, check.Algorithm);

        await ChangeAsync(server, opinion.Id, row => row.Text += "（改）");
        Assert.False((await VerifyAsync(driver, opinion)).Valid);
    }

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

    private static async Task<SignatureCheck> VerifyAsync(ProcedureDriver driver, CounselOpinion opinion)
    {
        var client = await driver.As("drafter");
        return await client.GetAsync($"/api/matters/{opinion.MatterId}/legality/counsel-opinions/{opinion.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, driver.Server);
    }

    private static Task<int> ChangeAsync(ServerFactory server, Guid id, Action<CounselOpinion> change) => server.WithDatabaseAsync(async db =>
    {
        var row = await db.Set<CounselOpinion>().SingleAsync(o => o.Id == id);
        change(row);
        return await db.SaveChangesAsync();
    });

    private static byte[] KeyFromFile(string path, string purpose)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        var key = file.RootElement.GetProperty("keys").EnumerateArray().Last(k => k.GetProperty("purpose").GetString() == purpose);
        return Convert.FromHexString(key.GetProperty("material").GetString()!);
    }

    /// <summary>What is wrong, for programs and (without Accept-Language) in zh-CN for people.</summary>
    private static (string? Code, string? Text) Problem(SignatureCheck check) => (check.ProblemCode, check.Problem);
}
