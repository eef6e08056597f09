namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>Scheduler settings (section <c>Scheduling</c>; see docs/deadlines-and-mail.md).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run Quartz on this node. Timer rows are written either way; a node without the scheduler fires nothing.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Past-due timers found at start-up (or after a clock move) fire this far apart, not in one burst.</summary>
    public double SpreadMilliseconds { get; set; } = 50;
    /// <summary>Rows and triggers are reconciled at start-up and then every this many seconds (0: only at start-up).</summary>
    public double ReconcileIntervalSeconds { get; set; } = 300;
    /// <summary>Quartz worker threads.</summary>
    public int ThreadCount { get; set; } = 4;
    /// <summary>Quartz looks for newly due triggers at least this often.</summary>
    public double IdleWaitSeconds { get; set; } = 5;
}
