using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.LegalityReview;

/// <summary>
/// The review itself (第二十五条至第二十八条): a signed counsel opinion, findings on authority, procedure and content, the legal
/// risk of an exploratory reform, and "not reviewed or unlawful → not on the meeting's table". The servers shared with
/// other classes, one per database (<see cref="SharedServers"/>): each test works on its own matters.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class LegalityReviewTests(SharedServers servers)
{
    private static async Task<(InstanceView Instance, Guid MatterId)> AtCounselAsync(ProcedureDriver driver)
    {
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
        instance = await driver.CompleteAsync(instance.Id, "legality-intake", "accepted");
        Assert.Equal("legal-counsel-opinion", Assert.Single(instance.OpenTasks).StepId);
        return (instance, Guid.Parse(instance.MatterId));
    }

    private static async Task<ComplianceItem> LineAsync(ServerFactory server, Guid matterId, string code) =>
        await server.WithDatabaseAsync(async db =>
        {
            var matter = await db.Matters.FindAsync(matterId);
            await using var scope = server.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ComplianceReportService>().BuildAsync(matter!, CancellationToken.None);
            return report.Items.Single(i => i.Code == code);
        });

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_counsel_opinion_is_required_signed_by_the_account_and_verifiable(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instance, matterId) = await AtCounselAsync(driver);
        var task = Assert.Single(instance.OpenTasks);

        var none = await driver.CompleteRawAsync("counsel", task.Id, "opinion-given").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("counsel-opinion-missing", "第二十八条"), (none.Code, none.Article));

        var drafter = await driver.As("drafter");
        var forbidden = await drafter.PostJsonAsync($"/api/matters/{matterId}/legality/counsel-opinions", new { kind = "legal-counsel", text = "意见" })
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("第二十八条", forbidden.Article);

        var counsel = await driver.As("counsel");
        const string text = "决策草案第五条的收费标准应报价格主管部门审核。";
        var opinion = await counsel.PostJsonAsync($"/api/matters/{matterId}/legality/counsel-opinions", new { kind = "staff-lawyer", text })
            .ExpectAsync<CounselOpinionView>(HttpStatusCode.Created, server);
        var check = await counsel.GetAsync($"/api/matters/{matterId}/legality/counsel-opinions/{opinion.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal("sm2-sm3", check.Algorithm);
        var message = OpinionSignatures.Message("counsel-opinion", opinion.Id, matterId, $"{opinion.CounselTaskId:D}/staff-lawyer", opinion.GivenBy, opinion.GivenAt, text);
        Assert.True(SmCrypto.Sm2Verify(Convert.FromHexString(check.PublicKey!), message, Convert.FromHexString(opinion.Signature)));
        var journal = await driver.JournalAsync(instance.Id);
        var entry = Assert.Single(journal, e => e.Type == "CounselOpinionGiven");
        Assert.Contains(opinion.Signature, entry.DataJson);

        // A changed text no longer matches its signature.
        await server.WithDatabaseAsync(async db =>
        {
            var row = await db.Set<CounselOpinion>().FindAsync(opinion.Id);
            row!.Text += "（已篡改）";
            return await db.SaveChangesAsync();
        });
        Assert.False((await counsel.GetAsync($"/api/matters/{matterId}/legality/counsel-opinions/{opinion.Id}/verify")
            .ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server)).Valid);

        using var done = await driver.CompleteRawAsync("counsel", task.Id, "opinion-given").ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("Met", (await LineAsync(server, matterId, "legality:counsel-opinion")).Status.ToString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Concluding_needs_findings_and_an_exploratory_reform_needs_the_legal_risk(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instance, matterId) = await AtCounselAsync(driver);
        instance = await driver.CompleteAsync(instance.Id, "legal-counsel-opinion", "opinion-given");
        var review = Assert.Single(instance.OpenTasks);
        Assert.Equal("legality-review", review.StepId);
        var reviewed = await LineAsync(server, matterId, "legality:reviewed-lawful");
        Assert.Equal((ComplianceStatus.Pending, "第二十五条"), (reviewed.Status, reviewed.Article));
        Assert.Equal(["collective-decision"], reviewed.RequiredBefore);

        var bare = await driver.CompleteRawAsync("reviewer", review.Id, "lawful").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("review-findings-missing", "第二十七条"), (bare.Code, bare.Article));

        var reviewer = await driver.As("reviewer");
        var partial = await reviewer.PostJsonAsync($"/api/matters/{matterId}/legality/findings", new { authority = "在权限内。", procedure = "", content = "合法。" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-findings", partial.Code);
        var before = await driver.GetInstanceAsync(instance.Id);
        await reviewer.PostJsonAsync($"/api/matters/{matterId}/legality/findings",
            new { authority = "在本级政府权限内。", procedure = "已履行法定程序。", content = "国家层面无明确规定。" }).ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal(before.JournalEntries + 1, (await driver.GetInstanceAsync(instance.Id)).JournalEntries);

        var noRisk = await driver.CompleteRawAsync("reviewer", review.Id, "exploratory-reform", "探索性改革事项。").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("legal-risk-required", "第二十五条"), (noRisk.Code, noRisk.Article));

        await reviewer.PostJsonAsync($"/api/matters/{matterId}/legality/findings", new
        {
            authority = "在本级政府权限内。", procedure = "已履行法定程序。", content = "国家层面无明确规定。", legalRisk = "可能与今后出台的上位法不一致。",
        }).ExpectAsync(HttpStatusCode.Created, server);
        instance = await driver.CompleteRawAsync("reviewer", review.Id, "exploratory-reform", "探索性改革事项，已明示法律风险。").ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal("meeting-scheduling", Assert.Single(instance.OpenTasks).StepId);
        Assert.Equal(ComplianceStatus.Met, (await LineAsync(server, matterId, "legality:reviewed-lawful")).Status);
        Assert.Contains("法律风险", (await LineAsync(server, matterId, "legality:findings")).Detail);
    }

    /// <summary>第二十五条: found unlawful → the compliance line is unmet and holds the meeting (RequiredBefore collective-decision).</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_unlawful_draft_is_an_unmet_line_before_the_collective_decision(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.AdvanceToLegalityReviewAsync(instance.Id);
        await driver.CompleteAsync(instance.Id, "legality-review", "unlawful", "超越法定权限。");

        var matterId = await driver.MatterIdAsync(instance.Id);
        var line = await LineAsync(server, matterId, "legality:reviewed-lawful");
        Assert.Equal((ComplianceStatus.Unmet, "第二十五条"), (line.Status, line.Article));
        var unmet = await server.WithDatabaseAsync(async db =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ComplianceReportService>()
                .UnmetBeforeAsync((await db.Matters.FindAsync(matterId))!, "collective-decision", CancellationToken.None);
        });
        Assert.Contains(unmet, i => i.Code == "legality:reviewed-lawful");
    }
}
