using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>How the participation endpoints answer a service's outcome over HTTP (texts in the reader's language, <see cref="ReaderLanguage"/>).</summary>
public static class ParticipationResults
{
    public static IResult Problem(ParticipationProblem problem) => ApiProblem.Refused(problem.Refusals);

    public static IResult Ok<T>(ParticipationOutcome<T> outcome) where T : class =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Ok(outcome.Value);

    public static IResult Created<T>(ParticipationOutcome<T> outcome, Func<T, string> location) where T : class =>
        outcome.Problem is { } problem ? Problem(problem) : Results.Created(location(outcome.Value!), outcome.Value);
}
