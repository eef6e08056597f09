using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// Two servers on one PostgreSQL database, each running the scheduler (Hangfire on PostgreSQL storage): the scheduler itself hands every due timer to
/// exactly one node (counted from both nodes' firing log), and the timer fires exactly once (its row, the journal,
/// the next step's task).
/// </summary>
public sealed class ClusterTests
{
    private static ServerFactory Node(TestDatabase database)
    {
        var node = new ServerFactory(database, DeadlineServer.WorkflowsDirectory) { LogLevel = LogLevel.Information };
        DeadlineServer.Configure(node, null);
        node.Clock.MoveTo(TestClock.DefaultStart);
        node.StartServer();
        return node;
    }

    [Fact]
    public async Task Two_servers_on_one_PostgreSQL_database_fire_each_timer_exactly_once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.PostgreSql);
        await using var a = Node(database);
        await using var b = Node(database);
        // Each node signs its own cookies: clients sign in on the node they talk to, so data-protection keys
        // (per process) never need to be shared in this test; a real cluster shares them (docs).
        using var driverA = new ProcedureDriver(a);
        using var driverB = new ProcedureDriver(b);
        var instances = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var driver = i % 2 == 0 ? driverA : driverB;
            var instance = await DeadlineServer.StartMatterAsync(driver, title: $"集群期限测试{i}");
            await DeadlineServer.CompleteAsync(driver, instance.Id, "draft", "done", "drafter");
            instances.Add(instance.Id);
        }
        var timers = (await DeadlineServer.TimersAsync(a)).Where(t => t.Kind == TimerKinds.Workflow).ToList();
        Assert.Equal(4, timers.Count);

        // Both nodes' clocks pass the due times; both reconcile (as each does at start-up and periodically), and from
        // then on only their schedulers fire anything.
        var due = timers.Max(t => t.DueAt).AddMinutes(1);
        a.Clock.MoveTo(due);
        b.Clock.MoveTo(due);
        await Task.WhenAll(DeadlineServer.ReconcileAsync(a), DeadlineServer.ReconcileAsync(b));
        foreach (var timer in timers)
        {
            Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(a, timer.Id)).Status);
        }
        await Quiescence.WaitUntilQuietAsync(a);

        foreach (var timer in timers)
        {
            // Every firing is logged with its outcome; a second node handed the same due timer would log NotPending.
            // (NotDue lines are the schedulers' early tries while the test clocks still stood before the due time.)
            var attempts = a.ServerLog.Concat(b.ServerLog).Where(l => l.Contains($"Timer {timer.Id} (", StringComparison.Ordinal)
                && (l.EndsWith(": Fired", StringComparison.Ordinal) || l.EndsWith(": NotPending", StringComparison.Ordinal))).ToList();
            Assert.True(attempts.Count == 1 && attempts[0].EndsWith(": Fired", StringComparison.Ordinal),
                $"timer {timer.Id} was handed out {attempts.Count} time(s): {string.Join(" | ", attempts)}");
        }
        foreach (var id in instances)
        {
            Assert.Single(await DeadlineServer.JournalTypesAsync(a, id), t => t == "TimerFired");
            var decide = await a.WithDatabaseAsync(db => db.Tasks.CountAsync(t => t.InstanceId == id && t.StepId == "decide"));
            Assert.Equal(1, decide);
        }
    }
}
