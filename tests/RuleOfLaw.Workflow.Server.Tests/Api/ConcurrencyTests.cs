using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Different people acting on the same matter at the same moment: every accepted command is applied on the state the
/// previous one left (optimistic concurrency with a fresh decision), nothing is lost and nothing happens twice. One
/// server per database, shared with other classes, for the tests on their own matters (<see cref="SharedServers"/>);
/// the numbering test, which counts from the year's first number, has its own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class ConcurrencyTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Parallel_branches_completed_at_the_same_moment_both_count_and_the_join_opens_once(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");

        for (var round = 0; round < 3; round++)
        {
            var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true }, $"并发事项 {round}");
            instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
            var participation = instance.OpenTasks.Single(t => t.StepId == "public-participation");
            var argumentation = instance.OpenTasks.Single(t => t.StepId == "expert-argumentation");
            await driver.RecordForumAsync(instance.Id); // the participation guard needs a method (art. 14)
            await driver.SatisfyGuardAsync(instance.Id, "expert-argumentation", "opinion-submitted");

            var responses = await Task.WhenAll(
                drafter.PostJsonAsync($"/api/tasks/{participation.Id}/complete", new { outcome = "opinions-heard" }),
                drafter.PostJsonAsync($"/api/tasks/{argumentation.Id}/complete", new { outcome = "opinion-submitted" }));
            foreach (var response in responses)
            {
                using (response)
                {
                    await response.ExpectAsync(HttpStatusCode.OK, server);
                    Assert.False(response.Headers.Contains("Idempotent-Replayed"));
                }
            }

            instance = await driver.GetInstanceAsync(instance.Id);
            Assert.Equal("opinion-consolidation", Assert.Single(instance.OpenTasks).StepId);
            var journal = await driver.JournalAsync(instance.Id);
            Assert.Single(journal, e => e.Type == "TaskCompleted" && e.TaskId == participation.Id);
            Assert.Single(journal, e => e.Type == "TaskCompleted" && e.TaskId == argumentation.Id);
            Assert.Single(journal, e => e.Type == "TaskOpened" && e.StepId == "opinion-consolidation");
            Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
            var openRows = await server.WithDatabaseAsync(db => db.Tasks.AsNoTracking()
                .Where(t => t.InstanceId == instance.Id && t.Status == nameof(WorkTaskStatus.Open)).Select(t => t.StepId).ToListAsync());
            Assert.Equal(["opinion-consolidation"], openRows);
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Suspending_while_a_task_is_completed_leaves_one_consistent_history(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        var head = await driver.As("drafthead");
        var instance = await driver.StartNewAsync();
        var task = Assert.Single(instance.OpenTasks);

        var responses = await Task.WhenAll(
            drafter.PostJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "draft-prepared" }),
            head.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "暂停审议" }));
        using var completion = responses[0];
        using var suspension = responses[1];
        await suspension.ExpectAsync(HttpStatusCode.OK, server);

        // Either order is lawful: completed then suspended, or suspended first and the completion refused.
        var journal = await driver.JournalAsync(instance.Id);
        if (completion.StatusCode == HttpStatusCode.OK)
        {
            Assert.True(journal.FindIndex(e => e.Type == "TaskCompleted") < journal.FindIndex(e => e.Type == "InstanceSuspended"));
        }
        else
        {
            Assert.Equal("instance-suspended", (await completion.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
            Assert.DoesNotContain(journal, e => e.Type == "TaskCompleted");
        }
        Assert.Equal(InstanceStatus.Suspended, (await driver.GetInstanceAsync(instance.Id)).Status);
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Two_people_starting_the_same_matter_at_once_start_one_procedure(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        var head = await driver.As("drafthead");

        for (var round = 0; round < 3; round++)
        {
            var matter = await driver.CreateMatterAsync($"同时启动 {round}");
            var responses = await Task.WhenAll(
                drafter.PostJsonAsync("/api/instances", new { matterId = matter.Id }),
                head.PostJsonAsync("/api/instances", new { matterId = matter.Id }));
            using var first = responses[0];
            using var second = responses[1];

            var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Created);
            Assert.Equal("instance-exists", (await loser.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
            var instance = await winner.ReadAsync<InstanceView>();
            Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "InstanceStarted");
            Assert.Single(await server.WithDatabaseAsync(db => db.Tasks.AsNoTracking().Where(t => t.MatterId == matter.Id).ToListAsync()));
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Matters_created_at_the_same_moment_get_distinct_numbers(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        var head = await driver.As("drafthead");

        // Sixteen at once: the last of them loses up to fifteen draws (with 8 at once, five draws were sometimes not
        // enough and the creation answered 409).
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? drafter : head).PostJsonAsync("/api/matters", new { title = $"同时创建的事项 {i}" })));
        var matters = new List<MatterView>();
        foreach (var response in responses)
        {
            using (response)
            {
                await response.ExpectAsync(HttpStatusCode.Created, server);
                matters.Add(await response.ReadAsync<MatterView>());
            }
        }

        // Distinct, and without gaps: the losers of the race draw the next free number.
        Assert.Equal(Enumerable.Range(1, 16).Select(n => $"2026-{n:D4}"), matters.Select(m => m.Number).Order());
        var stored = await server.WithDatabaseAsync(db => db.Matters.AsNoTracking().ToListAsync());
        Assert.Equal(matters.Select(m => (m.Id, m.Number)).Order(), stored.Select(m => (m.Id, m.Number)).Order());
    }
}
