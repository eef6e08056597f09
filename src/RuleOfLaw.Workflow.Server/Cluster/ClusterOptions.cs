using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Cluster;

/// <summary>Settings of a node among several (section <c>Cluster</c>; docs/operations.md, "Several servers behind a reverse proxy").</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// On SIGTERM the node answers <c>/health/ready</c> with 503 and keeps serving this long before it stops accepting
    /// connections, so a balancer that polls readiness stops sending it work first. 0 (the default) for a single server.
    /// </summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; }

    /// <summary>How long requests in flight and background work (jobs, mail) get to finish once the node stops accepting.</summary>
    [Range(1, 600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>How often readiness checks the database (the answer of <c>/health/ready</c> is this check's last result).</summary>
    [Range(1, 300)]
    public int ReadinessCheckSeconds { get; set; } = 5;

    /// <summary>How often a node publishes its changes to public data and takes the others' (its cached public pages dropped).</summary>
    [Range(1, 60)]
    public int CacheSyncSeconds { get; set; } = 1;

    /// <summary>
    /// Count the public-comment rate limits in the database, for all nodes together. Unset: on for PostgreSQL and
    /// SQL Server (several nodes possible), off for SQLite (one node; the limits stay in memory).
    /// </summary>
    public bool? SharedRateLimits { get; set; }
}
