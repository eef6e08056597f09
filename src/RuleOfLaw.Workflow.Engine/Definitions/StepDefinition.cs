using RuleOfLaw.Workflow.Engine.Conditions;

namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>One step of a procedure. Which fields apply depends on <see cref="Kind"/>; the validator enforces it.</summary>
public sealed record StepDefinition
{
    public required string Id { get; init; }
    public required StepKind Kind { get; init; }
    public required string Title { get; init; }
    public string? TitleEn { get; init; }
    public string? Article { get; init; }
    public string? Description { get; init; }
    public string? Role { get; init; }
    public string? Organization { get; init; }
    public Condition? When { get; init; }
    public IReadOnlyList<string> Join { get; init; } = [];
    public Period? Due { get; init; }
    public Period? Minimum { get; init; }
    public Period? Duration { get; init; }
    public Condition? Condition { get; init; }
    public IReadOnlyList<string> Otherwise { get; init; } = [];
    public IReadOnlyList<OutcomeDefinition> Outcomes { get; init; } = [];
    public IReadOnlyList<string> Next { get; init; } = [];

    /// <summary>An event step's signal: the step waits until it is sent.</summary>
    public string? Signal { get; init; }

    /// <summary>
    /// A human task completed only by the named domain command (the meeting record completes
    /// <c>collective-decision</c>): the engine refuses any other completion with the code <c>use-{name}</c>. On an
    /// event step: the command that alone may send the signal it waits for (the head's resumption of execution).
    /// </summary>
    public string? CompletedBy { get; init; }

    /// <summary>Boundary events, heard while the step is active.</summary>
    public IReadOnlyList<EventDefinition> Events { get; init; } = [];

    /// <summary>One task per party, with a completion rule (null: a single task).</summary>
    public PartiesDefinition? Parties { get; init; }

    /// <summary>The outcomes a party may give: the parties' own, else the step's.</summary>
    public IReadOnlyList<OutcomeDefinition> PartyOutcomes => Parties is { Outcomes.Count: > 0 } p ? p.Outcomes : Outcomes;
    /// <summary>Sub-procedure steps: the id of the procedure whose instance the step starts (its newest version).</summary>
    public string? Procedure { get; init; }

    /// <summary>Sub-procedure steps: the attributes of this instance the child instance starts with (same names).</summary>
    public IReadOnlyList<string> PassAttributes { get; init; } = [];

    public OutcomeDefinition? FindOutcome(string id) => Outcomes.FirstOrDefault(o => o.Id == id);

    /// <summary>Every step this one can lead to, by any route (for graph checks and diagrams).</summary>
    public IEnumerable<string> AllSuccessors() =>
        Next.Concat(Otherwise).Concat(Outcomes.SelectMany(o => o.Next ?? [])).Concat(Events.SelectMany(e => e.Next)).Distinct();
}
