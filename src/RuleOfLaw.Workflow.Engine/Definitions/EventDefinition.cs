namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// An event that a named signal triggers: attached to a step (a boundary event, heard only while the step is active)
/// or to the whole instance (heard while the instance runs). E.g. art. 37: the head suspends execution at any time.
/// </summary>
/// <param name="Signal">The signal's name (kebab-case), e.g. <c>execution-suspended</c>.</param>
/// <param name="Interrupting">True: the step (or, on the instance, every active step) is interrupted; false: a branch
/// starts beside it and it goes on.</param>
/// <param name="Next">Where the event leads; empty ends that branch.</param>
public sealed record EventDefinition(string Signal, string? Title, string? TitleEn, string? Article, bool Interrupting, IReadOnlyList<string> Next);
