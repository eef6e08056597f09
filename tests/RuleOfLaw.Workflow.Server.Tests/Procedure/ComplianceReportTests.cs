using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Procedure;

/// <summary>
/// The compliance report's step lines: done with who and when, skipped with why, not reached, overdue. Each test reads
/// the report of its own matter, so they share one server per database (<see cref="SharedServers"/>, issue 17 item 8).
/// </summary>
public sealed class ComplianceReportTests(SharedServers servers) : IClassFixture<SharedServers>
{
    [Fact]
    public async Task Each_step_shows_whether_it_was_done_skipped_and_why_or_is_still_ahead()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
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

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_report_speaks_the_readers_language_with_times_in_the_jurisdictions_zone(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var drafter = await driver.As("drafter");

        async Task<Dictionary<string, ComplianceItem>> LinesIn(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/matters/{instance.MatterId}/compliance");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            var report = await drafter.SendAsync(request).ExpectAsync<ComplianceReport>(HttpStatusCode.OK, server);
            return report.Items.ToDictionary(i => i.Code);
        }

        var english = await LinesIn("en");
        var chinese = await LinesIn("zh-CN");
        Assert.Equal("Not reached yet.", english["step:legality-review"].Detail);
        Assert.Equal("尚未到达。", chinese["step:legality-review"].Detail);
        Assert.Equal("Not reviewed for legality yet: may not be discussed by the decision body.", english["legality:reviewed-lawful"].Detail);
        Assert.Equal("未经合法性审查的，不得提交决策机关讨论。", chinese["legality:reviewed-lawful"].Detail);
        // The after-decision lines too (issue 12 item 5: they were "中文。English." strings or Chinese only).
        Assert.Equal(("Not decided yet.", "尚未作出决定。"), (english["decision:meeting"].Detail, chinese["decision:meeting"].Detail));
        Assert.Equal(("Execution was not suspended.", "未中止执行。"), (english["execution:suspension"].Detail, chinese["execution:suspension"].Detail));
        Assert.Equal(("No post-decision evaluation yet.", "尚未组织决策后评估。"), (english["evaluation:independent"].Detail, chinese["evaluation:independent"].Detail));
        // Participation and risk assessment too (they were Chinese only, or "中文。English." strings, with UTC times).
        Assert.Equal(("No participation method recorded yet.", "尚未记录任何听取意见的方式。"),
            (english["participation:method"].Detail, chinese["participation:method"].Detail));
        Assert.Equal(("The matter does not affect the interests of a specific group.", "决策事项不涉及特定群体利益。"),
            (english["participation:specific-group"].Detail, chinese["participation:specific-group"].Detail));
        Assert.StartsWith("The matter is not marked as one that may harm social stability", english["risk:controllable"].Detail);
        Assert.StartsWith("决策事项未被确定为可能对社会稳定", chinese["risk:controllable"].Detail);
        // Without the header: zh-CN, as refusals.
        Assert.Equal(chinese["legality:reviewed-lawful"].Detail, (await LinesIn(null))["legality:reviewed-lawful"].Detail);

        // Who completed the step and when, at the jurisdiction's local time (Asia/Shanghai), never UTC.
        var completed = (await driver.JournalAsync(instance.Id)).Last(e => e.Type == "TaskCompleted" && e.StepId == "initiation").OccurredAt;
        var local = TimeZoneInfo.ConvertTime(completed, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Completed by ", english["step:initiation"].Detail);
        Assert.Contains($" at {local} (draft-prepared)", english["step:initiation"].Detail);
        Assert.Contains($"于{local}完成（draft-prepared）", chinese["step:initiation"].Detail);
    }

    [Fact]
    public async Task Only_parties_to_the_matter_see_its_report()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var outsider = await driver.As("citydrafter");

        var refused = await outsider.GetAsync($"/api/matters/{instance.MatterId}/compliance").ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", refused.Code);
    }
}
