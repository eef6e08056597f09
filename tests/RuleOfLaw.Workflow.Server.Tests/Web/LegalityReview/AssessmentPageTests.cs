using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.FairCompetition;
using RuleOfLaw.Workflow.Server.RiskAssessment;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web.LegalityReview;

/// <summary>
/// The risk assessment (第二十二条至第二十四条) and fair-competition review (第二十九条第一项) step pages through their real
/// forms. Each test reads only its own matter's rows, so they share one server per database (<see cref="SharedServers"/>,
/// issue 17 item 8).
/// </summary>
public sealed class AssessmentPageTests(SharedServers servers) : IClassFixture<SharedServers>
{
    private static Dictionary<string, string[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new[] { f.Value });

    private static async Task<InstanceState> StateAsync(ServerFactory server, Guid instanceId) =>
        await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.Id == instanceId)).StateJson));

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_assessor_records_a_report_through_the_form_and_completes_with_its_conclusion(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["stabilityRisk"] = true });
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var task = await driver.OpenTaskAsync(instance.Id, "risk-assessment");
        var matterId = Guid.Parse(instance.MatterId);

        using var web = new WebSession(server);
        await web.SignInAsync("assessor");
        var dossier = await web.GetAsync($"/matters/{instance.MatterId}");
        Assert.Equal($"/assessments/risk/{task.Id}", dossier.QuerySelector("a[data-task-step=risk-assessment]")!.GetAttribute("href"));
        var page = await web.GetAsync($"/assessments/risk/{task.Id}");

        // Without measures: the API's validation problem over the report form, with its articles; nothing written.
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#report-form"),
            Fields(("RiskPoints", "收费调整可能引发群体性投诉"), ("ContingencyPlan", "成立应急处置小组。"), ("Conclusion", "controllable")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("第二十三条", answer.QuerySelector("#Report-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<RiskAssessmentReport>().CountAsync(r => r.MatterId == matterId)));

        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#report-form"), Fields(
            ("RiskPoints", "收费调整可能引发群体性投诉\n周边道路停车外溢"), ("Measures", "分步实施，设置过渡期。"), ("ContingencyPlan", "成立应急处置小组。"),
            ("Conclusion", "controllable")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/assessments/risk/{task.Id}", web.Location);
        var report = await server.WithDatabaseAsync(db => db.Set<RiskAssessmentReport>().SingleAsync(r => r.MatterId == matterId));
        Assert.Equal(task.Id, report.TaskId);
        Assert.Equal("controllable", report.Conclusion);
        Assert.Equal(["收费调整可能引发群体性投诉", "周边道路停车外溢"], JsonSerializer.Deserialize<List<string>>(report.RiskPointsJson!));
        Assert.NotNull(answer.QuerySelector($"#risk-reports li[data-report='{report.Id}'][data-conclusion=controllable]"));

        (status, dossier) = await web.SubmitAsync(WebSession.Form(answer, "#task-form"), Fields(("Outcome", "controllable")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        var state = await StateAsync(server, instance.Id);
        Assert.Equal("controllable", state.Steps["risk-assessment"].Outcome);
        Assert.NotNull(dossier.QuerySelector("#compliance tr[data-code='risk:controllable'] td.status-met"));
    }

    [Fact]
    public async Task A_not_controllable_report_blocks_the_procedure_and_the_dossier_shows_it()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["stabilityRisk"] = true });
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var task = await driver.OpenTaskAsync(instance.Id, "risk-assessment");

        using var web = new WebSession(server);
        await web.SignInAsync("assessor");
        var page = await web.GetAsync($"/assessments/risk/{task.Id}");
        var (_, answer) = await web.SubmitAsync(WebSession.Form(page, "#report-form"), Fields(
            ("RiskPoints", "收费大幅上涨可能引发群体性事件"), ("Measures", "暂无有效措施。"), ("ContingencyPlan", "启动应急预案。"), ("Conclusion", "not-controllable")));

        // An outcome other than the report's conclusion is the module's refusal (art. 24), at the top of the form; nothing completed.
        var (status, refused) = await web.SubmitAsync(WebSession.Form(answer, "#task-form"), Fields(("Outcome", "controllable")));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第二十四条", refused.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(StepStatus.Active, (await StateAsync(server, instance.Id)).Steps["risk-assessment"].Status);

        var (_, dossier) = await web.SubmitAsync(WebSession.Form(refused, "#task-form"), Fields(("Outcome", "not-controllable")));
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        var state = await StateAsync(server, instance.Id);
        Assert.Equal("not-controllable", state.Steps["risk-assessment"].Outcome);
        Assert.Equal(StepStatus.Active, state.Steps["risk-draft-revision"].Status);
        // The dossier shows the block: the compliance line is unmet (art. 24) and the draft revision is the current step.
        var line = dossier.QuerySelector("#compliance tr[data-code='risk:controllable']")!;
        Assert.NotNull(line.QuerySelector("td.status-unmet"));
        Assert.Contains("第二十四条", line.TextContent);
        Assert.Equal("step step-current", dossier.QuerySelector("svg g[data-step=risk-draft-revision]")!.ClassName);
        Assert.NotEqual("step step-done", dossier.QuerySelector("svg g[data-step=risk-cleared]")!.ClassName);
    }

    [Fact]
    public async Task The_drafting_unit_records_the_fair_competition_conclusion_and_completes_the_review()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["affectsMarket"] = true });
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var task = await driver.OpenTaskAsync(instance.Id, "fair-competition-review");
        var matterId = Guid.Parse(instance.MatterId);

        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/assessments/fair-competition/{task.Id}");

        // "Adjusted" without the detail: the API's validation problem under the detail; nothing written.
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#review-form"), Fields(("Conclusion", "adjusted")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(answer.QuerySelector("#Detail-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<FairCompetitionReview>().CountAsync(r => r.MatterId == matterId)));

        // Completing before a conclusion is recorded: the module's refusal with its article.
        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, "#task-form"));
        Assert.Contains("第二十九条第一项", answer.QuerySelector("#form-error")!.TextContent);

        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#review-form"),
            Fields(("Conclusion", "adjusted"), ("Detail", "删除了限定经营者的条款。")));
        Assert.Equal($"/assessments/fair-competition/{task.Id}", web.Location);
        var review = await server.WithDatabaseAsync(db => db.Set<FairCompetitionReview>().SingleAsync(r => r.MatterId == matterId));
        Assert.Equal(("adjusted", task.Id), (review.Conclusion, review.TaskId));
        Assert.NotNull(answer.QuerySelector("#fair-competition-reviews li[data-conclusion=adjusted]"));

        (status, _) = await web.SubmitAsync(WebSession.Form(answer, "#task-form"));
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        Assert.Equal(StepStatus.Completed, (await StateAsync(server, instance.Id)).Steps["fair-competition-review"].Status);
    }
}
