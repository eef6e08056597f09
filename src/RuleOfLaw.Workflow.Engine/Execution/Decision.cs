using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// The result of deciding a command: either the new state with the journal entries that explain it, or the
/// refusals (and nothing else). Adapters apply an accepted decision in one transaction.
/// </summary>
public sealed record Decision(InstanceState? State, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<Refusal> Refusals)
{
    public bool Accepted => Refusals.Count == 0;

    /// <summary>
    /// Commands this decision asks the host to run on other instances in the same transaction: the start of a
    /// sub-procedure's child instance, or its cancellation when the parent's step stops waiting for it. A child's
    /// refusal refuses the whole decision (nothing is written).
    /// </summary>
    public IReadOnlyList<ChildCommand> Children { get; init; } = [];

    public static Decision Refuse(params Refusal[] refusals) => new(null, [], refusals);
}

/// <summary>A command for a child instance; <see cref="DefinitionId"/> names its procedure (the host starts the newest version).</summary>
public sealed record ChildCommand(Guid InstanceId, string DefinitionId, WorkflowCommand Command);

/// <summary>Where a child instance comes from: the parent instance and the sub-procedure step (and its pass) that started it.</summary>
public sealed record ParentLink(Guid InstanceId, string DefinitionId, string StepId, int Iteration);
