using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A normative act's rows and its procedure step are one commit: a failure after the act's rows were added (here a
/// crash injected into the engine command's transaction, after the rows and before the save) leaves neither the rows
/// nor the step; the retry then does the act exactly once, and a second click answers the same and writes nothing.
/// </summary>
public sealed class NormativeAtomicityTests
{
    private static DateTimeOffset Beijing9(int year, int month, int day) => new(year, month, day, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Which step's transition to break once ("start" for the procedure's start).</summary>
    private sealed class Crash
    {
        public string? Step;
        public int Fired;
    }

    /// <summary>
    /// Runs inside the command's transaction after the module's rows were added (InstanceCommandService calls the
    /// observers after <c>alongside</c>, before SaveChanges): throwing here is a crash between writing the rows and
    /// completing the step.
    /// </summary>
    private sealed class CrashingObserver(Crash crash) : IInstanceTransitionObserver
    {
        public Task OnDecidedAsync(InstanceState? before, InstanceState after, CancellationToken cancellationToken)
        {
            var hit = crash.Step == "start"
                ? before is null
                : crash.Step is { } step && before is not null
                    && before.Steps.GetValueOrDefault(step)?.Status == StepStatus.Active && after.Steps.GetValueOrDefault(step)?.Status != StepStatus.Active;
            if (!hit)
            {
                return Task.CompletedTask;
            }
            crash.Step = null;
            crash.Fired++;
            throw new InvalidOperationException("Simulated crash after the act's rows were added.");
        }

        public Task OnCommittedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_crash_after_an_acts_rows_leaves_neither_rows_nor_step_and_the_retry_acts_once(DatabaseProvider provider)
    {
        var crash = new Crash();
        await using var server = await ServerFactory.StartAsync(provider, configure: f => f.ExtraServices.Add(s =>
        {
            s.AddSingleton(crash);
            s.AddScoped<IInstanceTransitionObserver, CrashingObserver>();
        }));
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuer = await api.ListBureauAsync();
        var drafter = await driver.As("drafter");
        await driver.As("reviewer");
        await driver.As("drafthead");

        // Drafting: the document, its history, its matter and the started procedure are one commit.
        var before = await DatabaseSnapshot.TakeAsync(server);
        crash.Step = "start";
        await Post(drafter, "/api/normative-documents", NormativeApi.Draft(issuer), "draft-1").ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.True(crash.Fired == 1, string.Join(Environment.NewLine, server.ServerLog.Where(l => l.StartsWith("Error", StringComparison.Ordinal))));
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the drafting that crashed before its commit");
        var id = (await Post(drafter, "/api/normative-documents", NormativeApi.Draft(issuer), "draft-1").ExpectAsync<JsonElement>(HttpStatusCode.Created, server))
            .GetProperty("id").GetGuid();
        var created = await DatabaseSnapshot.TakeAsync(server);
        // The same form sent again (its key): the same document, nothing written.
        var again = await Post(drafter, "/api/normative-documents", NormativeApi.Draft(issuer), "draft-1").ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        Assert.Equal(id, again.GetProperty("id").GetGuid());
        created.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the resent draft");
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().CountAsync()));
        Assert.Equal(NormativeSteps.ReviewSubmission, (await driver.OpenTaskAsync(id, NormativeSteps.ReviewSubmission)).StepId);
        var url = $"/api/normative-documents/{id}";

        // Submission: crash → neither the status nor the step; retry → once; second click → the same answer, nothing written.
        await api.UploadDraftAsync(id);
        await CrashThenOnceAsync(server, driver, crash, NormativeSteps.ReviewSubmission, id, "drafter", $"{url}/review-submission", null, "in-review");

        driver.MoveClockTo(Beijing9(2026, 3, 9));
        await CrashThenOnceAsync(server, driver, crash, NormativeSteps.LegalityReview, id, "reviewer", $"{url}/review-opinion", NormativeApi.Checklist(), "reviewed");
        // The office meeting (the meetings module, version 3): the head's decision, its statement, the agenda item and the
        // document's register (the projection) come with the step or not at all.
        await driver.CompleteAsync(id, NormativeSteps.MeetingScheduling, "scheduled");
        var (meetingId, item) = await driver.ScheduledItemAsync(id, "deptsecretary");
        await driver.RecordAttendanceAsync(meetingId, secretary: "deptsecretary");
        await (await driver.As("deputyhead")).PostJsonAsync($"/api/meetings/{meetingId}/agenda/{item.Id}/opinions", new { position = "agree", text = "同意。" })
            .ExpectAsync(HttpStatusCode.Created, server);
        var decisionUrl = $"/api/meetings/{meetingId}/agenda/{item.Id}/decision";
        var decision = new { outcome = "approved", text = "审议通过。" };
        var head = await driver.As("drafthead");
        // The head's SM2 key is made at her first signature, before the act's transaction (provisioning, kept whatever
        // the act's fate, as for every signer): made here first, so the snapshot compares the act's rows only.
        var headId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "drafthead").Select(u => u.Id).SingleAsync());
        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RuleOfLaw.Workflow.Server.Integrity.SignerKeys>().SignAsync(headId, [1], CancellationToken.None);
        }
        var beforeDecision = await DatabaseSnapshot.TakeAsync(server);
        crash.Step = NormativeSteps.CollectiveDecision;
        var fired = crash.Fired;
        await Post(head, decisionUrl, decision, "decision-1").ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(fired + 1, crash.Fired);
        beforeDecision.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the decision that crashed before its commit");
        Assert.Equal("decided", (await Post(head, decisionUrl, decision, "decision-1").ExpectAsync<JsonElement>(HttpStatusCode.Created, server))
            .GetProperty("status").GetString());
        Assert.Equal("deliberated", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
        // Decided: the item's record is closed, and asking again writes nothing.
        var decided = await DatabaseSnapshot.TakeAsync(server);
        Assert.Equal("agenda-item-closed", (await Post(head, decisionUrl, decision, "decision-1").ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        decided.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the decision sent again");
        await api.PostAsync("drafthead", $"{url}/signature", null);

        // Registration: the crash also rolls back the counter's increment, so the retry takes sequence 1 (no gap).
        crash.Step = NormativeSteps.Registration;
        await (await driver.As("reviewer")).PostJsonAsync($"{url}/registration", null).ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("signed", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeNumberCounter>().Select(c => c.Last).SingleAsync()));
        await driver.OpenTaskAsync(id, NormativeSteps.Registration);
        await CrashThenOnceAsync(server, driver, crash, null, id, "reviewer", $"{url}/registration", null, "registered");
        Assert.Equal(1, (await api.GetAsync("drafter", url)).GetProperty("registrationSequence").GetInt32());

        // Publication: the document, its filing and its expiry timers come with the step or not at all.
        await CrashThenOnceAsync(server, driver, crash, NormativeSteps.Publication, id, "reviewer", $"{url}/publication", new { fullText = "第一条 ……" }, "published");
        Assert.Single((await api.GetAsync("drafter", $"{url}/filings")).EnumerateArray());
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().CountAsync(t => t.Kind == ExpiryReminderTimer.TimerKind || t.Kind == LapseTimer.TimerKind)));

        // The last filing completes the filing step; the last acceptance sends the filing review's signal: same commit as the filing's row.
        var filing = Assert.Single((await api.GetAsync("drafter", $"{url}/filings")).EnumerateArray()).GetProperty("id").GetGuid();
        var filingUrl = $"/api/normative-filings/{filing}";
        await CrashThenOnceAsync(server, driver, crash, NormativeSteps.Filing, id, "drafter", $"{filingUrl}/submission", null, null);
        Assert.Equal("filed", (await api.GetAsync("drafter", $"{url}/filings"))[0].GetProperty("status").GetString());
        await api.PostAsync("reviewer", $"{filingUrl}/registration", null);
        await CrashThenOnceAsync(server, driver, crash, NormativeSteps.FilingReview, id, "reviewer", $"{filingUrl}/review", new { result = "accepted" }, null);
        Assert.Equal(InstanceStatus.Completed, (await driver.GetInstanceAsync(id)).Status);

        var journal = await driver.JournalAsync(id);
        Assert.Equal([NormativeSteps.ReviewSubmission, NormativeSteps.LegalityReview, NormativeSteps.MeetingScheduling, NormativeSteps.CollectiveDecision,
            NormativeSteps.Registration, NormativeSteps.Publication, NormativeSteps.Filing], journal.Where(e => e.Type == "TaskCompleted").Select(e => e.StepId).ToList());
        Assert.True((await driver.VerifyJournalAsync(id)).Valid);
        var events = (await api.GetAsync("drafter", $"{url}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["drafted", "submitted-for-review", "reviewed", "deliberated", "signed", "registered", "published", "filed", "filing-registered", "filing-accepted"], events);
    }

    /// <summary>
    /// With <paramref name="step"/>: the act crashes once after its rows were added and the database is as before.
    /// Then the act succeeds, and the same request again answers the same and writes nothing.
    /// </summary>
    private static async Task CrashThenOnceAsync(ServerFactory server, ProcedureDriver driver, Crash crash, string? step, Guid id, string user, string url, object? body,
        string? status)
    {
        var client = await driver.As(user);
        if (step is not null)
        {
            var before = await DatabaseSnapshot.TakeAsync(server);
            crash.Step = step;
            var fired = crash.Fired;
            await client.PostJsonAsync(url, body).ReadProblemAsync(HttpStatusCode.InternalServerError);
            Assert.True(fired + 1 == crash.Fired, string.Join(Environment.NewLine, server.ServerLog.Where(l => l.StartsWith("Error", StringComparison.Ordinal))));
            before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), $"{url} that crashed before its commit");
        }
        var first = await client.PostJsonAsync(url, body).ExpectAsync<JsonElement>(HttpStatusCode.OK, server);
        if (status is not null)
        {
            Assert.Equal(status, first.GetProperty("status").GetString());
        }
        var done = await DatabaseSnapshot.TakeAsync(server);
        var second = await client.PostJsonAsync(url, body).ExpectAsync<JsonElement>(HttpStatusCode.OK, server);
        Assert.Equal(first.GetProperty("status").GetString(), second.GetProperty("status").GetString());
        done.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), $"the second click on {url}");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body, string key) => client.PostJsonAsync(url, body, key);
}
