using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Web.AfterDecisionPages;

/// <summary>The after-decision step pages through their real forms: filing per recipient (the worked example) and archiving.</summary>
public sealed class AfterDecisionPageTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 9, 16, 1, 0, 0, TimeSpan.Zero); // 09:00 in Beijing

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_filing_page_shows_the_worked_example_and_records_a_late_filing_then_completes(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver, issueAt: IssuedAt);
        var task = await driver.OpenTaskAsync(instance.Id, "filing");
        driver.MoveClockTo(new DateTimeOffset(2026, 10, 10, 1, 0, 0, TimeSpan.Zero));
        using var web = new WebSession(server);
        await web.SignInAsync("secretary");

        // The dossier opens the filing task on its own page.
        var dossier = await web.GetAsync($"/matters/{instance.Id}");
        Assert.Equal($"/after-decision/filing/{task.Id}", dossier.QuerySelector("a[data-task-step=filing]")!.GetAttribute("href"));
        var page = await web.GetAsync($"/after-decision/filing/{task.Id}");
        var row = page.QuerySelector("#filings tr[data-recipient=higher-government]")!;
        // Issued 2026-09-16; "within 15 days" ends on 10-01 inside the National Day holiday, so the deadline is 10-08.
        Assert.Contains("2026-09-16", row.TextContent);
        Assert.Equal("2026-10-08", row.QuerySelector(".due time")!.TextContent.Trim());
        Assert.Contains("顺延", row.QuerySelector(".due")!.TextContent);
        Assert.Equal("未备案，已逾期", row.QuerySelector(".status")!.TextContent.Trim());

        // A date after today: the API's refusal next to the date, nothing written.
        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#filing-form"), new Dictionary<string, string[]> { ["SubmittedOn"] = ["2026-10-11"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("不能晚于今天", refused.QuerySelector("#SubmittedOn-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<FilingRecord>().CountAsync()));

        (status, page) = await web.SubmitAsync(WebSession.Form(refused, "#filing-form"),
            new Dictionary<string, string[]> { ["SubmittedOn"] = ["2026-10-10"], ["ReceiptNumber"] = ["备2026-118"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/after-decision/filing/{task.Id}", web.Location);
        Assert.Equal("已备案（逾期2天）", page.QuerySelector("#filings tr[data-recipient=higher-government] .status")!.TextContent.Trim());
        var filed = await server.WithDatabaseAsync(db => db.Set<FilingRecord>().SingleAsync());
        Assert.Equal((new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 10), 2, "备2026-118"), (filed.DueOn, filed.SubmittedOn, filed.DaysLate, filed.ReceiptNumber));
        Assert.Null(page.QuerySelector("#filing-form")); // nobody left to file with

        (status, _) = await web.SubmitAsync(WebSession.Form(page, "#task-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.Id}", web.Location);
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.MatterId == instance.Id)).StateJson));
        Assert.Equal(StepStatus.Completed, state.Steps["filing"].Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Archiving_is_refused_with_the_missing_list_until_the_dossier_is_complete(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        var task = await driver.OpenTaskAsync(instance.Id, "archiving");
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var today = driver.Today.ToString("yyyy-MM-dd");

        var page = await web.GetAsync($"/after-decision/archiving/{task.Id}");
        Assert.NotNull(page.QuerySelector("#checklist tr[data-code=publication].missing"));
        Assert.NotNull(page.QuerySelector("#checklist tr[data-code='filing:higher-government'].missing"));
        Assert.NotNull(page.QuerySelector("#checklist tr[data-code=party-committee-report].present"));

        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#archive-form"), new Dictionary<string, string[]> { ["ArchivedOn"] = [today] });
        Assert.Equal(HttpStatusCode.Conflict, status);
        var error = refused.QuerySelector("#form-error")!.TextContent;
        Assert.Contains("决策公布记录（第三十二条）", error);
        Assert.Contains("向上一级人民政府备案的记录", error);
        Assert.Contains("第三十三条", error);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ArchiveRecord>().CountAsync()));

        await driver.CompleteAsync(instance.Id, "publication", "published");
        await driver.CompleteAsync(instance.Id, "filing", "filed");
        page = await web.GetAsync($"/after-decision/archiving/{task.Id}");
        Assert.Empty(page.QuerySelectorAll("#checklist tr.missing"));
        (status, page) = await web.SubmitAsync(WebSession.Form(page, "#archive-form"), new Dictionary<string, string[]> { ["ArchivedOn"] = [today], ["DossierNumber"] = ["档2026-7"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("档2026-7", page.QuerySelector("#archived")!.TextContent);
        Assert.Equal("档2026-7", (await server.WithDatabaseAsync(db => db.Set<ArchiveRecord>().SingleAsync())).DossierNumber);
    }
}

/// <summary>The execution and post-decision evaluation step pages: reports, then the evaluation started by the chief and concluded by the evaluator.</summary>
public sealed class ExecutionAndEvaluationPageTests
{
    [Fact]
    public async Task The_execution_unit_reports_and_completes_then_the_chief_starts_and_the_evaluator_concludes_the_evaluation()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver, new Dictionary<string, bool> { ["evaluationPlanned"] = true });
        await driver.CompleteAsync(instance.Id, "publication", "published");
        var execution = await driver.OpenTaskAsync(instance.Id, "execution");
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");

        var page = await drafter.GetAsync($"/after-decision/execution/{execution.Id}");
        var (_, refused) = await drafter.SubmitAsync(WebSession.Form(page, "#report-form"), new Dictionary<string, string[]> { ["Text"] = [" "] });
        Assert.NotNull(refused.QuerySelector("#Text-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ExecutionEvent>().CountAsync()));
        (_, page) = await drafter.SubmitAsync(WebSession.Form(page, "#report-form"), new Dictionary<string, string[]> { ["Text"] = ["已按新标准收费，运行平稳。"] });
        Assert.Contains("已按新标准收费，运行平稳。", page.QuerySelector("#reports")!.TextContent);
        Assert.Equal("progress", (await server.WithDatabaseAsync(db => db.Set<ExecutionEvent>().SingleAsync())).Kind);
        var (status, _) = await drafter.SubmitAsync(WebSession.Form(page, "#task-form"), new Dictionary<string, string[]> { ["Outcome"] = ["executed"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.Id}", drafter.Location);

        var evaluation = await driver.OpenTaskAsync(instance.Id, "post-decision-evaluation");
        using var chief = new WebSession(server);
        await chief.SignInAsync("chief");
        page = await chief.GetAsync($"/after-decision/evaluation/{evaluation.Id}");
        Assert.NotNull(page.QuerySelector("#no-evaluation"));
        (_, page) = await chief.SubmitAsync(WebSession.Form(page, "#start-form"), new Dictionary<string, string[]> { ["Trigger"] = ["organ-deems-necessary"] });
        Assert.Null(page.QuerySelector("#no-evaluation"));
        var started = await server.WithDatabaseAsync(db => db.Set<DecisionEvaluation>().SingleAsync());
        Assert.Equal(evaluation.OrganizationId, started.EvaluatorOrganizationId);

        using var evaluator = new WebSession(server);
        await evaluator.SignInAsync("evaluator");
        page = await evaluator.GetAsync($"/after-decision/evaluation/{evaluation.Id}");
        // Concluding before any input is heard: the API's refusal with its article.
        (_, refused) = await evaluator.SubmitAsync(WebSession.Form(page, "#conclude-form"), new Dictionary<string, string[]> { ["Conclusion"] = ["效果良好。"] });
        Assert.Contains("第三十六条", refused.QuerySelector("#form-error")!.TextContent);
        (_, page) = await evaluator.SubmitAsync(WebSession.Form(page, "#input-form"), new Dictionary<string, string[]> { ["InputText"] = ["群众反映良好。"] });
        Assert.Contains("群众反映良好。", page.QuerySelector("#inputs")!.TextContent);
        (_, page) = await evaluator.SubmitAsync(WebSession.Form(page, "#conclude-form"), new Dictionary<string, string[]> { ["Conclusion"] = ["效果良好。"] });
        Assert.Contains("效果良好。", page.QuerySelector("#conclusion")!.TextContent);
        (status, _) = await evaluator.SubmitAsync(WebSession.Form(page, "#task-form"), new Dictionary<string, string[]> { ["Outcome"] = ["continue"] });
        Assert.Equal(HttpStatusCode.OK, status);
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.MatterId == instance.Id)).StateJson));
        Assert.Equal(StepStatus.Completed, state.Steps["post-decision-evaluation"].Status);
    }
}
