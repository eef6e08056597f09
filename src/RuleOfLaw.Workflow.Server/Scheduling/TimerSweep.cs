using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Fires a burst of due <c>workflow</c> timers in batches (docs/deadlines-and-mail.md, "Bursts"). Every timer keeps its
/// own Hangfire job (the durable alarm: reconciliation, restarts and the single timer are unchanged); when a job fires
/// its timer and finds at least <see cref="SchedulingOptions.FireBatchSize"/> more <c>workflow</c> timers due, it starts
/// a sweep on its node: batches of that many timers, each batch one transaction
/// (<see cref="TimerFiring.FireBatchAsync"/>), until none is due. One sweep runs per node at a time, with
/// <see cref="SchedulingOptions.SweepParallelism"/> batches at once on PostgreSQL (one on SQLite: one writer); the
/// other timer jobs on the node wait for it and then find their rows fired (or fire what it left). Two nodes' sweeps
/// take disjoint rows (the batch locks its rows with <c>SKIP LOCKED</c>), and a timer still fires exactly once however
/// the sweeps and jobs meet: its command runs under the key <c>system:timer:{id}</c> and the instance's version check.
/// </summary>
public sealed partial class TimerSweep(
    IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<SchedulingOptions> options, ILogger<TimerSweep> logger)
{
    /// <summary>Candidates read per batch: a window this many batches long, shuffled, so two nodes seldom reach for the same rows.</summary>
    private const int Window = 8;

    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;

    /// <summary>The sweep running on this node, if any (a timer job waits for it before it looks at its row).</summary>
    public Task WaitAsync()
    {
        lock (_gate)
        {
            return _running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Sweeps if a burst is due and no sweep runs on this node; else waits for the running one.</summary>
    public Task RunIfBurstAsync(CancellationToken ct)
    {
        if (options.CurrentValue.FireBatchSize <= 1)
        {
            return Task.CompletedTask;
        }
        lock (_gate)
        {
            if (_running.IsCompleted)
            {
                _running = Task.Run(() => SweepAsync(ct), CancellationToken.None);
            }
        }
        return WaitAsync();
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        var batch = options.CurrentValue.FireBatchSize;
        bool sqlite;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            sqlite = db.Database.IsSqlite();
            if ((await DueAsync(db, batch, ct)).Count < batch)
            {
                return;
            }
        }
        var parallel = sqlite ? 1 : Math.Max(1, options.CurrentValue.SweepParallelism);
        var started = clock.GetUtcNow();
        var seen = new HashSet<Guid>();
        var fired = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                List<Guid> pick;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var candidates = await DueAsync(scope.ServiceProvider.GetRequiredService<WorkflowDbContext>(), batch * Window, ct);
                    lock (seen)
                    {
                        // Not again in this sweep: fired, taken by another node, or failed (its own job retries it).
                        pick = [.. candidates.Where(id => !seen.Contains(id)).OrderBy(_ => Random.Shared.Next()).Take(batch)];
                        seen.UnionWith(pick);
                    }
                }
                if (pick.Count == 0)
                {
                    return;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var done = await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireBatchAsync(pick, ct);
                    Interlocked.Add(ref fired, done.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogBatchFailed(logger, pick.Count, e);
                }
            }
        }, CancellationToken.None)));
        LogSwept(logger, fired, parallel, (clock.GetUtcNow() - started).TotalSeconds);
    }

    private async Task<List<Guid>> DueAsync(WorkflowDbContext db, int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.Status == TimerRowStatus.Pending && t.Kind == TimerKinds.Workflow && t.InstanceId != null && t.DueAt <= now)
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(count).ToListAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer burst: {Fired} timers fired in batches ({Parallel} at once) in {Seconds:F1} s")]
    private static partial void LogSwept(ILogger logger, int fired, int parallel, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} due timers failed; their own jobs fire them")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
