using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using Hangfire.States;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Mail;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// Post-decision evaluations are due a year or more ahead (第三十六条). A naive in-process timer cannot wait past
/// ~24.8 days (int milliseconds) and forgets everything on restart; the row and its Hangfire job (or, with in-memory job storage, the row alone) do not.
/// </summary>
public sealed class LongTimerTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_400_day_evaluation_timer_survives_a_restart_and_fires_once(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var dueAt = TestClock.DefaultStart.AddDays(400);
        Guid timerId, matterId;
        string firstJobId;
        await using (var first = DeadlineServer.StartOn(database, TestClock.DefaultStart, smtp))
        {
            using var driver = new ProcedureDriver(first);
            // A matter whose procedure has no task deadlines: the evaluation is the only timer.
            var instance = await DeadlineServer.StartMatterAsync(driver, DeadlineServer.IncidentDefinition);
            matterId = Guid.Parse(instance.MatterId);
            await using var scope = first.Services.CreateAsyncScope();
            var timers = scope.ServiceProvider.GetRequiredService<DomainTimers>();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            timerId = await timers.AddAsync(EvaluationDueHandler.TimerKind, matterId.ToString(), dueAt, null, matterId, null, default);
            await db.SaveChangesAsync();
            await timers.ArmAfterCommitAsync(default);
            // Scheduling the same evaluation again adds nothing.
            Assert.Equal(timerId, await timers.AddAsync(EvaluationDueHandler.TimerKind, matterId.ToString(), dueAt, null, matterId, null, default));
            Assert.Equal(0, await db.SaveChangesAsync());
            firstJobId = await WaitForLiveJobAsync(first, timerId);
        }

        // After a restart 30 days later (past the 24.8-day limit of a naive timer) the timer has a job again, waiting
        // for its due time: on PostgreSQL the same job, kept in Hangfire's tables; on SQLite (in-memory job storage,
        // empty after the restart) a new one made from the row by the start-up reconciliation.
        await using var second = DeadlineServer.StartOn(database, TestClock.DefaultStart.AddDays(30), smtp);
        var jobId = await WaitForLiveJobAsync(second, timerId);
        Assert.Equal(provider == DatabaseProvider.PostgreSql, jobId == firstJobId);
        using (var connection = second.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var state = connection.GetStateData(jobId);
            Assert.Equal(ScheduledState.StateName, state.Name);
            // Hangfire waits on the real clock: due in 370 (SQLite: re-armed at the restart) or 400 (PostgreSQL) days.
            var enqueueAt = DateTime.Parse(state.Data["EnqueueAt"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
            Assert.InRange(enqueueAt, DateTime.UtcNow.AddDays(369), DateTime.UtcNow.AddDays(401));
        }
        Assert.Equal(TimerRowStatus.Pending, (await DeadlineServer.TimersAsync(second)).Single(t => t.Id == timerId).Status);

        // A test clock jumps 370 days at once; after such a jump the reconciliation (at start-up and every
        // Scheduling:ReconcileIntervalSeconds) re-arms what became due. Real time does not jump.
        second.Clock.MoveTo(dueAt.AddMinutes(1));
        await DeadlineServer.ReconcileAsync(second);
        var fired = await DeadlineServer.WaitUntilDoneAsync(second, timerId);
        Assert.Equal(TimerRowStatus.Fired, fired.Status);

        var mails = await smtp.WaitForAsync(m => m.Any(x => x.Subject.Contains("决策后评估", StringComparison.Ordinal)), what: "the evaluation mail");
        var mail = Assert.Single(mails, m => m.Subject.Contains("决策后评估", StringComparison.Ordinal));
        Assert.Equal(["evaluator@example.gov.cn"], mail.RcptTos);
        Assert.Contains("第三十六条", mail.Body);
        Assert.Contains($"https://decisions.example.gov.cn/matters/{matterId}", mail.Body);
        await DeadlineServer.ReconcileAsync(second);
        await Quiescence.WaitUntilQuietAsync(second);
        Assert.Equal(1, await second.WithDatabaseAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Kind == MailKinds.EvaluationDue)));
    }

    private static async Task<string> WaitForLiveJobAsync(ServerFactory server, Guid timerId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (server.Services.GetRequiredService<TimerTriggers>().LiveJobs().TryGetValue(timerId, out var jobs))
            {
                return Assert.Single(jobs);
            }
            Assert.True(DateTime.UtcNow < until, $"timer {timerId} has no live job" + server.DescribeServerLog());
            await Task.Delay(100);
        }
    }
}
