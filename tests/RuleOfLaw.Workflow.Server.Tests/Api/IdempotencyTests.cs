using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// A retried command (lost response, double click, two tabs) returns the first answer and never transitions twice; a
/// key reused for a different request is refused. Tests on their own matters share one server per database with other
/// classes (<see cref="SharedServers"/>) and count against what the database held when they began; the one that
/// needs the year's first matter numbers starts its own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class IdempotencyTests(SharedServers servers)
{
    private const string ReplayedHeader = "Idempotent-Replayed";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_retried_completion_without_a_key_is_answered_with_the_first_response(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);

        using var first = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "草案已拟订。").ExpectAsync(HttpStatusCode.OK, server);
        Assert.False(first.Headers.Contains(ReplayedHeader));
        var firstBody = await first.Content.ReadAsStringAsync();
        var after = await StoredAsync(server, instance.Id);

        using var retry = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "草案已拟订。").ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal(["true"], retry.Headers.GetValues(ReplayedHeader));
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(after, await StoredAsync(server, instance.Id));
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "TaskCompleted");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_retried_completion_with_a_key_is_answered_with_the_first_response_and_the_key_cannot_be_reused(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);
        var key = $"client-{Guid.NewGuid():N}";

        using var first = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "草案已拟订。", key).ExpectAsync(HttpStatusCode.OK, server);
        Assert.False(first.Headers.Contains(ReplayedHeader));
        var firstBody = await first.Content.ReadAsStringAsync();
        var firstView = await first.ReadAsync<InstanceView>();
        var after = await StoredAsync(server, instance.Id);

        using var retry = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "草案已拟订。", key).ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal(["true"], retry.Headers.GetValues(ReplayedHeader));
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(after, await StoredAsync(server, instance.Id));

        // The same key with another body (here another comment) is a different request: refused, nothing done.
        var reused = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "另一个意见。", key).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", reused.Code);
        // … and so is the same key on another task.
        var next = Assert.Single(firstView.OpenTasks);
        var elsewhere = await driver.CompleteRawAsync("drafter", next.Id, "opinions-heard", null, key).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", elsewhere.Code);
        Assert.Equal(after, await StoredAsync(server, instance.Id));
        Assert.Equal(next.Id, Assert.Single(await driver.InboxAsync("drafter", instance.Id)).Id);

        // A plain retry without the key finds the task done: refused as such, not done again.
        var plain = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "草案已拟订。").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("task-not-open", plain.Code);
        Assert.Equal(after, await StoredAsync(server, instance.Id));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Form_data_is_part_of_the_request_and_kept_in_the_journal(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);
        var drafter = await driver.As("drafter");
        var key = $"d-{Guid.NewGuid():N}";
        var data = new { catalogueYear = 2026, source = "县政府常务会议确定", listed = true };

        using var first = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared", data }, key)
            .ExpectAsync(HttpStatusCode.OK, server);
        using var retry = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared", data }, key)
            .ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal(["true"], retry.Headers.GetValues(ReplayedHeader));
        var other = await drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared", data = new { catalogueYear = 2027 } }, key)
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", other.Code);

        var completed = Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "TaskCompleted");
        using var stored = JsonDocument.Parse(completed.DataJson);
        Assert.Equal(2026, stored.RootElement.GetProperty("catalogueYear").GetInt32());
        Assert.Equal("县政府常务会议确定", stored.RootElement.GetProperty("source").GetString());
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Keys_belong_to_their_user(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        var head = await driver.As("drafthead");
        var matters = await server.WithDatabaseAsync(db => db.Matters.CountAsync());

        // Two people who happen to pick the same key do not collide, and neither sees the other's stored answer.
        using var mine = await drafter.PostJsonAsync("/api/matters", new { title = "经办人的事项" }, "same-key").ExpectAsync(HttpStatusCode.Created, server);
        using var theirs = await head.PostJsonAsync("/api/matters", new { title = "负责人的事项" }, "same-key").ExpectAsync(HttpStatusCode.Created, server);
        Assert.False(theirs.Headers.Contains(ReplayedHeader));
        Assert.Equal("负责人的事项", (await theirs.ReadAsync<MatterView>()).Title);
        Assert.Equal(matters + 2, await server.WithDatabaseAsync(db => db.Matters.CountAsync()));
    }

    /// <summary>
    /// Without a key, the server derives one per (user, task), so a second, different completion of the same task
    /// by the same user is refused as a reused key rather than as a task already done. Either refusal protects the
    /// record; this pins that nothing is done twice, whichever code is given.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_different_completion_of_a_completed_task_is_refused(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);
        (await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "第一次").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        var after = await StoredAsync(server, instance.Id);

        var second = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared", "第二次，意见不同").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(second.Code, new[] { "task-not-open", "idempotency-key-reused" });
        Assert.Equal(after, await StoredAsync(server, instance.Id));
        Assert.Equal("第一次", Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "TaskCompleted").Comment);
    }

    /// <summary>
    /// The same user sends the same completion from three tabs at once, with and without a key, on several tasks:
    /// every time exactly one transition, and every request gets that transition's answer (one fresh, the others
    /// replayed), whichever moment the others arrive at (before, during or after the winner's commit).
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Concurrent_completions_of_the_same_task_transition_exactly_once(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var tabs = new List<HttpClient>();
        var instances = new List<Guid>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                tabs.Add(await server.SignInAsync("drafter"));
            }
            for (var i = 0; i < 4; i++)
            {
                instances.Add((await driver.StartNewAsync(title: $"并发办理 {i}")).Id);
            }

            var races = instances.Select((id, i) => (id, "initiation", "draft-prepared", i % 2 == 0 ? null : $"k-{Guid.NewGuid():N}")).ToList();
            races.Add((instances[0], "public-participation", "opinions-heard", $"k-{Guid.NewGuid():N}"));
            races.Add((instances[0], "opinion-consolidation", "draft-finalised", null));
            foreach (var (instanceId, stepId, outcome, key) in races)
            {
                var task = await driver.OpenTaskAsync(instanceId, stepId);
                if (stepId == "public-participation")
                {
                    await driver.RecordForumAsync(instanceId); // its guard needs a participation method (art. 14)
                }
                var responses = await Task.WhenAll(tabs.Select(tab => tab.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome }, key)));
                try
                {
                    var bodies = new List<string>();
                    foreach (var response in responses)
                    {
                        await response.ExpectAsync(HttpStatusCode.OK, server);
                        bodies.Add(await response.Content.ReadAsStringAsync());
                    }
                    Assert.Single(responses, r => !r.Headers.Contains(ReplayedHeader));
                    Assert.Single(bodies.Distinct());
                }
                finally
                {
                    foreach (var response in responses)
                    {
                        response.Dispose();
                    }
                }
                var journal = await driver.JournalAsync(instanceId);
                Assert.Single(journal, e => e.Type == "TaskCompleted" && e.TaskId == task.Id);
                Assert.True((await driver.VerifyJournalAsync(instanceId)).Valid);
            }
        }
        finally
        {
            tabs.ForEach(t => t.Dispose());
        }

        var tasks = await server.WithDatabaseAsync(db => db.Tasks.AsNoTracking().Where(t => t.InstanceId == instances[0]).ToListAsync());
        Assert.Equal(["initiation", "legality-submission", "opinion-consolidation", "public-participation"], tasks.Select(t => t.StepId).Order());
        Assert.Equal("legality-submission", Assert.Single(tasks, t => t.Status == "Open").StepId);
        var versions = await server.WithDatabaseAsync(db => db.Instances.AsNoTracking().Where(i => instances.Contains(i.Id)).Select(i => i.Version).ToListAsync());
        Assert.Equal([2, 2, 2, 5], versions.Order()); // started (1), the forum recorded (1 on the first), then exactly one transition per race
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Starting_a_matter_twice_starts_one_procedure(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await driver.CreateMatterAsync();
        var procedures = await server.WithDatabaseAsync(db => db.Instances.CountAsync());
        var drafter = await driver.As("drafter");

        using var first = await drafter.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ExpectAsync(HttpStatusCode.Created, server);
        using var retry = await drafter.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal(["true"], retry.Headers.GetValues(ReplayedHeader));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());

        // The head of the same unit starting it again is not a retry: refused, the procedure exists.
        var head = await driver.As("drafthead");
        var again = await head.PostJsonAsync("/api/instances", new { matterId = matter.Id }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("instance-exists", again.Code);
        Assert.Equal(procedures + 1, await server.WithDatabaseAsync(db => db.Instances.CountAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Creating_a_matter_with_a_key_twice_creates_one_matter(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        var key = $"m-{Guid.NewGuid():N}";
        var body = new { title = "示范县公交线网优化方案" };

        using var first = await drafter.PostJsonAsync("/api/matters", body, key).ExpectAsync(HttpStatusCode.Created, server);
        using var retry = await drafter.PostJsonAsync("/api/matters", body, key).ExpectAsync(HttpStatusCode.Created, server);
        Assert.Equal(["true"], retry.Headers.GetValues(ReplayedHeader));
        Assert.Equal((await first.ReadAsync<MatterView>()).Id, (await retry.ReadAsync<MatterView>()).Id);

        var reused = await drafter.PostJsonAsync("/api/matters", new { title = "另一个事项" }, key).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", reused.Code);

        // Without a key, two posts are two matters, numbered in turn.
        await drafter.PostJsonAsync("/api/matters", body).ExpectAsync(HttpStatusCode.Created, server);
        var numbers = await server.WithDatabaseAsync(db => db.Matters.Select(m => m.Number).ToListAsync());
        Assert.Equal(["2026-0001", "2026-0002"], numbers.Order());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_double_submitted_matter_with_a_key_is_created_once(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        var matters = await server.WithDatabaseAsync(db => db.Matters.CountAsync());
        var tabs = new[] { await server.SignInAsync("drafter"), await server.SignInAsync("drafter") };
        try
        {
            for (var round = 0; round < 3; round++)
            {
                var key = $"m-{Guid.NewGuid():N}";
                var body = new { title = $"重复提交的事项 {round}" };
                var responses = await Task.WhenAll(tabs.Select(tab => tab.PostJsonAsync("/api/matters", body, key)));
                var ids = new List<Guid>();
                foreach (var response in responses)
                {
                    using (response)
                    {
                        await response.ExpectAsync(HttpStatusCode.Created, server);
                        ids.Add((await response.ReadAsync<MatterView>()).Id);
                    }
                }
                Assert.Single(ids.Distinct());
                Assert.Single(responses, r => !r.Headers.Contains(ReplayedHeader));
            }
        }
        finally
        {
            Array.ForEach(tabs, t => t.Dispose());
        }
        Assert.Equal(matters + 3, await server.WithDatabaseAsync(db => db.Matters.CountAsync()));
    }

    private static Task<string> StoredAsync(ServerFactory server, Guid instanceId) => server.WithDatabaseAsync(async db =>
    {
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        var journal = await db.Journal.AsNoTracking().CountAsync(j => j.InstanceId == instanceId);
        var tasks = await db.Tasks.AsNoTracking().CountAsync(t => t.InstanceId == instanceId);
        return $"version {instance.Version}, journal {journal}, tasks {tasks}";
    });
}
