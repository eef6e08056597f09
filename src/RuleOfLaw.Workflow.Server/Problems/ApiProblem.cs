using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Problems;

/// <summary>
/// RFC 9457 problem responses with a stable <c>code</c> (and the <c>article</c> when the law is the reason), so
/// clients can branch on the code and people can read the message — in the reader's language
/// (<see cref="ReaderLanguage"/>): a refusal's text comes from its module's catalog, titles from <see cref="ProblemTexts"/>.
/// </summary>
public static class ApiProblem
{
    /// <summary>
    /// A problem whose <paramref name="title"/> and <paramref name="detail"/> are already in the reader's language (from
    /// a catalog: <see cref="Title"/>, <see cref="ReaderLanguage.Text(Refusal)"/>); refusals go through <see cref="Refused(Refusal, IDictionary{string, object?}?)"/>.
    /// </summary>
    public static IResult Create(int status, string code, string title, string? detail, string? article, IDictionary<string, object?>? extensions)
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

    /// <summary>A title of <see cref="ProblemTexts"/> (title-refused, title-invalid …) in the reader's language.</summary>
    public static string Title(string key) => ProblemTexts.Catalog.Text(key, ReaderLanguage.Culture);

    /// <summary>The HTTP status of a refusal: its kind when it has one (module refusals), else by the engine's code.</summary>
    public static int StatusOf(Refusal refusal) => refusal.Class switch
    {
        RefusalClass.Invalid => StatusCodes.Status422UnprocessableEntity,
        RefusalClass.Forbidden => StatusCodes.Status403Forbidden,
        RefusalClass.NotFound => StatusCodes.Status404NotFound,
        RefusalClass.Conflict => StatusCodes.Status409Conflict,
        RefusalClass.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalClass.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RefusalClass.Unauthenticated => StatusCodes.Status401Unauthorized,
        RefusalClass.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => refusal.Code switch
        {
            "not-authorized-for-task" => StatusCodes.Status403Forbidden,
            "task-not-found" or "instance-not-found" => StatusCodes.Status404NotFound,
            "unknown-outcome" or "comment-required" or "unknown-attribute" or "reason-required" or "scope-unassigned"
                or "jurisdiction-setting-missing" or "unknown-time-zone" => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        },
    };

    /// <summary>One refusal of a module's rule, with its own extensions (e.g. the members not yet heard).</summary>
    public static IResult Refused(Refusal refusal, IDictionary<string, object?>? extensions = null) => Refused([refusal], extensions);


    /// <summary>
    /// A refused command or rule: the first refusal decides the status, title and detail; all of them are listed
    /// (<c>refusals</c>, each with its code, article, arguments and text in the reader's language).
    /// </summary>
    public static IResult Refused(IReadOnlyList<Refusal> refusals) => Refused(refusals, null);

    /// <summary>As <see cref="Refused(IReadOnlyList{Refusal})"/>, with more extensions (e.g. the members not yet heard).</summary>
    public static IResult Refused(IReadOnlyList<Refusal> refusals, IDictionary<string, object?>? extensions)
    {
        var rendered = refusals.Select(r => r with { Message = ReaderLanguage.Text(r) }).ToList();
        var first = rendered[0];
        var status = StatusOf(first);
        var title = status switch
        {
            StatusCodes.Status422UnprocessableEntity when first.Class is not null => Title("title-invalid"),
            StatusCodes.Status403Forbidden when first.Class is not null => Title("title-forbidden"),
            StatusCodes.Status404NotFound when first.Class is not null => Title("title-not-found"),
            StatusCodes.Status413PayloadTooLarge => Title("title-too-large"),
            StatusCodes.Status415UnsupportedMediaType => Title("title-unsupported-media-type"),
            StatusCodes.Status401Unauthorized => Title("title-unauthenticated"),
            StatusCodes.Status429TooManyRequests => Title("title-too-many-requests"),
            _ => Title("title-refused"),
        };
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["refusals"] = rendered };
        if (first.Arguments is { Count: > 0 } arguments && !all.ContainsKey("arguments"))
        {
            all["arguments"] = arguments;
        }
        return Create(status, first.Code, title, first.Message, first.Article, all);
    }
}
