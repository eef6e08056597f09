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
        // The article travels too: a refusal grounded in law (e.g. art. 3's excluded kinds) must say so.
        _ => ApiProblem.Create(Status, Code, "请求内容不符合要求 / The request is not acceptable", Message, Article,
            Errors is null ? null : new Dictionary<string, object?> { ["errors"] = Errors }),
    };
}
