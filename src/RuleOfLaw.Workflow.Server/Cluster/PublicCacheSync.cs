using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// Keeps every node's cached public pages (the output cache, 60 s) coherent with explicit invalidation through the
/// database: a node that saved a change public pages may show (a comment, a published report, a closed consultation,
/// a decision …) drops its own cached public pages at once, and raises the version in <c>PublicCacheStamps</c> at its
/// next round; every node reads that version every <see cref="ClusterOptions.CacheSyncSeconds"/> and drops its cached
/// public pages when it moved. So a change shows everywhere within about two rounds, at the cost of one small query
/// per node per round and at most one update per node per round however many comments arrive. Bulk updates
/// (ExecuteUpdate) are not seen; their pages expire with the cache's lifetime. A save inside a transaction drops the
/// pages at its commit, not before (<see cref="PublicChangeInterceptor"/>), and a consultation period that opens or
/// ends by the clock drops them in the next round (issue 21; docs/load.md, "Public pages from the output cache").
/// </summary>
public sealed partial class PublicCacheSync(
    IServiceScopeFactory scopes, IOutputCacheStore cache, IOptions<ClusterOptions> options, TimeProvider clock, ILogger<PublicCacheSync> logger)
    : BackgroundService
{
    /// <summary>The output-cache tag of the public pages (Web/WebRegistration).</summary>
    public const string Tag = Web.WebRegistration.PublicCacheTag;

    private int _dirty;
    private long? _seen;
    private int _periodsStale = 1;
    private DateTimeOffset[] _periodEdges = [];
    private DateTimeOffset? _lastRound;

    /// <summary>How many times this node dropped its public pages because another node (or itself) raised the version.</summary>
    public int Evictions { get; private set; }

    /// <summary>How many times this node dropped its public pages because a consultation period opened or ended.</summary>
    public int PeriodEvictions { get; private set; }

    /// <summary>Called after a successful save that touched public data (after its transaction's commit).</summary>
    public async Task ChangedAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref _dirty, 1);
        Interlocked.Exchange(ref _periodsStale, 1);
        await cache.EvictByTagAsync(Tag, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CacheSyncSeconds));
        var round = 0L;
        try
        {
            do
            {
                try
                {
                    await RoundAsync(++round, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is away (or the table not there yet at first start): the next round tries again.
                    LogRoundFailed(logger, e.GetBaseException().Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One round: publish this node's changes, take the others'. Public for tests.</summary>
    public async Task RoundAsync(long round, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var stamps = db.Set<PublicCacheStamp>();
        var bumped = false;
        if (Interlocked.Exchange(ref _dirty, 0) == 1)
        {
            bumped = await stamps.Where(s => s.Id == PublicCacheStamp.RowId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct) == 1;
        }
        var version = await stamps.Where(s => s.Id == PublicCacheStamp.RowId).Select(s => (long?)s.Version).SingleOrDefaultAsync(ct);
        if (version != _seen)
        {
            // Moved by this node's own bump alone: its pages were dropped when the change committed, and a second drop
            // now would only make every reader wait for a render again. Moved further: another node changed something.
            if (_seen is not null && !(bumped && version == _seen + 1))
            {
                await cache.EvictByTagAsync(Tag, ct);
                Evictions++;
            }
            _seen = version;
            Interlocked.Exchange(ref _periodsStale, 1);
        }
        await PeriodEdgeAsync(db, ct);
        // Rate-limit windows are at most hours long, sign-in failures are kept a day (Auth/SignInThrottle): a day's
        // rows are kept, older ones go (once a minute or so). On the application's clock, which wrote them.
        if (round % Math.Max(1, 60 / options.Value.CacheSyncSeconds) == 1)
        {
            var before = clock.GetUtcNow().AddDays(-1).ToUnixTimeSeconds();
            await db.Set<RateLimitWindow>().Where(w => w.WindowStart < before).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>
    /// A consultation's page says "open" (with the form) or "ended" by the application's clock at render time, so a page
    /// cached a minute before the end would offer the form after it. The opening and closing instants of the
    /// consultations not closed yet are kept (read again after every change to public data); a round that finds one of
    /// them passed since the previous round drops the public pages, so an ended period shows within about a second,
    /// not after the cache's minute. "Passed since the previous round", not "the next one from now": a clock that jumps
    /// (or a round that comes late) must not skip an edge.
    /// </summary>
    private async Task PeriodEdgeAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Exchange(ref _periodsStale, 0) == 1)
        {
            // Compared here, not in SQL: SQLite cannot compare DateTimeOffset columns; the open consultations are few.
            var periods = await db.Set<Participation.Consultation>().AsNoTracking().Where(c => c.ClosedAt == null)
                .Select(c => new { c.OpensAt, c.ClosesAt }).ToListAsync(ct);
            _periodEdges = [.. periods.SelectMany(p => new[] { p.OpensAt, p.ClosesAt })];
        }
        var since = _lastRound ?? now;
        if (_periodEdges.Any(edge => edge > since && edge <= now))
        {
            await cache.EvictByTagAsync(Tag, ct);
            PeriodEvictions++;
        }
        _lastRound = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Public page cache round failed: {Error}")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}

/// <summary>
/// Tells <see cref="PublicCacheSync"/> after a save that added, changed or removed rows public pages may show: every
/// entity except the server's own bookkeeping (identity, mail, timers, keys, rate limits, processed commands, tokens).
/// Over-reporting costs one re-render of the public pages; under-reporting would show stale pages for a minute.
/// </summary>
public sealed class PublicChangeInterceptor(IServiceProvider services) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] Bookkeeping =
    [
        "Microsoft.", "RuleOfLaw.Workflow.Server.Mail", "RuleOfLaw.Workflow.Server.Scheduling", "RuleOfLaw.Workflow.Server.Cluster",
        "RuleOfLaw.Workflow.Server.Auth", "RuleOfLaw.Workflow.Server.Integrity",
    ];

    private readonly ConditionalWeakTable<DbContext, object> _touched = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Inspect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Inspect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Committed(eventData.Context))
        {
            await services.GetRequiredService<PublicCacheSync>().ChangedAsync(CancellationToken.None);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Committed(eventData.Context))
        {
            services.GetRequiredService<PublicCacheSync>().ChangedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    /// <summary>
    /// True when the saved change is visible to other readers now. Inside an explicit transaction it is not until the
    /// commit: dropping the pages before it would let a reader render (and cache for a minute) the state without it,
    /// so the mark waits for <see cref="TransactionCommitted"/> (issue 21: a new comment shows within seconds).
    /// </summary>
    private bool Committed(DbContext? context) =>
        context is not null && context.Database.CurrentTransaction is null && _touched.Remove(context);

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _touched.Remove(context))
        {
            await services.GetRequiredService<PublicCacheSync>().ChangedAsync(CancellationToken.None);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _touched.Remove(context))
        {
            services.GetRequiredService<PublicCacheSync>().ChangedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _touched.Remove(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        // Inside a transaction an earlier save's mark stays: the commit (if the caller goes on) still reports it.
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            _touched.Remove(context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Inspect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var touches = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && !Bookkeeping.Any(prefix => (e.Metadata.ClrType.Namespace ?? "").StartsWith(prefix, StringComparison.Ordinal))
            && e.Metadata.ClrType != typeof(Data.Entities.ProcessedCommand) && e.Metadata.ClrType != typeof(Data.Entities.ApiToken)
            && e.Metadata.ClrType != typeof(Data.Entities.AppUser));
        if (touches)
        {
            _touched.AddOrUpdate(context, true);
        }
    }
}
