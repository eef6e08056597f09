using Hangfire;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Once the server has started: reconciles timer rows with jobs (with in-memory job storage this re-arms every
/// pending timer; with PostgreSQL it repairs what a node that died between a commit and its job left behind), then
/// registers the recurring jobs. Recurring jobs run once per occurrence across all servers on the storage.
/// </summary>
public sealed partial class SchedulingStartup(
    TimerTriggers triggers, IRecurringJobManager recurring, IHostApplicationLifetime lifetime, IOptions<SchedulingOptions> scheduling,
    IOptions<MailOptions> mail, IOptions<WorkflowsOptions> workflows, ILogger<SchedulingStartup> logger) : BackgroundService
{
    public const string ReconcileJobId = "timers:reconcile";
    public const string OutboxJobId = "mail:outbox";
    public const string DigestJobId = "mail:daily-digest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(lifetime.ApplicationStarted, stoppingToken);
            try
            {
                await triggers.ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The recurring reconciliation retries it.
                LogFailed(logger, e);
            }
            Register();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Register()
    {
        var interval = scheduling.Value.ReconcileIntervalSeconds;
        if (interval > 0)
        {
            recurring.AddOrUpdate<TimerReconcileJob>(ReconcileJobId, j => j.RunAsync(CancellationToken.None),
                Cron.MinuteInterval(Math.Clamp((int)Math.Ceiling(interval / 60), 1, 59)));
        }
        else
        {
            recurring.RemoveIfExists(ReconcileJobId);
        }
        recurring.AddOrUpdate<OutboxWorker>(OutboxJobId, w => w.DispatchAsync(CancellationToken.None), OutboxCron(mail.Value.PollSeconds));
        recurring.AddOrUpdate<OutboxWorker>(DigestJobId, w => w.DigestAsync(CancellationToken.None),
            Cron.Daily(Math.Clamp(mail.Value.DigestHour, 0, 23)),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(workflows.Value.TimeZone) });
    }

    /// <summary>Every <paramref name="seconds"/> (rounded to a divisor of 60: a cron step), in seconds below a minute.</summary>
    public static string OutboxCron(double seconds)
    {
        if (seconds < 60)
        {
            var step = new[] { 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 }.Last(s => s <= Math.Max(1, seconds));
            return step == 1 ? "* * * * * *" : $"*/{step} * * * * *";
        }
        return Cron.MinuteInterval(Math.Clamp((int)Math.Round(seconds / 60), 1, 59));
    }

    private static Task WhenStartedAsync(CancellationToken started, CancellationToken stopping)
    {
        var done = new TaskCompletionSource();
        started.Register(() => done.TrySetResult());
        stopping.Register(() => done.TrySetCanceled(stopping));
        return done.Task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling timers with jobs at start-up failed; the recurring reconciliation retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>The recurring reconciliation (<see cref="TimerTriggers.ReconcileAsync"/>).</summary>
public sealed class TimerReconcileJob(TimerTriggers triggers)
{
    [System.ComponentModel.DisplayName("期限：核对计时记录与作业 Timers: reconcile rows with jobs")]
    public async Task RunAsync(CancellationToken cancellationToken) => await triggers.ReconcileAsync(cancellationToken);
}
