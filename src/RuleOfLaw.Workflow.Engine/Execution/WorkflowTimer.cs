namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>A timer step's wait. The row is the source of truth; a scheduler only carries its id.</summary>
public sealed class WorkflowTimer
{
    public required Guid Id { get; init; }
    public required string StepId { get; set; }
    public required int Iteration { get; init; }
    /// <summary><see cref="DateTimeOffset.MaxValue"/> while it cannot be counted: such a timer never fires.</summary>
    public required DateTimeOffset DueAt { get; set; }
    public string? DueRule { get; set; }
    /// <summary>
    /// Set while the end falls in a year without a holiday calendar: the timer waits (<see cref="DueAt"/> is
    /// <see cref="DateTimeOffset.MaxValue"/>, it never fires early) until the calendar's loading counts it again.
    /// </summary>
    public ProvisionalEnd? Provisional { get; set; }
    public TimerStatus Status { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}
