using System.Net;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.AfterDecision;

/// <summary>
/// The head's suspension and resumption of execution (第三十七条) from definition version 7: signals the definition
/// waits for, sent only by the execution module's commands, carried by the engine (no record of the module's own);
/// an instance pinned to version 6 keeps the module's records.
/// </summary>
public sealed class ExecutionSuspensionTests : IDisposable
{
    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-suspension-").FullName;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_head_suspends_execution_while_filing_and_archiving_go_on_and_resumes_it_as_a_new_pass(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        var url = $"/api/matters/{instance.Id}/execution";
        var chief = await driver.As("chief");
        const string reason = "发生重大变化，情况紧急，先行中止执行。";

        // Execution has not begun (publication is still open): nothing to suspend.
        var early = await chief.PostJsonAsync($"{url}/suspension", new { reason }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("execution-not-running", "第三十七条"), (early.Code, early.Article));
        await driver.CompleteAsync(instance.Id, "publication", "published");
        var firstTask = await driver.OpenTaskAsync(instance.Id, "execution");
        var entries = (await driver.JournalAsync(instance.Id)).Count;

        // Refused, each with the article, and nothing written: not the head; the generic signal endpoint (the head's
        // decision is recorded only by the suspension command); resuming what is not suspended.
        var drafter = await driver.As("drafter");
        var notHead = await drafter.PostJsonAsync($"{url}/suspension", new { reason }).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(("forbidden", "第三十七条"), (notHead.Code, notHead.Article));
        var generic = await chief.PostJsonAsync($"/api/instances/{instance.Id}/signals", new { signal = "execution-suspended", comment = reason })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("use-execution-suspension", "第三十七条"), (generic.Code, generic.Article));
        var notSuspended = await chief.PostJsonAsync($"{url}/resumption", new { reason = "恢复。" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("not-suspended", "第三十七条"), (notSuspended.Code, notSuspended.Article));
        Assert.Equal(entries, (await driver.JournalAsync(instance.Id)).Count);

        var suspended = await chief.PostJsonAsync($"{url}/suspension", new { reason }, "suspend-1").ExpectAsync<ExecutionEventView>(HttpStatusCode.Created, server);
        Assert.Equal(("suspended", reason, "郑县长（行政首长）"), (suspended.Kind, suspended.Text, suspended.RecordedByName));
        // The same request again (a retry, a second click with the same key) gets the first answer; a second
        // suspension is refused; the key with another body is refused.
        using (var retry = await chief.PostJsonAsync($"{url}/suspension", new { reason }, "suspend-1"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(suspended, await retry.ReadAsync<ExecutionEventView>());
        }
        var twice = await chief.PostJsonAsync($"{url}/suspension", new { reason = "再次中止。" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("already-suspended", "第三十七条"), (twice.Code, twice.Article));
        Assert.Equal("idempotency-key-reused", (await chief.PostJsonAsync($"{url}/suspension", new { reason = "另一理由。" }, "suspend-1")
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // The engine carries it: execution interrupted, its task cancelled, filing and archiving still open.
        var during = await driver.GetInstanceAsync(instance.Id);
        Assert.Equal(StepStatus.Cancelled, during.Steps.Single(s => s.Id == "execution").Status);
        Assert.Equal(StepStatus.Active, during.Steps.Single(s => s.Id == "execution-suspended").Status);
        Assert.Equal(["archiving", "filing"], during.OpenTasks.Select(t => t.StepId).Order());
        Assert.Equal(InstanceStatus.Running, during.Status);
        var view = await chief.GetAsync(url).ExpectAsync<ExecutionView>(HttpStatusCode.OK, server);
        Assert.Equal((true, reason), (view.Suspended, view.SuspensionReason));
        Assert.Equal(suspended, Assert.Single(view.Events));
        // No second source of truth: the module keeps no record of the suspension.
        Assert.Empty(await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ExecutionEvent>().Where(e => e.MatterId == instance.Id).ToList())));

        var resumed = await chief.PostJsonAsync($"{url}/resumption", new { reason = "调整方案另行决策，原决策继续执行。" }, "resume-1")
            .ExpectAsync<ExecutionEventView>(HttpStatusCode.Created, server);
        using (var retry = await chief.PostJsonAsync($"{url}/resumption", new { reason = "调整方案另行决策，原决策继续执行。" }, "resume-1"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal(resumed, await retry.ReadAsync<ExecutionEventView>());
        }
        var secondTask = await driver.OpenTaskAsync(instance.Id, "execution");
        Assert.NotEqual(firstTask.Id, secondTask.Id);
        var after = await chief.GetAsync(url).ExpectAsync<ExecutionView>(HttpStatusCode.OK, server);
        Assert.Equal((false, null), (after.Suspended, after.SuspensionReason));
        Assert.Equal([("suspended", suspended.Id), ("resumed", resumed.Id)], after.Events.Select(e => (e.Kind, e.Id)));

        var journal = await driver.JournalAsync(instance.Id);
        Assert.Equal([reason, "调整方案另行决策，原决策继续执行。"], journal.Where(e => e.Type == "SignalReceived").Select(e => e.Comment));
        Assert.Single(journal, e => e.Type == "StepInterrupted" && e.StepId == "execution");
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
        Assert.Equal("met", (await FilingTests.ComplianceLinesAsync(driver, instance.Id))["execution:suspension"].Status);

        // Reported as before: a progress report, then executed; suspension is refused once execution has ended.
        await drafter.PostJsonAsync($"{url}/reports", new { kind = "progress", text = "已全部执行。" }).ExpectAsync(HttpStatusCode.Created, server);
        await driver.CompleteRawAsync("drafter", secondTask.Id, "executed").ExpectAsync(HttpStatusCode.OK, server);
        var ended = await chief.PostJsonAsync($"{url}/suspension", new { reason }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("execution-not-running", "第三十七条"), (ended.Code, ended.Article));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_instance_pinned_to_version_6_keeps_suspension_as_the_modules_record(DatabaseProvider provider)
    {
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        foreach (var folder in new[] { "calendars", "jurisdictions" })
        {
            Directory.CreateDirectory(Path.Combine(_workflows, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, Path.Combine(_workflows, folder, Path.GetFileName(file)));
            }
        }
        DefinitionEndpointTests.CopyNormativeDefinition(_workflows);
        var six = File.ReadAllText(Path.Combine(DefinitionEndpointTests.RepositoryRoot,
            "tests", "RuleOfLaw.Workflow.Server.Tests", "LegalityReview", "Fixtures", "major-administrative-decision-v6.json"));
        Assert.Contains("\"version\": 6,", six, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, "major-administrative-decision-v6.json"), six);

        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid matterId;
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
            using var starter = new ProcedureDriver(first);
            matterId = (await DecisionScenario.ToIssuedAsync(starter)).Id;
        }

        // The shipped version 7 is installed beside it: the running instance stays on version 6 and its former path.
        File.Copy(Path.Combine(source, "major-administrative-decision.json"), Path.Combine(_workflows, "major-administrative-decision.json"));
        await using var server = new ServerFactory(database, _workflows);
        server.StartServer();
        using var driver = new ProcedureDriver(server);
        Assert.Equal(6, (await driver.GetInstanceAsync(matterId)).DefinitionVersion);
        await driver.CompleteAsync(matterId, "publication", "published");
        var url = $"/api/matters/{matterId}/execution";
        var chief = await driver.As("chief");

        Assert.Equal("forbidden", (await (await driver.As("drafter")).PostJsonAsync($"{url}/suspension", new { reason = "x" })
            .ReadProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("validation-failed", (await chief.PostJsonAsync($"{url}/suspension", new { }).ReadProblemAsync(HttpStatusCode.BadRequest)).Code);
        var suspended = await chief.PostJsonAsync($"{url}/suspension", new { reason = "发生重大变化，先行中止执行。" }, "v6-suspend")
            .ExpectAsync<ExecutionEventView>(HttpStatusCode.Created, server);
        // A retry with the same key gets the first answer (the rule alone would now say "already suspended").
        using (var retry = await chief.PostJsonAsync($"{url}/suspension", new { reason = "发生重大变化，先行中止执行。" }, "v6-suspend"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(suspended, await retry.ReadAsync<ExecutionEventView>());
        }
        Assert.Equal("already-suspended", (await chief.PostJsonAsync($"{url}/suspension", new { reason = "再次。" }).ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // The task stays open; executed cannot be reported without a progress report, nor while suspended.
        var task = await driver.OpenTaskAsync(matterId, "execution");
        var refused = await driver.CompleteRawAsync("drafter", task.Id, "executed").ReadProblemAsync(HttpStatusCode.Conflict);
        var codes = refused.Json.GetProperty("refusals").EnumerateArray().Select(r => (r.GetProperty("code").GetString(), r.GetProperty("article").GetString())).ToList();
        Assert.Equal([("progress-report-missing", "第三十四条"), ("execution-suspended", "第三十七条")], codes);
        await (await driver.As("drafter")).PostJsonAsync($"{url}/reports", new { kind = "progress", text = "已完成80%。" }).ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal("execution-suspended", (await driver.CompleteRawAsync("drafter", task.Id, "executed").ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        var view = await chief.GetAsync(url).ExpectAsync<ExecutionView>(HttpStatusCode.OK, server);
        Assert.Equal((true, "发生重大变化，先行中止执行。"), (view.Suspended, view.SuspensionReason));
        Assert.Single(await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ExecutionEvent>()
            .Where(e => e.MatterId == matterId && e.Kind == ExecutionEventKinds.Suspended).ToList())));

        await chief.PostJsonAsync($"{url}/resumption", new { reason = "原决策继续执行。" }).ExpectAsync(HttpStatusCode.Created, server);
        await driver.CompleteRawAsync("drafter", task.Id, "executed").ExpectAsync(HttpStatusCode.OK, server);
        var journal = await driver.JournalAsync(matterId);
        Assert.Equal(["ExecutionSuspended", "ExecutionReported", "ExecutionResumed"], journal.Where(e => e.Type.StartsWith("Execution")).Select(e => e.Type));
        Assert.DoesNotContain(journal, e => e.Type == "SignalReceived");
        Assert.Equal("met", (await FilingTests.ComplianceLinesAsync(driver, matterId))["execution:suspension"].Status);
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);
}
