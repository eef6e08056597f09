using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>How the participation endpoints answer a service's outcome over HTTP.</summary>
public static class ParticipationResults
{
    public static IResult Problem(ParticipationProblem problem) =>
        problem.Status switch
        {
            StatusCodes.Status404NotFound => ApiProblem.NotFound(problem.Message),
            StatusCodes.Status403Forbidden => ApiProblem.Forbidden(problem.Message, problem.Article),
            _ => ApiProblem.Create(problem.Status, problem.Code,
                problem.Status == StatusCodes.Status413PayloadTooLarge ? "意见过长 / Comment too long"
                : problem.Status == StatusCodes.Status422UnprocessableEntity ? "请求内容不符合要求 / The request is not acceptable"
                : "操作被拒绝 / The action was refused",
                problem.Message, problem.Article,
                problem.Refusals.Count == 0 ? null : new Dictionary<string, object?> { ["refusals"] = problem.Refusals }),
        };

    public static IResult Ok<T>(ParticipationOutcome<T> outcome) where T : class =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Ok(outcome.Value);

    public static IResult Created<T>(ParticipationOutcome<T> outcome, Func<T, string> location) where T : class =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Created(location(outcome.Value!), outcome.Value);
}
