using System.Threading.RateLimiting;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Public-comment rate-limit windows counted for all nodes together (issue 18), provided by the cluster part
/// (Cluster/SharedCommentLimits): behind an interface so that participation does not depend on it. Absent or not
/// <see cref="Enabled"/>: the windows stay in this process's memory.
/// </summary>
public interface ISharedCommentLimits
{
    bool Enabled { get; }

    /// <summary>A fixed window of <paramref name="permitLimit"/> per <paramref name="windowSeconds"/> for <paramref name="partition"/>, counted in the database.</summary>
    RateLimitPartition<string> Window(string partition, int permitLimit, int windowSeconds);
}
