using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Why a participation service did not do what it was asked, as data: the refusals (code, article, arguments, kind;
/// their texts in the reader's language come from <see cref="ParticipationTexts"/>) and the status class they are
/// answered with. The API answers it as a problem (<see cref="ParticipationResults"/>); the pages put it on their forms.
/// </summary>
public sealed record ParticipationProblem(int Status, IReadOnlyList<Refusal> Refusals)
{
    public Refusal First => Refusals[0];

    public string Code => First.Code;

    /// <summary>A rule's refusal: 422, 409, 403, 404 or 413 by its class.</summary>
    public static ParticipationProblem From(Refusal refusal) => new(ApiProblem.StatusOf(refusal), [refusal]);

    /// <summary>There is no such thing (or the user may not see it): <c>not-found</c> with the text of <paramref name="key"/> (<c>not-found.…</c>).</summary>
    public static ParticipationProblem NotFound(string key) => From(ParticipationTexts.Catalog.NotFound(key));

    /// <summary>The engine refused the journal command (e.g. the step is no longer active, a concurrent close won).</summary>
    public static ParticipationProblem FromEngine(IReadOnlyList<Refusal> refusals) => new(ApiProblem.StatusOf(refusals[0]), refusals);
}

/// <summary>What a participation service answers: the value, or the problem; <see cref="Replayed"/> when a retry got the first answer again.</summary>
public sealed record ParticipationOutcome<T>(T? Value, ParticipationProblem? Problem, bool Replayed = false) where T : class
{
    public bool Succeeded => Problem is null;

    public static implicit operator ParticipationOutcome<T>(ParticipationProblem problem) => new(null, problem);

    public static implicit operator ParticipationOutcome<T>(T value) => new(value, null);

    public static implicit operator ParticipationOutcome<T>(Refusal refusal) => new(null, ParticipationProblem.From(refusal));
}
