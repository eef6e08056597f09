using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// The Quartz side of timers. A trigger is keyed by the timer id and carries nothing else; scheduling replaces an
/// existing trigger, so scheduling twice is harmless. Quartz 4 takes the application's <see cref="TimeProvider"/>
/// from the container (its store, misfire checks and cluster check-ins all read it), so a trigger starts at the
/// timer's due time; a test that moves its clock sees due triggers acquired within Quartz's idle wait. Past-due
/// timers (after a restart or a clock move) start "now", spread out. The job checks the clock again before acting.
/// </summary>
public sealed partial class TimerTriggers(
    ISchedulerFactory schedulers, TimeProvider clock, IOptionsMonitor<SchedulingOptions> options, IServiceScopeFactory scopes,
    ILogger<TimerTriggers> logger)
{
    public const string TriggerGroup = "rolw-timers";
    public static readonly JobKey Job = new("fire-timer", "rolw");
    public const string TimerIdKey = "timerId";

    public bool Enabled => options.CurrentValue.Enabled;

    public async Task EnsureJobAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var job = JobBuilder.Create<TimerFireJob>().WithIdentity(Job).StoreDurably().RequestRecovery().Build();
        await scheduler.AddJob(job, new AddJobOptions { Replace = true }, ct);
    }

    /// <summary>Creates or replaces the triggers of these timers; past-due ones are spread <see cref="SchedulingOptions.SpreadMilliseconds"/> apart.</summary>
    public async Task ScheduleAsync(IReadOnlyCollection<(Guid Id, DateTimeOffset DueAt)> timers, CancellationToken ct)
    {
        if (!Enabled || timers.Count == 0)
        {
            return;
        }
        var scheduler = await schedulers.GetScheduler(ct);
        var now = clock.GetUtcNow();
        var spread = TimeSpan.FromMilliseconds(options.CurrentValue.SpreadMilliseconds);
        var pastDue = 0;
        foreach (var (id, dueAt) in timers.OrderBy(t => t.DueAt))
        {
            var startAt = dueAt > now ? dueAt : now + spread * pastDue++;
            var trigger = TriggerBuilder.Create(clock)
                .WithIdentity(id.ToString(), TriggerGroup)
                .ForJob(Job)
                .UsingJobData(TimerIdKey, id.ToString())
                .StartAt(startAt)
                .Build();
            await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, ct);
        }
    }

    public async Task UnscheduleAsync(Guid id, CancellationToken ct)
    {
        if (Enabled)
        {
            var scheduler = await schedulers.GetScheduler(ct);
            await scheduler.UnscheduleJob(new TriggerKey(id.ToString(), TriggerGroup), ct);
        }
    }

    /// <summary>
    /// Makes triggers match rows: a trigger for every Pending row (missing ones created; past-due ones re-armed,
    /// spread out), none for anything else (orphans removed). Returns (scheduled, removed).
    /// </summary>
    public async Task<(int Scheduled, int Removed)> ReconcileAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return (0, 0);
        }
        await EnsureJobAsync(ct);
        List<(Guid Id, DateTimeOffset DueAt)> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            pending = (await db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Status == TimerRowStatus.Pending)
                .Select(t => new { t.Id, t.DueAt }).ToListAsync(ct)).Select(t => (t.Id, t.DueAt)).ToList();
        }
        var scheduler = await schedulers.GetScheduler(ct);
        var keys = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TriggerGroup), ct)).ToHashSet();
        var wanted = pending.Select(p => p.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var orphans = keys.Where(k => !wanted.Contains(k.Name)).ToList();
        if (orphans.Count > 0)
        {
            await scheduler.UnscheduleJobs(orphans, ct);
        }
        var appNow = clock.GetUtcNow();
        var toSchedule = pending.Where(p => p.DueAt <= appNow || !keys.Contains(new TriggerKey(p.Id.ToString(), TriggerGroup))).ToList();
        await ScheduleAsync(toSchedule, ct);
        LogReconciled(logger, pending.Count, toSchedule.Count, orphans.Count);
        return (toSchedule.Count, orphans.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timers reconciled: {Pending} pending rows, {Scheduled} triggers (re)created, {Removed} orphan triggers removed")]
    private static partial void LogReconciled(ILogger logger, int pending, int scheduled, int removed);
}
