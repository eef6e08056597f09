namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Where one step stands. <see cref="Iteration"/> counts activations, so loops stay distinguishable.</summary>
public sealed class StepState
{
    public required string StepId { get; set; }
    public StepStatus Status { get; set; }
    public int Iteration { get; set; }
    public string? Outcome { get; set; }
    public string? SkipReason { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Sub-procedure steps: the child instance this pass started (and waits for while active).</summary>
    public Guid? ChildInstanceId { get; set; }
}
