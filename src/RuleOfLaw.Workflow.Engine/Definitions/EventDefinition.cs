namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// An event that a named signal triggers: attached to a step (a boundary event, heard only while the step is active)
/// or to the whole instance (heard while the instance runs). E.g. art. 37: the head suspends execution at any time.
/// </summary>
/// <param name="Signal">The signal's name (kebab-case), e.g. <c>execution-suspended</c>.</param>
/// <param name="Interrupting">True: the step (or, on the instance, every active step) is interrupted; false: a branch
/// starts beside it and it goes on.</param>
/// <param name="Next">Where the event leads; empty ends that branch.</param>
public sealed record EventDefinition(string Signal, string? Title, string? TitleEn, string? Article, bool Interrupting, IReadOnlyList<string> Next)
{
    /// <summary>
    /// The domain command that alone may send the signal that triggers this event (e.g. <c>execution-suspension</c>:
    /// the head's decision recorded with its reason, 第三十七条); any other sender, the generic signal endpoint
    /// included, is refused with <c>use-&lt;name&gt;</c> and the event's article. Null: any sender.
    /// </summary>
    public string? SentBy { get; init; }
}
