namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Where one step stands. <see cref="Iteration"/> counts activations, so loops stay distinguishable.</summary>
public sealed class StepState
{
    public required string StepId { get; set; }
    public StepStatus Status { get; set; }
    public int Iteration { get; set; }
    public string? Outcome { get; set; }
    public string? SkipReason { get; set; }
    /// <summary>The code and arguments of <see cref="SkipReason"/> (its zh-CN text), to render it for the reader; null on older states.</summary>
    public Texts.StoredText? SkipReasonText { get; set; }

    /// <summary><see cref="SkipReason"/> for a reader of <paramref name="culture"/> (as stored when it has no code).</summary>
    public string? SkipReasonIn(System.Globalization.CultureInfo culture) => Texts.StoredText.Render(SkipReasonText, SkipReason, culture);
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The journal sequence of the entry that completed or skipped the step: a join's token.</summary>
    public long? FinishedSequence { get; set; }
    /// <summary>
    /// On a join step: the journal sequence when it last fired. The next pass waits for every listed step to finish
    /// after it (token join); null for a join that never fired (or fired before tokens were counted).
    /// </summary>
    public long? JoinFiredSequence { get; set; }
    /// <summary>Sub-procedure steps: the child instance this pass started (and waits for while active).</summary>
    public Guid? ChildInstanceId { get; set; }
}
