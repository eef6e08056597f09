using System.Data.Common;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// A fixed-window limiter whose count lives in the database (table <c>RateLimitWindows</c>), so a client spread over
/// several nodes by the balancer gets the limit once, not once per node. One atomic upsert per request
/// (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>; <c>MERGE</c> on SQL Server). Used for the public-comment limits
/// when <see cref="ClusterOptions.SharedRateLimits"/> is on (docs/operations.md). When the database cannot be
/// reached the request is let through: the comment itself then fails on the database anyway.
/// </summary>
public sealed class SharedRateLimiter(string partition, int permitLimit, TimeSpan window, IServiceScopeFactory scopes, TimeProvider clock) : RateLimiter
{
    private long _lastUsedTicks = DateTime.UtcNow.Ticks;

    public override TimeSpan? IdleDuration => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>No answer without the database: the rate-limiting middleware then waits for <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Pending;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, DateTime.UtcNow.Ticks);
        var seconds = (long)window.TotalSeconds;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var start = now - now % seconds;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var count = await CountAsync(db, partition, start, cancellationToken);
        return count <= permitLimit ? Lease.Granted : Lease.Refused(TimeSpan.FromSeconds(start + seconds - now));
    }

    /// <summary>Adds one to the window's count and returns the new count, in one statement.</summary>
    public static async Task<int> CountAsync(WorkflowDbContext db, string partition, long windowStart, CancellationToken ct)
    {
        var sql = db.Database.IsSqlServer()
            ? """
              MERGE [RateLimitWindows] WITH (HOLDLOCK) AS t
              USING (SELECT @p AS [Partition], @w AS [WindowStart]) AS s ON t.[Partition] = s.[Partition] AND t.[WindowStart] = s.[WindowStart]
              WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + 1
              WHEN NOT MATCHED THEN INSERT ([Partition], [WindowStart], [Count]) VALUES (@p, @w, 1)
              OUTPUT inserted.[Count];
              """
            : """
              INSERT INTO "RateLimitWindows" ("Partition", "WindowStart", "Count") VALUES (@p, @w, 1)
              ON CONFLICT ("Partition", "WindowStart") DO UPDATE SET "Count" = "RateLimitWindows"."Count" + 1
              RETURNING "Count"
              """;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@p", partition.Length > RateLimitWindow.PartitionLength ? partition[..RateLimitWindow.PartitionLength] : partition);
            Add(command, "@w", windowStart);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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
