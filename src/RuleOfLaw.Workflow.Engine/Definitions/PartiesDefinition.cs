namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// A multi-party step: one task per party (each expert on the panel, each member present at the meeting), added and
/// removed while the step runs, and a rule saying when the parties are done.
/// </summary>
/// <param name="Role">The role each party holds (defaults to the step's role).</param>
/// <param name="Outcomes">The parties' outcomes (defaults to the step's); they record an opinion and lead nowhere.</param>
/// <param name="Last">
/// True: the step's own task (its <c>role</c>, its <c>outcomes</c>) is a named party who acts last, after the rule is
/// met (the head speaks after every member, 第三十条); its outcome continues the procedure. False: the step completes
/// by itself as soon as the rule is met and follows its <c>next</c>.
/// </param>
/// <param name="RecorderRole">A role that may record a party's result on the party's behalf (the meeting secretary).</param>
/// <param name="RecorderOrganization">The scope in which <paramref name="RecorderRole"/> is held.</param>
public sealed record PartiesDefinition(
    string? Role,
    IReadOnlyList<OutcomeDefinition> Outcomes,
    PartyCompletion Completion,
    bool Last,
    string? RecorderRole,
    string? RecorderOrganization)
{
    /// <summary>
    /// The organization scope in which the parties hold <see cref="Role"/>, when it is not the step's: the experts of
    /// the pool (<c>expert-pool</c>) give their opinions while the drafting unit's own task closes the argumentation.
    /// </summary>
    public string? Organization { get; init; }

    /// <summary>
    /// The domain command that alone completes a party's task (the expert's signed opinion), when it is not the step's
    /// <c>completedBy</c>; without either, a party's task takes any completion.
    /// </summary>
    public string? CompletedBy { get; init; }
}

/// <summary>When a multi-party step's parties are done: all, any one, a count, or a share of the parties (not removed).</summary>
public sealed record PartyCompletion(PartyCompletionKind Kind, int? Count = null, decimal? Share = null)
{
    public static PartyCompletion All { get; } = new(PartyCompletionKind.All);

    /// <summary>How many completed parties the rule needs among <paramref name="parties"/> parties (never fewer than one).</summary>
    public int Needed(int parties) => Kind switch
    {
        PartyCompletionKind.All => Math.Max(parties, 1),
        PartyCompletionKind.Any => 1,
        PartyCompletionKind.Count => Count!.Value,
        _ => Math.Max((int)Math.Ceiling(Share!.Value * parties), 1),
    };

    public override string ToString() => Kind switch
    {
        PartyCompletionKind.All => "all",
        PartyCompletionKind.Any => "any",
        PartyCompletionKind.Count => $"count {Count}",
        _ => $"share {Share}",
    };
}

public enum PartyCompletionKind { All, Any, Count, Share }
