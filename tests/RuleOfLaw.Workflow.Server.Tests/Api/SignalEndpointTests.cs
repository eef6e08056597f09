using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// POST /api/instances/{id}/signals: the execution step's objection event (第三十五条) brings the matter before the
/// organ; refused with a reason when nothing waits, replayed for a repeated key, journaled once.
/// </summary>
public sealed class SignalEndpointTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_signal_is_heard_only_while_something_waits_for_it_and_a_retry_replays_it(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        var url = $"/api/instances/{instance.Id}/signals";
        var head = await driver.As("drafthead");
        var body = new { signal = "objection-threshold-reached", comment = "执行前已收到大量群众反映", data = new { objections = 57 } };

        // Before execution nothing waits for it: 409 with the reason, nothing written.
        var journalBefore = await JournalCountAsync(server, instance.Id);
        var early = await head.PostJsonAsync(url, body).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("signal-not-awaited", early.Code);
        Assert.Contains("objection-threshold-reached", early.Detail);
        Assert.Equal(journalBefore, await JournalCountAsync(server, instance.Id));

        // Only those who may stop the procedure send signals; a malformed name is a validation error.
        Assert.Equal("forbidden", (await (await driver.As("drafter")).PostJsonAsync(url, body).ReadProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("validation-failed", (await head.PostJsonAsync(url, new { signal = "Objection Threshold" }).ReadProblemAsync(HttpStatusCode.BadRequest)).Code);

        await driver.CompleteAsync(instance.Id, "publication", "published");
        Assert.Contains((await driver.GetInstanceAsync(instance.Id)).OpenTasks, t => t.StepId == "execution");

        var heard = await head.PostJsonAsync(url, body, "signal-1").ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(StepStatus.Cancelled, heard.Steps.Single(s => s.Id == "execution").Status);
        Assert.Contains(heard.OpenTasks, t => t.StepId == "execution-problem-decision");
        Assert.DoesNotContain(heard.OpenTasks, t => t.StepId == "execution");

        // The same key again: the first answer, not a second signal (which would now be refused).
        using (var retry = await head.PostJsonAsync(url, body, "signal-1"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        }
        Assert.Equal("signal-not-awaited", (await head.PostJsonAsync(url, body, "signal-2").ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        var entries = await server.WithDatabaseAsync(db => db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync());
        var received = Assert.Single(entries, e => e.Type == "SignalReceived");
        Assert.Equal("执行前已收到大量群众反映", received.Comment);
        using var data = JsonDocument.Parse(received.DataJson);
        Assert.Equal(57, data.RootElement.GetProperty("data").GetProperty("objections").GetInt32());
        var triggered = Assert.Single(entries, e => e.Type == "EventTriggered");
        Assert.Equal("execution", triggered.StepId);
        Assert.Single(entries, e => e.Type == "StepInterrupted" && e.StepId == "execution");
        Assert.True((await head.GetAsync($"/api/instances/{instance.Id}/journal/verify").ExpectAsync<JsonElement>(HttpStatusCode.OK, server)).GetProperty("valid").GetBoolean());
    }

    private static Task<int> JournalCountAsync(ServerFactory server, Guid instanceId) =>
        server.WithDatabaseAsync(db => db.Journal.CountAsync(j => j.InstanceId == instanceId));
}
