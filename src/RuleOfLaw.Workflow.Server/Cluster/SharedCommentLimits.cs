using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>
/// The public-comment limits counted in the database (<see cref="SharedRateLimiter"/>): on when
/// <see cref="ClusterOptions.SharedRateLimits"/> says so, by default for PostgreSQL and SQL Server (several nodes
/// possible), off for SQLite (one node).
/// </summary>
public sealed class SharedCommentLimits(IOptions<ClusterOptions> cluster, IOptions<DatabaseOptions> database, IServiceScopeFactory scopes, TimeProvider clock)
    : ISharedCommentLimits
{
    public bool Enabled { get; } = cluster.Value.SharedRateLimits ?? database.Value.Provider != DatabaseProvider.Sqlite;

    public RateLimitPartition<string> Window(string partition, int permitLimit, int windowSeconds) =>
        RateLimitPartition.Get($"{partition}|{permitLimit}|{windowSeconds}",
            _ => new SharedRateLimiter(partition, permitLimit, TimeSpan.FromSeconds(windowSeconds), scopes, clock));
}
