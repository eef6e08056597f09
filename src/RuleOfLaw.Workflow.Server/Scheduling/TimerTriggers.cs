using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// The Hangfire side of timers: one <see cref="TimerJob"/> per pending timer, carrying only its id. Hangfire waits on
/// the real clock, so a timer due in d (on the application's <see cref="TimeProvider"/>) is scheduled for now + d;
/// a past-due one is enqueued at once (the workers, <see cref="SchedulingOptions.ThreadCount"/> per node, pace a
/// burst). The job checks the application clock again before acting, and a clock that jumped (a test; real time does
/// not jump) is caught up by <see cref="ReconcileAsync"/>, which enqueues what became due.
/// Scheduling a timer that already has a job adds a second one: harmless (firing is idempotent, the second finds
/// the row no longer Pending) and not worth a read per timer on the hot path.
/// </summary>
public sealed partial class TimerTriggers(
    IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock, IOptionsMonitor<SchedulingOptions> options, IServiceScopeFactory scopes,
    ILogger<TimerTriggers> logger)
{
    public bool Enabled => options.CurrentValue.Enabled;

    /// <summary>Creates a job for each of these timers: scheduled for its due time, or enqueued now if past due.</summary>
    public Task ScheduleAsync(IReadOnlyCollection<(Guid Id, DateTimeOffset DueAt)> timers, CancellationToken ct)
    {
        if (!Enabled || timers.Count == 0)
        {
            return Task.CompletedTask;
        }
        var now = clock.GetUtcNow();
        foreach (var (id, dueAt) in timers.OrderBy(t => t.DueAt))
        {
            ct.ThrowIfCancellationRequested();
            var wait = dueAt - now;
            IState state = wait > TimeSpan.Zero ? new ScheduledState(wait) : new EnqueuedState();
            jobs.Create<TimerJob>(j => j.FireAsync(id, CancellationToken.None), state);
        }
        return Task.CompletedTask;
    }

    /// <summary>Timer id → its live (scheduled, enqueued, running) job ids.</summary>
    public Dictionary<Guid, List<string>> LiveJobs()
    {
        using var connection = storage.GetConnection();
        return TimerJobIndex.Read(connection);
    }

    /// <summary>
    /// Makes jobs match rows: a job for every Pending row (missing ones created, past-due scheduled ones enqueued
    /// now), none for anything else (orphans deleted). Returns (scheduled or enqueued, removed).
    /// </summary>
    public async Task<(int Scheduled, int Removed)> ReconcileAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return (0, 0);
        }
        List<(Guid Id, DateTimeOffset DueAt)> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            pending = (await db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Status == TimerRowStatus.Pending)
                .Select(t => new { t.Id, t.DueAt }).ToListAsync(ct)).Select(t => (t.Id, t.DueAt)).ToList();
        }
        var live = LiveJobs();
        var wanted = pending.Select(p => p.Id).ToHashSet();
        var removed = 0;
        foreach (var (timerId, jobIds) in live.Where(l => !wanted.Contains(l.Key)))
        {
            foreach (var jobId in jobIds)
            {
                removed += jobs.Delete(jobId) ? 1 : 0;
            }
        }
        var now = clock.GetUtcNow();
        var missing = new List<(Guid, DateTimeOffset)>();
        var enqueued = 0;
        foreach (var (id, dueAt) in pending)
        {
            if (!live.TryGetValue(id, out var jobIds))
            {
                missing.Add((id, dueAt));
            }
            else if (dueAt <= now)
            {
                // Due on the application clock but waiting on Hangfire's: move it to the queue (only if still Scheduled).
                enqueued += jobIds.Count(jobId => jobs.ChangeState(jobId, new EnqueuedState(), ScheduledState.StateName)) > 0 ? 1 : 0;
            }
        }
        await ScheduleAsync(missing, ct);
        LogReconciled(logger, pending.Count, missing.Count, enqueued, removed);
        return (missing.Count + enqueued, removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timers reconciled: {Pending} pending rows, {Created} jobs created, {Enqueued} due jobs enqueued, {Removed} orphan jobs deleted")]
    private static partial void LogReconciled(ILogger logger, int pending, int created, int enqueued, int removed);
}
