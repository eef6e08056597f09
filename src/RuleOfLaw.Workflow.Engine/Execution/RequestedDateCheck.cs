using RuleOfLaw.Workflow.Engine.Calendar;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// A date asked of a step, judged against the step's minimum that restricts requests (art. 15, art. 26).
/// </summary>
/// <param name="Minimum">The end of the minimum period (also when it is waived: the ordinary end, for the record); null when the step has none or it cannot be counted.</param>
/// <param name="Rule">How it was counted (setting, jurisdiction, dates).</param>
/// <param name="Binding">False when the period's <c>when</c> is false: the minimum is waived (e.g. an urgent matter).</param>
/// <param name="Article">The article a refusal cites: the period's, else the step's.</param>
/// <param name="Refusals">Empty when the date may be asked.</param>
public sealed record RequestedDateCheck(Deadline? Minimum, string? Rule, bool Binding, string? Article, IReadOnlyList<Refusal> Refusals)
{
    /// <summary>The date falls before the end of a binding minimum.</summary>
    public const string TooEarly = "requested-date-too-early";

    /// <summary>A waived minimum was shortened without the reason the definition requires (<c>reasonIfShorter</c>).</summary>
    public const string ReasonRequired = "shortening-reason-required";
}
