using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Why a command was not even put to the engine (bad input 422, wrong role 403, unknown or invisible 404), with the
/// form field it concerns, so the API answers a ProblemDetails and the web form shows it next to the field.
/// </summary>
public sealed record CommandError(int Status, string Code, string Message, string? Article = null, string? Field = null,
    IDictionary<string, string[]>? Errors = null)
{
    public IResult ToHttp() => Status switch
    {
        StatusCodes.Status403Forbidden => ApiProblem.Forbidden(Message, Article),
        StatusCodes.Status404NotFound => ApiProblem.NotFound(Message),
        _ => ApiProblem.Validation(Code, Message, Errors),
    };
}
