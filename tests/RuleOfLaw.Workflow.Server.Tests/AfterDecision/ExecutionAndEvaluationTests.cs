using System.Net;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.AfterDecision;

/// <summary>Execution (第三十四条至第三十七条) and post-decision evaluation (第三十六条).</summary>
public sealed class ExecutionAndEvaluationTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_public_objects_without_signing_in_and_gets_a_receipt(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        using var anonymous = server.CreateAnonymousClient();

        // Not yet decided: there is nothing to object to.
        var undecided = await driver.StartNewAsync();
        Assert.Equal("not-found", (await anonymous.PostJsonAsync($"/api/public/matters/{undecided.Id}/objections", new { text = "反对。" })
            .ReadProblemAsync(HttpStatusCode.NotFound)).Code);

        var instance = await DecisionScenario.ToIssuedAsync(driver);
        var url = $"/api/public/matters/{instance.Id}/objections";
        var body = new { text = "收费时段应避开学校放学时间。", name = "张先生", contact = "13800000000" };
        var first = await anonymous.PostJsonAsync(url, body, "obj-1").ExpectAsync<ObjectionReceipt>(HttpStatusCode.Created, server);
        Assert.Matches(@"^YY\d{8}-[0-9A-F]{10}$", first.ReceiptNumber);

        using (var retry = await anonymous.PostJsonAsync(url, body, "obj-1"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(first.ReceiptNumber, (await retry.ReadAsync<ObjectionReceipt>()).ReceiptNumber);
        }
        Assert.Equal("idempotency-key-reused", (await anonymous.PostJsonAsync(url, new { text = "另一条意见。" }, "obj-1")
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(("invalid-objection", "第三十五条"), await CodeAndArticle(anonymous.PostJsonAsync(url, new { text = new string('长', ObjectionRequest.MaxText + 1) })));
        Assert.Equal(("invalid-objection", "第三十五条"), await CodeAndArticle(anonymous.PostJsonAsync(url, new { text = " " })));
        Assert.Equal("request-too-large", (await anonymous.PostExpectingContinueAsync(url, $"{{\"text\":\"{new string('x', ObjectionRequest.MaxBody + 10)}\"}}")
            .ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Code);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await anonymous.PostJsonAsync(url, new { text = "支持该决策。" }).ExpectAsync<ObjectionReceipt>(HttpStatusCode.Created, server);
        Assert.NotEqual(first.ReceiptNumber, second.ReceiptNumber);

        var execution = await (await driver.As("drafter")).GetAsync($"/api/matters/{instance.Id}/execution").ExpectAsync<ExecutionView>(HttpStatusCode.OK, server);
        Assert.Equal([first.ReceiptNumber, second.ReceiptNumber], execution.Objections.Select(o => o.ReceiptNumber));
        Assert.Equal("张先生", execution.Objections[0].Name);
        var journaled = (await driver.JournalAsync(instance.Id)).Where(e => e.Type == "PublicObjectionReceived").ToList();
        Assert.Equal(2, journaled.Count);
        Assert.All(journaled, e => Assert.Equal("public", e.ActorId));
        Assert.Contains(first.ReceiptNumber, journaled[0].DataJson);
    }

    private static async Task<(string?, string?)> CodeAndArticle(Task<HttpResponseMessage> response)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        return (problem.Code, problem.Article);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_head_suspends_execution_with_a_reason_and_an_adjustment_opens_a_linked_matter(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        await driver.CompleteAsync(instance.Id, "publication", "published");
        var url = $"/api/matters/{instance.Id}/execution";
        var chief = await driver.As("chief");
        var task = await driver.OpenTaskAsync(instance.Id, "execution");

        Assert.Equal("forbidden", (await (await driver.As("drafter")).PostJsonAsync($"{url}/suspension", new { reason = "x" })
            .ReadProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("validation-failed", (await chief.PostJsonAsync($"{url}/suspension", new { }).ReadProblemAsync(HttpStatusCode.BadRequest)).Code);
        await chief.PostJsonAsync($"{url}/suspension", new { reason = "发生重大变化，先行中止执行。" }).ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal("already-suspended", (await chief.PostJsonAsync($"{url}/suspension", new { reason = "再次。" }).ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // Execution is interrupted (definition version 7; an instance on version 6 keeps its task open and refuses
        // "executed" instead, ExecutionSuspensionTests): its task is no longer open.
        Assert.Equal("task-not-open", (await driver.CompleteRawAsync("drafter", task.Id, "executed").ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // A major adjustment: a new matter linked to this one (第三十五条、第三十七条).
        var adjusted = await chief.PostJsonAsync($"/api/matters/{instance.Id}/adjustments", new { title = "停车收费调整方案（调整）", reason = "收费标准需重新论证。" })
            .ExpectAsync<MatterView>(HttpStatusCode.Created, server);
        Assert.Equal(("demo-county", "demo-county-drc", null), (adjusted.DecisionOrganId, adjusted.DraftingUnitId, adjusted.InstanceId));
        Assert.NotEqual(instance.Id, adjusted.Id);
        var view = await chief.GetAsync(url).ExpectAsync<ExecutionView>(HttpStatusCode.OK, server);
        Assert.True(view.Suspended);
        Assert.Equal(adjusted.Id, Assert.Single(view.Links).NewMatterId);
        await driver.StartAsync(adjusted.Id); // the adjustment runs the statutory procedure again

        await chief.PostJsonAsync($"{url}/resumption", new { reason = "调整方案另行决策，原决策继续执行。" }).ExpectAsync(HttpStatusCode.Created, server);
        // Resumed execution is a new pass: its own task, reported before it is done.
        var resumed = await driver.OpenTaskAsync(instance.Id, "execution");
        Assert.Equal("progress-report-missing", (await driver.CompleteRawAsync("drafter", resumed.Id, "executed").ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        await (await driver.As("drafter")).PostJsonAsync($"{url}/reports", new { kind = "progress", text = "已全部执行。" }).ExpectAsync(HttpStatusCode.Created, server);
        await driver.CompleteRawAsync("drafter", resumed.Id, "executed").ExpectAsync(HttpStatusCode.OK, server);
        var journal = await driver.JournalAsync(instance.Id);
        Assert.Equal(["SignalReceived", "AdjustmentMatterOpened", "SignalReceived", "ExecutionReported"],
            journal.Where(e => e.Type is "SignalReceived" || e.Type.StartsWith("Execution") || e.Type.StartsWith("Adjustment")).Select(e => e.Type));
        Assert.Equal("met", (await FilingTests.ComplianceLinesAsync(driver, instance.Id))["execution:suspension"].Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_pre_decision_assessor_may_not_evaluate_and_evaluations_are_counted_per_organ_and_year(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver, new Dictionary<string, bool> { ["stabilityRisk"] = true });
        var chief = await driver.As("chief");
        var url = $"/api/matters/{instance.Id}/evaluations";

        var assessor = await chief.PostJsonAsync(url, new { trigger = "many-objections", evaluatorOrganizationId = "demo-county-risk" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("evaluator-was-assessor", "第三十六条"), (assessor.Code, assessor.Article));
        Assert.Equal("invalid-trigger", (await chief.PostJsonAsync(url, new { trigger = "whim", evaluatorOrganizationId = "demo-county-evaluation" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("forbidden", (await (await driver.As("drafter")).PostJsonAsync(url, new { trigger = "many-objections", evaluatorOrganizationId = "demo-county-evaluation" })
            .ReadProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Empty(await server.WithDatabaseAsync(db => Task.FromResult(db.Set<DecisionEvaluation>().ToList())));

        var evaluation = await chief.PostJsonAsync(url, new { trigger = "many-objections", evaluatorOrganizationId = "demo-county-evaluation", note = "公众意见较多。" })
            .ExpectAsync<EvaluationView>(HttpStatusCode.Created, server);
        var evaluator = await driver.As("evaluator");
        Assert.Equal("public-input-required", (await evaluator.PostJsonAsync($"/api/evaluations/{evaluation.Id}/complete", new { outcome = "adjust", conclusion = "建议调整。" })
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        await evaluator.PostJsonAsync($"/api/evaluations/{evaluation.Id}/inputs", new { source = "npc-deputy", sourceName = "县人大代表李某", text = "建议延长免费时段。" })
            .ExpectAsync(HttpStatusCode.Created, server);
        var done = await evaluator.PostJsonAsync($"/api/evaluations/{evaluation.Id}/complete", new { outcome = "adjust", conclusion = "建议调整免费时段。" })
            .ExpectAsync<EvaluationView>(HttpStatusCode.OK, server);
        Assert.Equal(("adjust", 1), (done.Outcome, done.Inputs.Count));

        var counts = await chief.GetAsync("/api/evaluations/summary?year=2026").ExpectAsync<List<EvaluationCount>>(HttpStatusCode.OK, server);
        Assert.Equal(new EvaluationCount("demo-county", "default", 2026, 2, 1, 1, false), Assert.Single(counts));
        var all = await (await driver.As("admin")).GetAsync("/api/evaluations/summary?year=2026").ExpectAsync<List<EvaluationCount>>(HttpStatusCode.OK, server);
        Assert.Equal(new EvaluationCount("demo-city", "example-province", 2026, 3, 0, 0, false), all.Single(c => c.DecisionOrganId == "demo-city"));
        Assert.Equal("met", (await FilingTests.ComplianceLinesAsync(driver, instance.Id))["evaluation:independent"].Status);
    }
}
