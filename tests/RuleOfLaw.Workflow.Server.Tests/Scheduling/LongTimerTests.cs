using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Mail;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// Post-decision evaluations are due a year or more ahead (第三十六条). A naive in-process timer cannot wait past
/// ~24.8 days (int milliseconds) and forgets everything on restart; the row and the persisted trigger do not.
/// </summary>
public sealed class LongTimerTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_400_day_evaluation_timer_survives_a_restart_and_fires_once(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var dueAt = TestClock.DefaultStart.AddDays(400);
        Guid timerId, matterId;
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
        }

        // After a restart 30 days later (past the 24.8-day limit of a naive timer) the trigger is still stored, for the due time.
        await using var second = DeadlineServer.StartOn(database, TestClock.DefaultStart.AddDays(30), smtp);
        var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey(timerId.ToString(), TimerTriggers.TriggerGroup));
        Assert.NotNull(trigger);
        Assert.Equal(dueAt, trigger.NextFireTimeUtc);
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
        await Task.Delay(500);
        Assert.Equal(1, await second.WithDatabaseAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Kind == MailKinds.EvaluationDue)));
    }
}
