namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>One way a human task can end, and where the procedure goes from there.</summary>
/// <param name="Next">Successors; null means "use the step's next", empty means the branch ends here.</param>
public sealed record OutcomeDefinition(
    string Id,
    string Title,
    string? TitleEn,
    IReadOnlyList<string>? Next,
    bool CommentRequired,
    string? Article)
{
    /// <summary>Attribute values recorded when the task ends with this outcome (e.g. the organ orders an evaluation, art. 36).</summary>
    public IReadOnlyDictionary<string, bool> Set { get; init; } = new Dictionary<string, bool>();
}
