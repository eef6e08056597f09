using System.Data.Common;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// A fixed-window limiter whose count lives in the database (table <c>RateLimitWindows</c>), so a client spread over
/// several nodes by the balancer gets the limit once, not once per node. One atomic upsert adds to the window's count
/// and returns the new count (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>; <c>MERGE</c> on SQL Server). Used for
/// the public-comment limits when <see cref="ClusterOptions.SharedRateLimits"/> is on (docs/operations.md). When the
/// database cannot be reached the request is let through: the comment itself then fails on the database anyway.
/// </summary>
/// <remarks>
/// Deadline-day load (issue 21, docs/load.md): the window of one address (a proxy, a school, a carrier's NAT) or of one
/// consultation is one row that every request of it updates. Requests of one partition arriving while an upsert runs
/// are therefore counted together by the next one (adding their number, each granted by its place in the new count),
/// so the row is updated once per group rather than once per request; and on PostgreSQL that statement commits without
/// waiting for its WAL flush (<c>synchronous_commit = off</c> for its transaction only): a count lost to a database
/// crash lets a few requests more through once, which a rate limit can afford, and the comment's own transaction stays
/// fully durable.
/// </remarks>
public sealed class SharedRateLimiter(string partition, int permitLimit, TimeSpan window, IServiceScopeFactory scopes, TimeProvider clock) : RateLimiter
{
    private readonly object _gate = new();
    private List<TaskCompletionSource<RateLimitLease>> _waiting = [];
    private bool _counting;
    private long _lastUsedTicks = DateTime.UtcNow.Ticks;

    public override TimeSpan? IdleDuration => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>No answer without the database: the rate-limiting middleware then waits for <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Pending;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, DateTime.UtcNow.Ticks);
        var lease = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Add(lease);
            start = !_counting;
            _counting = true;
        }
        if (start)
        {
            _ = Task.Run(CountWaitingAsync, CancellationToken.None);
        }
        return new ValueTask<RateLimitLease>(lease.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Counts the waiting requests in groups, one upsert per group, until none waits.</summary>
    private async Task CountWaitingAsync()
    {
        while (true)
        {
            List<TaskCompletionSource<RateLimitLease>> group;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _counting = false;
                    return;
                }
                (group, _waiting) = (_waiting, []);
            }
            var seconds = (long)window.TotalSeconds;
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var start = now - now % seconds;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
                var count = await CountAsync(db, partition, start, group.Count, CancellationToken.None);
                // The group's requests took the places count - group.Count + 1 … count, in arrival order.
                var first = count - group.Count + 1;
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].TrySetResult(first + i <= permitLimit ? Lease.Granted : Lease.Refused(TimeSpan.FromSeconds(start + seconds - now)));
                }
            }
            catch (Exception e)
            {
                // As a request counting alone would: its acquisition fails with the database's error.
                foreach (var waiting in group)
                {
                    waiting.TrySetException(e);
                }
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="requests"/> to the window's count and returns the new count, in one statement. Inside the
    /// context's transaction when it has one (then as durable as that transaction); otherwise in its own.
    /// </summary>
    public static async Task<int> CountAsync(WorkflowDbContext db, string partition, long windowStart, int requests, CancellationToken ct)
    {
        var ambient = db.Database.CurrentTransaction?.GetDbTransaction();
        var postgres = db.Database.IsNpgsql() && ambient is null;
        var sql = UpsertSql(db.Database.IsSqlServer());
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = postgres ? await connection.BeginTransactionAsync(ct) : null;
            if (transaction is not null)
            {
                await using var relaxed = connection.CreateCommand();
                relaxed.Transaction = transaction;
                relaxed.CommandText = "SET LOCAL synchronous_commit TO OFF";
                await relaxed.ExecuteNonQueryAsync(ct);
            }
            await using var command = connection.CreateCommand();
            command.Transaction = transaction ?? ambient;
            command.CommandText = sql;
            Add(command, "@p", partition.Length > RateLimitWindow.PartitionLength ? partition[..RateLimitWindow.PartitionLength] : partition);
            Add(command, "@w", windowStart);
            Add(command, "@n", requests);
            var count = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The upsert: <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c> on PostgreSQL and SQLite, <c>MERGE … WITH (HOLDLOCK)</c>
    /// on SQL Server (whose text the SQL Server script test parses; it has not run against a live SQL Server here).
    /// </summary>
    public static string UpsertSql(bool sqlServer) => sqlServer
            ? """
              MERGE [RateLimitWindows] WITH (HOLDLOCK) AS t
              USING (SELECT @p AS [Partition], @w AS [WindowStart]) AS s ON t.[Partition] = s.[Partition] AND t.[WindowStart] = s.[WindowStart]
              WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + @n
              WHEN NOT MATCHED THEN INSERT ([Partition], [WindowStart], [Count]) VALUES (@p, @w, @n)
              OUTPUT inserted.[Count];
              """
            : """
              INSERT INTO "RateLimitWindows" ("Partition", "WindowStart", "Count") VALUES (@p, @w, @n)
              ON CONFLICT ("Partition", "WindowStart") DO UPDATE SET "Count" = "RateLimitWindows"."Count" + @n
              RETURNING "Count"
              """;

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Pending = new(false, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
