using Hangfire;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// The one Hangfire job of a timer: it carries the timer id and nothing else; the row says what firing means.
/// Its dashboard name (matter number, step, kind) is looked up from the row by <see cref="JobsDashboard"/>.
/// A job that fires its timer and finds a burst due behind it starts the node's <see cref="TimerSweep"/>; a job that
/// runs while the sweep does waits for it first (its row is then usually fired already).
/// </summary>
public sealed class TimerJob(TimerFiring firing, TimerSweep sweep)
{
    /// <summary>Hangfire retries a job that threw; firing is idempotent (keyed by the timer id), so a retry is safe.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 300, 900])]
    public async Task FireAsync(Guid timerId, CancellationToken cancellationToken)
    {
        await sweep.WaitAsync();
        if (await firing.FireAsync(timerId, cancellationToken) == TimerFiring.Outcome.Fired)
        {
            await sweep.RunIfBurstAsync(cancellationToken);
        }
    }
}
