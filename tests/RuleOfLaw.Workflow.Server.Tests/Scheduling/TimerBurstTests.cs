using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// Many timer steps due at once (a burst, issue 21 goal 3) are fired in batches, several commands per transaction
/// (<see cref="TimerSweep"/>, <see cref="TimerFiring.FireBatchAsync"/>), and still each exactly once: one row Fired,
/// one <c>TimerFired</c> journal entry, one next task per instance, one firing in the logs, also when two nodes
/// reach for the same batch at the same moment. (Speed is measured in bench/, not here.)
/// </summary>
public sealed class TimerBurstTests
{
    private const int Timers = 8;

    private static void Burst(ServerFactory factory)
    {
        DeadlineServer.Configure(factory, null);
        // A burst is at least FireBatchSize timers due at once; one worker, so the first job surely finds the rest due.
        factory.Settings["Scheduling:FireBatchSize"] = "3";
        factory.Settings["Scheduling:ThreadCount"] = "1";
        factory.LogLevel = LogLevel.Information;
    }

    private static async Task<(List<Guid> Instances, List<ScheduledTimer> Timers)> DueTimersAsync(ServerFactory server, params ProcedureDriver[] drivers)
    {
        var instances = new List<Guid>();
        for (var i = 0; i < Timers; i++)
        {
            var driver = drivers[i % drivers.Length];
            var instance = await DeadlineServer.StartMatterAsync(driver, title: $"批量期限测试{i}");
            await DeadlineServer.CompleteAsync(driver, instance.Id, "draft", "done", "drafter");
            instances.Add(instance.Id);
        }
        var timers = (await DeadlineServer.TimersAsync(server)).Where(t => t.Kind == TimerKinds.Workflow).ToList();
        Assert.Equal(Timers, timers.Count);
        Assert.All(timers, t => Assert.Equal(TimerRowStatus.Pending, t.Status));
        return (instances, timers);
    }

    private static async Task AssertFiredOnceAsync(ServerFactory server, List<Guid> instances, List<ScheduledTimer> timers, params ServerFactory[] nodes)
    {
        foreach (var timer in timers)
        {
            Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(server, timer.Id)).Status);
            var fired = nodes.SelectMany(n => n.ServerLog).Count(l => l.Contains($"Timer {timer.Id} (", StringComparison.Ordinal) && l.EndsWith(": Fired", StringComparison.Ordinal));
            Assert.True(fired == 1, $"timer {timer.Id} logged as fired {fired} times");
        }
        foreach (var id in instances)
        {
            Assert.Single(await DeadlineServer.JournalTypesAsync(server, id), t => t == "TimerFired");
            Assert.Equal(1, await server.WithDatabaseAsync(db => db.Tasks.CountAsync(t => t.InstanceId == id && t.StepId == "decide")));
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_burst_of_due_timers_is_fired_in_batches_each_exactly_once(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, DeadlineServer.WorkflowsDirectory, Burst);
        using var driver = new ProcedureDriver(server);
        var (instances, timers) = await DueTimersAsync(server, driver);

        driver.MoveClockTo(timers.Max(t => t.DueAt));
        await DeadlineServer.ReconcileAsync(server);
        await AssertFiredOnceAsync(server, instances, timers, server);
        await Quiescence.WaitUntilQuietAsync(server);
        // The batch path ran (not only the timers' own jobs), and nothing fired twice once every job had run.
        Assert.Contains(server.ServerLog, l => l.Contains("Timer burst:", StringComparison.Ordinal));
        await AssertFiredOnceAsync(server, instances, timers, server);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Two_batches_over_the_same_due_timers_at_the_same_moment_fire_each_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        // Two nodes on PostgreSQL; on SQLite (one node) two sweeps of the same server.
        await using var a = Node(database);
        await using var b = provider == DatabaseProvider.PostgreSql ? Node(database) : null;
        using var driver = new ProcedureDriver(a);
        var (instances, timers) = await DueTimersAsync(a, driver);

        // Due on both application clocks; their Hangfire jobs wait on the real clock (days), so only these batches fire.
        var due = timers.Max(t => t.DueAt);
        a.Clock.MoveTo(due);
        b?.Clock.MoveTo(due);
        var ids = timers.Select(t => t.Id).ToList();
        var results = await Task.WhenAll(FireBatchAsync(a, ids), FireBatchAsync(b ?? a, ids));

        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Equal(ids.Order(), results[0].Concat(results[1]).Order());
        await AssertFiredOnceAsync(a, instances, timers, b is null ? [a] : [a, b]);
        Assert.Empty(await FireBatchAsync(a, ids));
    }

    private static ServerFactory Node(TestDatabase database)
    {
        var node = new ServerFactory(database, DeadlineServer.WorkflowsDirectory);
        Burst(node);
        node.Clock.MoveTo(TestClock.DefaultStart);
        node.StartServer();
        return node;
    }

    private static async Task<IReadOnlyList<Guid>> FireBatchAsync(ServerFactory server, IReadOnlyCollection<Guid> ids)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireBatchAsync(ids, CancellationToken.None);
    }
}
