using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>
    /// The problem an <see cref="IResult"/> carries: the write path (<see cref="ParticipationActs"/>) still answers its
    /// preconditions (not found, not the drafting unit, step not active) as problem results; read back as a refusal.
    /// </summary>
    public static ParticipationProblem FromResult(IResult result)
    {
        if (result is not ProblemHttpResult { ProblemDetails: var details })
        {
            throw new InvalidOperationException($"The write path answered {result.GetType().Name}, not a problem.");
        }
        if (details.Extensions.TryGetValue("refusals", out var r) && r is IEnumerable<Refusal> list && list.ToList() is { Count: > 0 } refusals)
        {
            return new(details.Status ?? StatusCodes.Status409Conflict, refusals);
        }
        var status = details.Status ?? StatusCodes.Status409Conflict;
        var refusal = new Refusal(details.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? "" : "", details.Detail ?? details.Title ?? "",
            details.Extensions.TryGetValue("article", out var a) ? a?.ToString() : null)
        {
            Class = status switch
            {
                StatusCodes.Status404NotFound => RefusalClass.NotFound,
                StatusCodes.Status403Forbidden => RefusalClass.Forbidden,
                StatusCodes.Status422UnprocessableEntity => RefusalClass.Invalid,
                _ => RefusalClass.Conflict,
            },
        };
        return new(status, [refusal]);
    }
}

/// <summary>What a participation service answers: the value, or the problem; <see cref="Replayed"/> when a retry got the first answer again.</summary>
public sealed record ParticipationOutcome<T>(T? Value, ParticipationProblem? Problem, bool Replayed = false) where T : class
{
    public bool Succeeded => Problem is null;

    public static implicit operator ParticipationOutcome<T>(ParticipationProblem problem) => new(null, problem);

    public static implicit operator ParticipationOutcome<T>(T value) => new(value, null);

    public static implicit operator ParticipationOutcome<T>(Refusal refusal) => new(null, ParticipationProblem.From(refusal));
}
