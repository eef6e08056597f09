using Microsoft.AspNetCore.Http.HttpResults;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Why a participation service did not do what it was asked, as data: the status class (404, 403, 409, 413, 422), the
/// stable code, the words, the article, and every refusal when there are several. The API answers it as a problem
/// (<see cref="ParticipationResults"/>); the pages put it on their forms.
/// </summary>
public sealed record ParticipationProblem(int Status, string Code, string Message, string? Article, IReadOnlyList<Refusal> Refusals)
{
    public static ParticipationProblem From(ParticipationRefusal refusal) =>
        new(refusal.Kind switch
        {
            RefusalKind.Conflict => StatusCodes.Status409Conflict,
            RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status422UnprocessableEntity,
        }, refusal.Code, refusal.Message, refusal.Article, [new Refusal(refusal.Code, refusal.Message, refusal.Article)]);

    public static ParticipationProblem NotFound(string message) => new(StatusCodes.Status404NotFound, "not-found", message, null, []);

    /// <summary>
    /// The problem an <see cref="IResult"/> carries: the write path's own refusals (not found, not the drafting unit,
    /// step not active) and the engine's refusals of the journal command come as problem results today.
    /// </summary>
    public static ParticipationProblem FromResult(IResult result)
    {
        if (result is not ProblemHttpResult { ProblemDetails: var details })
        {
            return new(StatusCodes.Status500InternalServerError, "unexpected", "操作未完成。The action was not completed.", null, []);
        }
        var code = details.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? "" : "";
        var article = details.Extensions.TryGetValue("article", out var a) ? a?.ToString() : null;
        var refusals = details.Extensions.TryGetValue("refusals", out var r) && r is IEnumerable<Refusal> list ? list.ToList() : [];
        return new(details.Status ?? StatusCodes.Status409Conflict, code, details.Detail ?? details.Title ?? "", article, refusals);
    }

    /// <summary>The engine refused the journal command (e.g. the step is no longer active, a concurrent close won).</summary>
    public static ParticipationProblem FromEngine(IReadOnlyList<Refusal> refusals) => FromResult(Problems.ApiProblem.Refused(refusals));
}

/// <summary>What a participation service answers: the value, or the problem; <see cref="Replayed"/> when a retry got the first answer again.</summary>
public sealed record ParticipationOutcome<T>(T? Value, ParticipationProblem? Problem, bool Replayed = false) where T : class
{
    public bool Succeeded => Problem is null;

    public static implicit operator ParticipationOutcome<T>(ParticipationProblem problem) => new(null, problem);

    public static implicit operator ParticipationOutcome<T>(T value) => new(value, null);
}
