using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// RFC 9457 problem responses with a stable <c>code</c> (and the <c>article</c> when the law is the reason), so
/// clients can branch on the code and people can read the message.
/// </summary>
public static class ApiProblem
{
    public static IResult Create(int status, string code, string title, string? detail = null, string? article = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://rule-of-law.example/problems/{code}",
        };
        problem.Extensions["code"] = code;
        if (article is not null)
        {
            problem.Extensions["article"] = article;
        }
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        return Results.Problem(problem);
    }

    /// <remarks>A rule of the regulation names its <paramref name="article"/>, like every statutory refusal.</remarks>
    public static IResult Validation(string code, string detail, IDictionary<string, string[]>? errors = null, string? article = null) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, "请求内容不符合要求 / The request is not acceptable", detail, article,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", "未找到 / Not found", what);

    public static IResult Forbidden(string detail, string? article = null) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "无权办理 / Not allowed", detail, article);

    /// <summary>A command the engine refused: the first refusal decides the status; all of them are listed.</summary>
    public static IResult Refused(IReadOnlyList<Refusal> refusals)
    {
        var first = refusals[0];
        var status = first.Code switch
        {
            "not-authorized-for-task" => StatusCodes.Status403Forbidden,
            "task-not-found" or "instance-not-found" => StatusCodes.Status404NotFound,
            "unknown-outcome" or "comment-required" or "unknown-attribute" or "reason-required" or "scope-unassigned"
                or "jurisdiction-setting-missing" or "unknown-time-zone" => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        };
        return Create(status, first.Code, "操作被拒绝 / The action was refused", first.Message, first.Article,
            new Dictionary<string, object?> { ["refusals"] = refusals });
    }
}
