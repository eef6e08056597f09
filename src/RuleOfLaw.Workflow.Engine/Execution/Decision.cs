using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// The result of deciding a command: either the new state with the journal entries that explain it, or the
/// refusals (and nothing else). Adapters apply an accepted decision in one transaction.
/// </summary>
public sealed record Decision(InstanceState? State, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<Refusal> Refusals)
{
    public bool Accepted => Refusals.Count == 0;

    public static Decision Refuse(params Refusal[] refusals) => new(null, [], refusals);
}
