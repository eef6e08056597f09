namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>A timer step's wait. The row is the source of truth; a scheduler only carries its id.</summary>
public sealed class WorkflowTimer
{
    public required Guid Id { get; init; }
    public required string StepId { get; set; }
    public required int Iteration { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public string? DueRule { get; init; }
    public TimerStatus Status { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}
