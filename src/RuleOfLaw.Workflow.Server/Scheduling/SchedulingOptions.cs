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
    /// <summary>How often Hangfire moves due jobs to the queue and (PostgreSQL) polls the queue for new work.</summary>
    public double IdleWaitSeconds { get; set; } = 5;
}
