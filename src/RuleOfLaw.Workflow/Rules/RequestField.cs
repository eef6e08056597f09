namespace RuleOfLaw.Workflow.Rules;

/// <summary>
/// A refusal about one property of what was submitted names it in its argument <see cref="Argument"/> (e.g.
/// <c>urgentReason</c>): the API lists those refusals under <c>errors</c> by property, a page shows each next to its field.
/// </summary>
public static class RequestField
{
    public const string Argument = "field";
}
