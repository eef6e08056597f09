namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>Scheduler settings (section <c>Scheduling</c>; see docs/deadlines-and-mail.md).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Run a Hangfire server (the workers that fire timers and run the recurring jobs) on this node. Timer rows and
    /// their jobs are written either way; a node without it fires nothing itself (on PostgreSQL another node does).
    /// </summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Rows and jobs are reconciled at start-up and then every this many seconds, rounded up to whole minutes (0: only at start-up).</summary>
    public double ReconcileIntervalSeconds { get; set; } = 300;
    /// <summary>Hangfire workers on this node: at most this many timers fire at once.</summary>
    public int ThreadCount { get; set; } = 4;
    /// <summary>
    /// How often Hangfire moves due jobs to the queue (the timers' resolution: a timer starts at most this long after
    /// its due time) and, on PostgreSQL, polls the queue for new work (NOTIFY wakes the workers sooner).
    /// </summary>
    public double IdleWaitSeconds { get; set; } = 1;
    /// <summary>
    /// Timer steps fired in one transaction when a burst is due (at least this many at once); 0 or 1: each timer
    /// alone, by its own job. See docs/deadlines-and-mail.md, "Bursts".
    /// </summary>
    public int FireBatchSize { get; set; } = 100;
    /// <summary>Batches of a burst fired at once on this node on PostgreSQL and SQL Server (SQLite: always one, it has one writer).</summary>
    public int SweepParallelism { get; set; } = 2;
}
