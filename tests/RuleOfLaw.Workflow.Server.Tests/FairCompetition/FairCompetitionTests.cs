using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.FairCompetition;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.FairCompetition;

/// <summary>Fair-competition review (第二十九条第一项): a conclusion is required, and it is required before the legality review.</summary>
[Collection(SharedServersCollection.Name)]
public sealed class FairCompetitionTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_conclusion_is_required_a_non_compliant_draft_cannot_go_on_and_the_line_holds_the_submission(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["affectsMarket"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var matterId = Guid.Parse(instance.MatterId);
        var task = Assert.Single(instance.OpenTasks, t => t.StepId == "fair-competition-review");

        var line = await LineAsync(server, matterId);
        Assert.Equal((ComplianceStatus.Pending, "第二十九条第一项"), (line.Status, line.Article));
        Assert.Contains("legality-submission", line.RequiredBefore!);

        var none = await driver.CompleteRawAsync("drafter", task.Id, "reviewed").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("fair-competition-conclusion-missing", "第二十九条第一项"), (none.Code, none.Article));

        var drafter = await driver.As("drafter");
        var reasonless = await drafter.PostJsonAsync($"/api/matters/{matterId}/fair-competition/reviews", new { conclusion = "exception" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-fair-competition-review", reasonless.Code);
        await drafter.PostJsonAsync($"/api/matters/{matterId}/fair-competition/reviews", new { conclusion = "not-compliant", detail = "第七条限定经营者。" })
            .ExpectAsync(HttpStatusCode.Created, server);
        var blocked = await driver.CompleteRawAsync("drafter", task.Id, "reviewed").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("fair-competition-not-compliant", blocked.Code);

        await drafter.PostJsonAsync($"/api/matters/{matterId}/fair-competition/reviews", new { conclusion = "adjusted", detail = "已删除第七条限定经营者的内容。" })
            .ExpectAsync(HttpStatusCode.Created, server);
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        using (await driver.CompleteRawAsync("drafter", task.Id, "reviewed").ExpectAsync(HttpStatusCode.OK, server))
        {
        }
        line = await LineAsync(server, matterId);
        Assert.Equal(ComplianceStatus.Met, line.Status);
        Assert.Contains("adjusted", line.Detail);
    }

    /// <summary>A double click writes once: the retry (same body, no key) answers the same row, with one journal entry.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_retried_conclusion_is_written_once(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["affectsMarket"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var drafter = await driver.As("drafter");
        var url = $"/api/matters/{instance.MatterId}/fair-competition/reviews";

        var first = await drafter.PostJsonAsync(url, new { conclusion = "compliant" }).ExpectAsync<FairCompetitionView>(HttpStatusCode.Created, server);
        var retry = await drafter.PostJsonAsync(url, new { conclusion = "compliant" }).ExpectAsync<FairCompetitionView>(HttpStatusCode.Created, server);

        Assert.Equal(first.Id, retry.Id);
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "FairCompetitionReviewed");
        Assert.Single(await drafter.GetAsync(url).ExpectAsync<List<FairCompetitionView>>(HttpStatusCode.OK, server));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Without_market_effect_the_line_is_not_applicable_with_the_reason(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var line = await LineAsync(server, Guid.Parse(instance.MatterId));
        Assert.Equal(ComplianceStatus.NotApplicable, line.Status);
        Assert.Contains("affectsMarket=false", line.Detail);
    }

    private static async Task<ComplianceItem> LineAsync(ServerFactory server, Guid matterId) =>
        await server.WithDatabaseAsync(async db =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ComplianceReportService>().BuildAsync((await db.Matters.FindAsync(matterId))!, CancellationToken.None);
            return report.Items.Single(i => i.Code == "fair-competition:review");
        });
}
