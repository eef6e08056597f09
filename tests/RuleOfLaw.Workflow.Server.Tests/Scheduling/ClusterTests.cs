using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>Two servers on one PostgreSQL database (Hangfire on PostgreSQL storage): every timer fires exactly once.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Two_servers_on_one_PostgreSQL_database_fire_each_timer_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var a = DeadlineServer.StartOn(database, TestClock.DefaultStart);
        await using var b = DeadlineServer.StartOn(database, TestClock.DefaultStart);
        // Each node signs its own cookies: clients sign in on the node they talk to, so data-protection keys
        // (per process) never need to be shared in this test; a real cluster shares them (docs).
        using var driverA = new ProcedureDriver(a);
        using var driverB = new ProcedureDriver(b);
        var instances = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var driver = i % 2 == 0 ? driverA : driverB;
            var instance = await DeadlineServer.StartMatterAsync(driver, title: $"集群期限测试{i}");
            await DeadlineServer.CompleteAsync(driver, instance.Id, "draft", "done", "drafter");
            instances.Add(instance.Id);
        }
        var timers = (await DeadlineServer.TimersAsync(a)).Where(t => t.Kind == TimerKinds.Workflow).ToList();
        Assert.Equal(3, timers.Count);

        var due = timers.Max(t => t.DueAt).AddMinutes(1);
        a.Clock.MoveTo(due);
        b.Clock.MoveTo(due);
        // Both nodes reconcile and also fire every timer by hand at the same moment: the worst case.
        await Task.WhenAll(DeadlineServer.ReconcileAsync(a), DeadlineServer.ReconcileAsync(b));
        await Task.WhenAll(timers.SelectMany(t => new[] { FireAsync(a, t.Id), FireAsync(b, t.Id) }));
        foreach (var timer in timers)
        {
            Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(a, timer.Id)).Status);
        }
        await Task.Delay(1500);
        foreach (var id in instances)
        {
            Assert.Single(await DeadlineServer.JournalTypesAsync(a, id), t => t == "TimerFired");
            var decide = await a.WithDatabaseAsync(db => db.Tasks.CountAsync(t => t.InstanceId == id && t.StepId == "decide"));
            Assert.Equal(1, decide);
        }
    }

    private static async Task FireAsync(ServerFactory server, Guid id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(id, default);
    }
}
