using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Record;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// The legality review office's findings (第二十七条), the members' opinions and the head's decision at the meeting
/// (第三十条) are SM2-signed by the reviewer's, each member's and the head's keys through the opinions' signing path (issue 20). Checked twice on each database:
/// by the server's verify endpoints against the database, and offline by the dossier verifier against the exported
/// ZIP. A tampered signature, a wrong key and a changed text re-signed by another key fail both ways.
/// </summary>
public sealed class StatementSignatureTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_findings_and_the_decision_are_signed_and_tampering_fails_the_server_check(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var decided = await DecidedAsync(driver);
        var (findings, head, counselKey) = (decided.Findings, decided.Head, decided.CounselKeyId);
        Assert.Equal(SmCrypto.Sm2WithSm3, findings.SignatureAlgorithm);
        Assert.Equal(SmCrypto.Sm2WithSm3, head.SignatureAlgorithm);
        var reviewerKey = await server.WithDatabaseAsync(db => db.Set<SignerKey>().AsNoTracking().SingleAsync(k => k.Id == findings.SignerKeyId));
        var chiefKey = await server.WithDatabaseAsync(db => db.Set<SignerKey>().AsNoTracking().SingleAsync(k => k.Id == head.SignerKeyId));
        Assert.Equal((findings.RecordedBy, head.UserId), (reviewerKey.UserId, chiefKey.UserId));

        // Both verify; the journal recorded each signature with its public key.
        Assert.True((await VerifyFindingsAsync(driver, findings)).Valid);
        var check = await VerifyDecisionAsync(driver, decided.MeetingId, head);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal(chiefKey.PublicKey, check.PublicKey);
        var journal = await driver.JournalAsync(decided.InstanceId);
        var completed = JsonDocument.Parse(journal.Single(e => e.Type == "TaskCompleted" && e.StepId == "collective-decision").DataJson).RootElement;
        Assert.Equal((head.Id.ToString("D"), head.Signature, chiefKey.PublicKey),
            (completed.GetProperty("statementId").GetString(), completed.GetProperty("signature").GetString(), completed.GetProperty("publicKey").GetString()));

        // A tampered signature.
        await ChangeFindingsAsync(server, findings.Id, f => f.Signature = Flip(findings.Signature!));
        Assert.Equal(("mismatch", "签名与内容不符。"), Problem((await VerifyFindingsAsync(driver, findings))));
        await ChangeStatementAsync(server, head.Id, s => s.Signature = Flip(head.Signature!));
        Assert.Equal(("mismatch", "签名与内容不符。"), Problem((await VerifyDecisionAsync(driver, decided.MeetingId, head))));

        // A wrong key: another signer's (the counsel's) key named on the row.
        await ChangeFindingsAsync(server, findings.Id, f => (f.Signature, f.SignerKeyId) = (findings.Signature, counselKey));
        Assert.Equal(("key-not-signers", "签名密钥不属于署名人。"), Problem((await VerifyFindingsAsync(driver, findings))));
        await ChangeStatementAsync(server, head.Id, s => (s.Signature, s.SignerKeyId) = (head.Signature, counselKey));
        Assert.Equal(("key-not-signers", "签名密钥不属于署名人。"), Problem((await VerifyDecisionAsync(driver, decided.MeetingId, head))));

        // A forger with the database changes the text, puts a public key of their own on the signer's key row and
        // signs the changed text with it: the journal (keyed, anchored) still names the signer's original key.
        await ChangeFindingsAsync(server, findings.Id, f => f.SignerKeyId = findings.SignerKeyId);
        await ChangeStatementAsync(server, head.Id, s => s.SignerKeyId = head.SignerKeyId);
        var (forgerPrivate, forgerPublic) = SmCrypto.NewSm2KeyPair();
        await server.WithDatabaseAsync(async db =>
        {
            foreach (var key in await db.Set<SignerKey>().Where(k => k.Id == findings.SignerKeyId || k.Id == head.SignerKeyId).ToListAsync())
            {
                key.PublicKey = Convert.ToHexStringLower(forgerPublic);
            }
            return await db.SaveChangesAsync();
        });
        await ChangeFindingsAsync(server, findings.Id, f =>
        {
            f.Content = "草案内容与上位法相抵触。";
            f.Signature = Convert.ToHexStringLower(SmCrypto.Sm2Sign(forgerPrivate, LegalityService.FindingsMessage(f)));
        });
        await ChangeStatementAsync(server, head.Id, s =>
        {
            s.Position = "not-approved";
            s.Signature = Convert.ToHexStringLower(SmCrypto.Sm2Sign(forgerPrivate, MeetingService.DecisionMessage(s, decided.MeetingId, decided.MatterId)));
        });
        Assert.Equal(("key-not-journaled", "公钥与程序日志记载的不一致。"), Problem((await VerifyFindingsAsync(driver, findings))));
        Assert.Equal(("key-not-journaled", "公钥与程序日志记载的不一致。"), Problem((await VerifyDecisionAsync(driver, decided.MeetingId, head))));

        // Findings recorded before signatures answer as unsigned, not as broken.
        await ChangeFindingsAsync(server, findings.Id, f => (f.Signature, f.SignatureAlgorithm, f.SignerKeyId) = (null, null, null));
        var unsigned = await VerifyFindingsAsync(driver, findings);
        Assert.Equal((false, OpinionSignatures.Unsigned), (unsigned.Valid, unsigned.Algorithm));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_members_opinion_is_signed_with_her_own_key_and_tampering_fails_the_server_check(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var decided = await DecidedAsync(driver);
        var opinion = decided.Opinion;
        var secretary = await server.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "secretary"));
        // Recorded by the meeting secretary for the member, signed with the member's key (not the secretary's).
        Assert.Equal((SmCrypto.Sm2WithSm3, secretary.Id), (opinion.SignatureAlgorithm, opinion.RecordedBy));
        var memberKey = await server.WithDatabaseAsync(db => db.Set<SignerKey>().AsNoTracking().SingleAsync(k => k.Id == opinion.SignerKeyId));
        Assert.Equal(opinion.UserId, memberKey.UserId);
        Assert.NotEqual(secretary.Id, memberKey.UserId);

        var check = await VerifyOpinionAsync(driver, decided.MeetingId, opinion);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal((memberKey.PublicKey, Convert.ToHexStringLower(SmCrypto.Sm3Hash(MeetingService.OpinionMessage(opinion, decided.MeetingId, decided.MatterId)))),
            (check.PublicKey, check.Recomputed));
        // Her party task's completion journaled the signature and the public key (in the data the engine embeds).
        var journal = await driver.JournalAsync(decided.InstanceId);
        var completed = JsonDocument.Parse(journal.Single(e => e.Type == "PartyTaskCompleted" && e.DataJson.Contains(opinion.Id.ToString("D"))).DataJson)
            .RootElement.GetProperty("data");
        Assert.Equal((opinion.Signature, memberKey.PublicKey, memberKey.Id),
            (completed.GetProperty("signature").GetString(), completed.GetProperty("publicKey").GetString(), completed.GetProperty("signerKeyId").GetString()));
        // The minutes name each statement, so its check can be asked for.
        var meeting = await (await driver.As("member")).GetAsync($"/api/meetings/{decided.MeetingId}").ExpectAsync<MeetingView>(HttpStatusCode.OK, server);
        Assert.Contains(meeting.Agenda.SelectMany(a => a.Statements), s => s.Id == opinion.Id && s.Capacity == "member");

        // Another statement's id (the head's decision) is no member's opinion.
        Assert.Equal("not-found", (await (await driver.As("member"))
            .GetAsync($"/api/meetings/{decided.MeetingId}/agenda/{opinion.AgendaItemId}/opinions/{decided.Head.Id}/verify").ReadProblemAsync(HttpStatusCode.NotFound)).Code);

        // A changed word, then a tampered signature.
        await ChangeStatementAsync(server, opinion.Id, s => s.Text = opinion.Text + "（补充）");
        Assert.Equal(("mismatch", "签名与内容不符。"), Problem((await VerifyOpinionAsync(driver, decided.MeetingId, opinion))));
        await ChangeStatementAsync(server, opinion.Id, s => (s.Text, s.Signature) = (opinion.Text, Flip(opinion.Signature!)));
        Assert.Equal(("mismatch", "签名与内容不符。"), Problem((await VerifyOpinionAsync(driver, decided.MeetingId, opinion))));

        // A wrong key: the secretary who recorded it, or another signer, named on the row.
        await ChangeStatementAsync(server, opinion.Id, s => (s.Signature, s.SignerKeyId) = (opinion.Signature, decided.CounselKeyId));
        Assert.Equal(("key-not-signers", "签名密钥不属于署名人。"), Problem((await VerifyOpinionAsync(driver, decided.MeetingId, opinion))));

        // A forger changes the position, swaps the member's public key for their own and re-signs: the journal names the original.
        var (forgerPrivate, forgerPublic) = SmCrypto.NewSm2KeyPair();
        await server.WithDatabaseAsync(async db =>
        {
            var key = await db.Set<SignerKey>().SingleAsync(k => k.Id == opinion.SignerKeyId);
            key.PublicKey = Convert.ToHexStringLower(forgerPublic);
            return await db.SaveChangesAsync();
        });
        await ChangeStatementAsync(server, opinion.Id, s =>
        {
            s.SignerKeyId = opinion.SignerKeyId;
            s.Position = "disagree";
            s.Signature = Convert.ToHexStringLower(SmCrypto.Sm2Sign(forgerPrivate, MeetingService.OpinionMessage(s, decided.MeetingId, decided.MatterId)));
        });
        Assert.Equal(("key-not-journaled", "公钥与程序日志记载的不一致。"), Problem((await VerifyOpinionAsync(driver, decided.MeetingId, opinion))));

        // An opinion recorded before members' opinions were signed answers as unsigned, not as broken.
        await ChangeStatementAsync(server, opinion.Id, s => (s.Position, s.Signature, s.SignatureAlgorithm, s.SignerKeyId) = (opinion.Position, null, null, null));
        var unsigned = await VerifyOpinionAsync(driver, decided.MeetingId, opinion);
        Assert.Equal((false, OpinionSignatures.Unsigned), (unsigned.Valid, unsigned.Algorithm));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_dossier_holds_keys_and_signatures_and_the_offline_verifier_catches_each_forgery(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var decided = await DecidedAsync(driver);
        var zip = await DossierExportTests.ExportAsync(await driver.As("drafter"), decided.MatterId, server);

        var verdict = DossierVerifier.Verify(new MemoryStream(zip));
        Assert.True(verdict.Valid, verdict.ToString());
        // The counsel's opinion, the findings, the member's opinion and the head's decision.
        Assert.Equal((4, 0), (verdict.SignaturesVerified, verdict.Unsigned));
        Assert.Contains("4 SM2 signatures verified, 0 statements unsigned", verdict.ToString());
        var signatures = JsonSerializer.Deserialize<DossierSignatures>(Files(zip)[DossierFormat.SignaturesPath], DossierFormat.Json)!;
        var findings = signatures.Statements.Single(s => s.Kind == SignedStatements.LegalityFindings);
        var head = signatures.Statements.Single(s => s.Kind == SignedStatements.HeadDecision);
        var opinion = signatures.Statements.Single(s => s.Kind == SignedStatements.MemberOpinion);
        Assert.Equal((decided.Findings.Signature, decided.Head.Signature, decided.Opinion.Signature), (findings.Signature, head.Signature, opinion.Signature));
        // The member's opinion is published with exactly what her signature covers: her position, words and who recorded them.
        Assert.Equal((decided.Opinion.UserId, $"{decided.MeetingId:D}/{decided.Opinion.AgendaItemId:D}", JournalEntryTypes.PartyTaskCompleted),
            (opinion.SignedBy, opinion.Subject, opinion.JournalType));
        Assert.Equal(SignedStatements.MemberOpinionText(decided.Opinion.Position, decided.Opinion.Text, decided.Opinion.RecordedBy), opinion.Text);
        Assert.Single(signatures.Keys, k => k.KeyId == opinion.KeyId && k.UserId == decided.Opinion.UserId);
        var counselKey = Assert.Single(signatures.Keys, k => k.KeyId == decided.CounselKeyId);
        // The readable summary shows each signed statement's state, as the offline check found it at export.
        Assert.Equal(signatures.Statements.Select(s => (s.Id.ToString("D"), "valid")), SummarySignatures(zip));

        foreach (var statement in new[] { findings, head, opinion })
        {
            var item = $"{DossierFormat.SignaturesPath} ({statement.Kind} {statement.Id:D})";

            // A tampered signature (the manifest's line rewritten too: the manifest is not signed).
            var tampered = Forge(zip, s => Replace(s, statement with { Signature = Flip(statement.Signature!) }));
            AssertFails(tampered, item, "its SM2 signature does not verify with key");

            // A wrong key: another signer's key named, or the signer's published key swapped for another.
            AssertFails(Forge(zip, s => Replace(s, statement with { KeyId = counselKey.KeyId })), item, $"belongs to {counselKey.UserId}, not to the signer");
            var (_, otherPublic) = SmCrypto.NewSm2KeyPair();
            AssertFails(Forge(zip, s => s with
            {
                Keys = [.. s.Keys.Select(k => k.KeyId == statement.KeyId ? k with { PublicKey = Convert.ToHexStringLower(otherPublic) } : k)],
            }), item, "its SM2 signature does not verify with key");

            // A changed text re-signed by the forger's key, published as the signer's: the journal names the real key.
            var (forgerPrivate, forgerPublic) = SmCrypto.NewSm2KeyPair();
            var text = statement.Text.Replace("approved", "not-approved", StringComparison.Ordinal).Replace("agree", "disagree", StringComparison.Ordinal) + "（改）";
            var forged = statement with
            {
                Text = text, KeyId = "sm2-forged",
                Signature = Convert.ToHexStringLower(SmCrypto.Sm2Sign(forgerPrivate,
                    SignedStatements.Message(statement.Kind, statement.Id, statement.MatterId, statement.Subject, statement.SignedBy, statement.SignedAt, text))),
            };
            AssertFails(Forge(zip, s => Replace(s, forged) with
            {
                Keys = [.. s.Keys, new DossierSignerKey("sm2-forged", statement.SignedBy, SmCrypto.Sm2WithSm3, Convert.ToHexStringLower(forgerPublic), DateTimeOffset.UnixEpoch)],
            }), item, "re-signed by a key that is not the signer's published key (a forgery)");
        }

        // A signature removed in the database before the export: the journal still records it.
        await server.WithDatabaseAsync(async db =>
        {
            var row = await db.Set<LegalityFindings>().SingleAsync(f => f.Id == decided.Findings.Id);
            (row.Signature, row.SignatureAlgorithm, row.SignerKeyId) = (null, null, null);
            return await db.SaveChangesAsync();
        });
        var stripped = await DossierExportTests.ExportAsync(await driver.As("drafter"), decided.MatterId, server);
        AssertFails(stripped, $"{DossierFormat.SignaturesPath} ({findings.Kind} {findings.Id:D})", "the signature was removed");
        // The summary names it invalid, with the reason, and the others still valid.
        Assert.Equal(signatures.Statements.Select(s => (s.Id.ToString("D"), s.Id == findings.Id ? "invalid" : "valid")), SummarySignatures(stripped));
        var row = Summary(stripped).QuerySelector($"#signatures tr[data-statement='{findings.Id:D}']")!;
        Assert.Contains("the signature was removed", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("签名无效", row.TextContent, StringComparison.Ordinal);
    }

    private sealed record Decided(Guid InstanceId, Guid MatterId, Guid MeetingId, LegalityFindings Findings, MeetingStatement Head, MeetingStatement Opinion,
        string CounselKeyId);

    /// <summary>
    /// A matter through legality review (counsel's opinion, the reviewer's findings) and decided at a meeting: the one
    /// member's opinion recorded by the meeting secretary for her, then the head's decision.
    /// </summary>
    private static async Task<Decided> DecidedAsync(ProcedureDriver driver)
    {
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");
        return await driver.Server.WithDatabaseAsync(async db =>
        {
            var findings = await db.Set<LegalityFindings>().AsNoTracking().SingleAsync(f => f.InstanceId == instance.Id);
            var item = await db.Set<AgendaItem>().AsNoTracking().SingleAsync(a => a.MatterId == findings.MatterId);
            var head = await db.Set<MeetingStatement>().AsNoTracking().SingleAsync(s => s.AgendaItemId == item.Id && s.Capacity == "head");
            var opinion = await db.Set<MeetingStatement>().AsNoTracking().SingleAsync(s => s.AgendaItemId == item.Id && s.Capacity == "member");
            var counsel = await db.Set<CounselOpinion>().AsNoTracking().FirstAsync(o => o.InstanceId == instance.Id);
            return new Decided(instance.Id, findings.MatterId, item.MeetingId, findings, head, opinion, counsel.SignerKeyId!);
        });
    }

    private static async Task<SignatureCheck> VerifyFindingsAsync(ProcedureDriver driver, LegalityFindings findings) =>
        await (await driver.As("drafter")).GetAsync($"/api/matters/{findings.MatterId}/legality/findings/{findings.Id}/verify")
            .ExpectAsync<SignatureCheck>(HttpStatusCode.OK, driver.Server);

    private static async Task<SignatureCheck> VerifyDecisionAsync(ProcedureDriver driver, Guid meetingId, MeetingStatement head) =>
        await (await driver.As("chief")).GetAsync($"/api/meetings/{meetingId}/agenda/{head.AgendaItemId}/decision/verify")
            .ExpectAsync<SignatureCheck>(HttpStatusCode.OK, driver.Server);

    private static async Task<SignatureCheck> VerifyOpinionAsync(ProcedureDriver driver, Guid meetingId, MeetingStatement opinion) =>
        await (await driver.As("member")).GetAsync($"/api/meetings/{meetingId}/agenda/{opinion.AgendaItemId}/opinions/{opinion.Id}/verify")
            .ExpectAsync<SignatureCheck>(HttpStatusCode.OK, driver.Server);

    private static Task<int> ChangeFindingsAsync(ServerFactory server, Guid id, Action<LegalityFindings> change) => server.WithDatabaseAsync(async db =>
    {
        var row = await db.Set<LegalityFindings>().SingleAsync(f => f.Id == id);
        change(row);
        return await db.SaveChangesAsync();
    });

    private static Task<int> ChangeStatementAsync(ServerFactory server, Guid id, Action<MeetingStatement> change) => server.WithDatabaseAsync(async db =>
    {
        var row = await db.Set<MeetingStatement>().SingleAsync(s => s.Id == id);
        change(row);
        return await db.SaveChangesAsync();
    });

    private static AngleSharp.Html.Dom.IHtmlDocument Summary(byte[] zip) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Encoding.UTF8.GetString(Files(zip)[DossierFormat.SummaryPath]));

    /// <summary>The summary's signature table: each statement's id and its <c>data-signature</c> state, in order.</summary>
    private static List<(string, string)> SummarySignatures(byte[] zip) =>
        Summary(zip).QuerySelectorAll("#signatures tbody tr").Select(r => (r.GetAttribute("data-statement") ?? "", r.GetAttribute("data-signature") ?? "")).ToList();

    private static void AssertFails(byte[] zip, string item, string problem)
    {
        var verdict = DossierVerifier.Verify(new MemoryStream(zip));
        Assert.False(verdict.Valid, $"expected a failure naming {item}");
        Assert.Equal(item, verdict.Item);
        Assert.Contains(problem, verdict.Problem, StringComparison.Ordinal);
    }

    private static string Flip(string hex) => hex[..^4] + (hex[^4] == '0' ? "1" : "0") + hex[^3..];

    private static DossierSignatures Replace(DossierSignatures signatures, DossierSignedStatement statement) =>
        signatures with { Statements = [.. signatures.Statements.Select(s => s.Id == statement.Id ? statement : s)] };

    /// <summary>The ZIP with its signatures file changed and the manifest's line for it rewritten to match (as a forger would).</summary>
    private static byte[] Forge(byte[] zip, Func<DossierSignatures, DossierSignatures> change)
    {
        var files = Files(zip);
        var changed = JsonSerializer.SerializeToUtf8Bytes(change(JsonSerializer.Deserialize<DossierSignatures>(files[DossierFormat.SignaturesPath], DossierFormat.Json)!),
            DossierFormat.Json);
        files[DossierFormat.SignaturesPath] = changed;
        var manifest = JsonNode.Parse(files[DossierFormat.ManifestPath])!;
        var line = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == DossierFormat.SignaturesPath)!;
        line["sha256"] = Convert.ToHexStringLower(SHA256.HashData(changed));
        line["length"] = changed.Length;
        files[DossierFormat.ManifestPath] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    private static Dictionary<string, byte[]> Files(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
    }

    /// <summary>What is wrong, for programs and (without Accept-Language) in zh-CN for people.</summary>
    private static (string? Code, string? Text) Problem(SignatureCheck check) => (check.ProblemCode, check.Problem);
}
