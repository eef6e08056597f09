using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>How the participation endpoints answer a service's outcome over HTTP (texts in the reader's language, <see cref="ReaderLanguage"/>).</summary>
public static class ParticipationResults
{
    public static IResult Problem(ParticipationProblem problem)
    {
        if (problem.Status != StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblem.Refused(problem.Refusals);
        }
        var refusals = problem.Refusals.Select(r => r with { Message = ReaderLanguage.Text(r) }).ToList();
        return ApiProblem.Create(problem.Status, problem.Code, "意见过长。Comment too long.", refusals[0].Message, refusals[0].Article,
            new Dictionary<string, object?> { ["refusals"] = refusals, ["arguments"] = refusals[0].Arguments });
    }

    public static IResult Ok<T>(ParticipationOutcome<T> outcome) where T : class =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Ok(outcome.Value);

    public static IResult Created<T>(ParticipationOutcome<T> outcome, Func<T, string> location) where T : class =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Created(location(outcome.Value!), outcome.Value);
}
