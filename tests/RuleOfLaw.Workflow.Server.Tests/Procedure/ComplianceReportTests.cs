using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Procedure;

/// <summary>The compliance report's step lines: done with who and when, skipped with why, not reached, overdue.</summary>
public sealed class ComplianceReportTests
{
    [Fact]
    public async Task Each_step_shows_whether_it_was_done_skipped_and_why_or_is_still_ahead()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var drafter = await driver.As("drafter");

        var report = await drafter.GetAsync($"/api/matters/{instance.MatterId}/compliance").ExpectAsync<ComplianceReport>(HttpStatusCode.OK, server);

        var lines = report.Items.ToDictionary(i => i.Code);
        Assert.Equal(ComplianceStatus.Met, lines["step:initiation"].Status);
        Assert.Contains("draft-prepared", lines["step:initiation"].Detail);
        // No attribute was set, so expert argumentation (art. 19) does not apply, and the report says why.
        var experts = lines["step:expert-argumentation"];
        Assert.Equal((ComplianceStatus.NotApplicable, "第十九条至第二十一条"), (experts.Status, experts.Article));
        Assert.Contains("technical", experts.Detail);
        Assert.Equal(ComplianceStatus.Pending, lines["step:legality-review"].Status);
        Assert.Equal(0, report.Unmet);
    }

    [Fact]
    public async Task Only_parties_to_the_matter_see_its_report()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var outsider = await driver.As("citydrafter");

        var refused = await outsider.GetAsync($"/api/matters/{instance.MatterId}/compliance").ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", refused.Code);
    }
}
