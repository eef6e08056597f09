using Microsoft.Extensions.Options;
using Quartz;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Reconciles timer rows with Quartz triggers once the scheduler runs, and then periodically: a node that died
/// between a commit and its trigger, or a trigger lost with a restored database, is repaired within one interval.
/// </summary>
public sealed partial class TimerReconciler(
    TimerTriggers triggers, ISchedulerFactory schedulers, IHostApplicationLifetime lifetime, IOptionsMonitor<SchedulingOptions> options,
    ILogger<TimerReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!triggers.Enabled)
        {
            return;
        }
        try
        {
            await WhenStartedAsync(lifetime.ApplicationStarted, stoppingToken);
            var scheduler = await schedulers.GetScheduler(stoppingToken);
            while (scheduler.Status is SchedulerStatus.Created or SchedulerStatus.Unknown && !stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(100, stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await triggers.ReconcileAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
                var interval = options.CurrentValue.ReconcileIntervalSeconds;
                if (interval <= 0)
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(interval), stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task WhenStartedAsync(CancellationToken started, CancellationToken stopping)
    {
        var done = new TaskCompletionSource();
        started.Register(() => done.TrySetResult());
        stopping.Register(() => done.TrySetCanceled(stopping));
        return done.Task;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling timers with triggers failed; retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
