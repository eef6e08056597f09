using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// The failed sign-ins of <see cref="SignInThrottle"/> as rows of <c>RateLimitWindows</c> (partition, second, count),
/// added to with the rate limits' atomic upsert (<see cref="SharedRateLimiter.CountAsync"/>), so every node counts the
/// same failures; pruned with the other windows after a day (<see cref="PublicCacheSync"/>). On the request's context:
/// inside its transaction when it has one (an administrator's unlock).
/// </summary>
public sealed class SignInFailureStore(WorkflowDbContext db) : ISignInFailureStore
{
    public async Task<IReadOnlyList<(long Second, int Count)>> ReadAsync(string partition, long? afterSecond, CancellationToken ct)
    {
        partition = Fit(partition);
        var rows = db.Set<RateLimitWindow>().AsNoTracking().Where(w => w.Partition == partition);
        if (afterSecond is { } after)
        {
            rows = rows.Where(w => w.WindowStart > after);
        }
        return (await rows.Select(w => new { w.WindowStart, w.Count }).ToListAsync(ct)).Select(w => (w.WindowStart, w.Count)).ToList();
    }

    public Task AddAsync(string partition, long second, CancellationToken ct) => SharedRateLimiter.CountAsync(db, partition, second, 1, ct);

    public Task DeleteAsync(string partition, CancellationToken ct)
    {
        partition = Fit(partition);
        return db.Set<RateLimitWindow>().Where(w => w.Partition == partition).ExecuteDeleteAsync(ct);
    }

    public Task DeleteStartingWithAsync(string prefix, CancellationToken ct) =>
        db.Set<RateLimitWindow>().Where(w => w.Partition.StartsWith(prefix)).ExecuteDeleteAsync(ct);

    /// <summary>As <see cref="SharedRateLimiter.CountAsync"/> stores a partition (cut to the column's length).</summary>
    private static string Fit(string partition) =>
        partition.Length > RateLimitWindow.PartitionLength ? partition[..RateLimitWindow.PartitionLength] : partition;
}
