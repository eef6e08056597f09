using System.Net;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Suspending (中止), resuming and cancelling a procedure: only the drafting unit's head, the chief executive or an
/// administrator, always with a reason. Each test works on its own matter: the servers shared with other classes, one
/// per database (<see cref="SharedServers"/>), inboxes read for the test's matter only.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class InstanceControlTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_head_suspends_resumes_and_cancels_and_the_officer_may_not(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);
        var drafter = await driver.As("drafter");
        var head = await driver.As("drafthead");

        // The officer drives the matter but may not stop it (art. 37).
        foreach (var action in new[] { "suspend", "resume", "cancel" })
        {
            var refused = await drafter.PostJsonAsync($"/api/instances/{instance.Id}/{action}", new { reason = "试图中止" })
                .ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("forbidden", refused.Code);
            Assert.Equal("第三十七条", refused.Article);
        }
        // Nor may other parties to the matter (every demo organization plays a part in it, so all of them see it).
        foreach (var user in new[] { "reviewer", "secretary", "evaluator", "member" })
        {
            var other = await driver.As(user);
            var refused = await other.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "x" }).ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("forbidden", refused.Code);
        }
        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(instance.Id)).Status);

        // A reason is required.
        var noReason = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", noReason.Code);
        var blank = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "  " }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", blank.Code);
        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(instance.Id)).Status);

        var suspended = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "上级政府要求暂停，等待政策调整。" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(InstanceStatus.Suspended, suspended.Status);
        Assert.Equal("上级政府要求暂停，等待政策调整。", suspended.StatusReason);

        // While suspended nothing can be completed; suspending again is refused.
        var blocked = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-suspended", blocked.Code);
        var twice = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "再次中止" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-suspended", twice.Code);

        var resumed = await head.PostJsonAsync($"/api/instances/{instance.Id}/resume", new { reason = "政策已明确。" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(InstanceStatus.Running, resumed.Status);
        Assert.Null(resumed.StatusReason);
        var notSuspended = await head.PostJsonAsync($"/api/instances/{instance.Id}/resume", new { }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-not-suspended", notSuspended.Code);

        // Work goes on where it stopped.
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var open = Assert.Single(instance.OpenTasks);

        var cancelWithoutReason = await head.PostJsonAsync($"/api/instances/{instance.Id}/cancel", new { }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", cancelWithoutReason.Code);
        var cancelled = await head.PostJsonAsync($"/api/instances/{instance.Id}/cancel", new { reason = "决策机关决定不再推进该事项。" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
        Assert.Empty(cancelled.OpenTasks);
        Assert.NotNull(cancelled.EndedAt);

        // The cancelled task leaves the inbox and can no longer be completed.
        Assert.Empty(await driver.InboxAsync("drafter", instance.Id));
        var ended = await driver.CompleteRawAsync("drafter", open.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-not-running", ended.Code);
        var again = await head.PostJsonAsync($"/api/instances/{instance.Id}/cancel", new { reason = "再次取消" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-not-running", again.Code);

        var types = (await driver.JournalAsync(instance.Id)).Select(e => e.Type).ToList();
        Assert.Equal(["InstanceSuspended", "InstanceResumed", "InstanceCancelled"], types.Where(t => t.StartsWith("Instance", StringComparison.Ordinal) && t != "InstanceStarted"));
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_suspension_retried_with_its_key_is_replayed_and_without_one_is_refused(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var head = await driver.As("drafthead");
        var key = $"s-{Guid.NewGuid():N}";

        using var first = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "等待上级意见" }, key).ExpectAsync(HttpStatusCode.OK, server);
        using var retry = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "等待上级意见" }, key).ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());

        // Without a key every request is a new command, and a second suspension is refused by the engine.
        var again = await head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "等待上级意见" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-suspended", again.Code);
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "InstanceSuspended");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_chief_executive_and_an_administrator_may_suspend_too(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();

        var chief = await driver.As("chief");
        (await chief.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "行政首长决定中止。" }).ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        var admin = await driver.As("admin");
        var resumed = await admin.PostJsonAsync($"/api/instances/{instance.Id}/resume", new { reason = "恢复。" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(InstanceStatus.Running, resumed.Status);

        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(instance.Id)).Status);
    }
}
