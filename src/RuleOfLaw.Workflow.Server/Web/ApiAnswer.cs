using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// What an API handler answered, read back by a page. Pages call the API's own handlers (made <c>internal</c> for
/// them) instead of repeating their rules, so the web application can do nothing the API would refuse and says
/// exactly what the API says, article included. <see cref="ApiForms.CallAsync"/> runs a handler and gives this.
/// </summary>
public sealed class ApiAnswer
{
    private readonly object? _value;
    private readonly string? _json;

    private ApiAnswer(int status, object? value, string? json, ProblemDetails? problem)
    {
        Status = status;
        _value = value;
        _json = json;
        Problem = problem;
    }

    public int Status { get; }

    /// <summary>The RFC 9457 problem the API would have sent; null on success.</summary>
    public ProblemDetails? Problem { get; }

    public bool Succeeded => Problem is null && Status < 400;

    /// <summary>The stable code of the problem (<c>agenda-gates-unmet</c>, <c>validation-failed</c> …).</summary>
    public string? Code => Problem?.Extensions.TryGetValue("code", out var code) == true ? code?.ToString() : null;

    /// <summary>The problem as a person reads it: the detail (or title) and the article, as the API's clients see them.</summary>
    public string Message
    {
        get
        {
            if (Problem is null)
            {
                return "";
            }
            var text = Problem.Detail ?? Problem.Title ?? "";
            return Problem.Extensions.TryGetValue("article", out var article) && article is not null && !text.Contains(article.ToString()!, StringComparison.Ordinal)
                ? $"{text}（{article}）" : text;
        }
    }

    /// <summary>Every refusal of a legal or procedural rule (several when a gate has several unmet parts).</summary>
    public IReadOnlyList<Refusal> Refusals => Problem?.Extensions.TryGetValue("refusals", out var value) == true
        ? value switch
        {
            IEnumerable<Refusal> refusals => refusals.ToList(),
            JsonElement element => element.Deserialize<List<Refusal>>(ApiJson.Options) ?? [],
            _ => [],
        }
        : [];

    /// <summary>The successful answer's body as <typeparamref name="T"/> (the view object, or the stored JSON of a replay).</summary>
    public T? Value<T>() where T : class =>
        _value as T ?? (_json is null ? (_value is null ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(_value, ApiJson.Options), ApiJson.Options))
            : JsonSerializer.Deserialize<T>(_json, ApiJson.Options));

    public static ApiAnswer From(IResult result) => result switch
    {
        ProblemHttpResult problem => new(problem.StatusCode, null, null, problem.ProblemDetails),
        CommandResult.StoredJsonResult stored => new(stored.StatusCode ?? 200, null, stored.Json, null),
        IValueHttpResult value => new((result as IStatusCodeHttpResult)?.StatusCode ?? 200, value.Value, null, null),
        IStatusCodeHttpResult status => new(status.StatusCode ?? 200, null, null, null),
        _ => new(200, null, null, null),
    };

    /// <summary>
    /// Puts the problem on the form: field errors (the API's <c>errors</c> by request property) next to their fields
    /// when <paramref name="field"/> names one, everything else as form-level errors (key "").
    /// </summary>
    public void ShowOn(ModelStateDictionary modelState, Func<string, string?>? field = null)
    {
        if (Problem is null)
        {
            if (!Succeeded)
            {
                modelState.AddModelError("", Status == StatusCodes.Status404NotFound
                    ? Ui.Pick("未找到，或您无权查看。", "Not found, or you may not see it.") : Ui.Pick($"操作未完成（{Status}）。", $"The action was not completed ({Status})."));
            }
            return;
        }
        var shown = false;
        if (Problem.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> byMember)
        {
            foreach (var (member, messages) in byMember)
            {
                foreach (var message in messages)
                {
                    modelState.AddModelError(field?.Invoke(member) ?? "", message);
                    shown = true;
                }
            }
        }
        var refusals = Refusals;
        if (refusals.Count > 1)
        {
            foreach (var refusal in refusals)
            {
                modelState.AddModelError(field?.Invoke(refusal.Code) ?? "", refusal.Article is null ? refusal.Message : $"{refusal.Message}（{refusal.Article}）");
            }
            return;
        }
        if (!shown)
        {
            modelState.AddModelError(Code is { } code ? field?.Invoke(code) ?? "" : "", Message);
        }
    }
}

/// <summary>How a page submits to the API's handler: the request's validation attributes first (as the API's filter), then the handler.</summary>
public static class ApiForms
{
    /// <summary>
    /// Validates <paramref name="request"/> with its data annotations (the same attributes the API's validation reads)
    /// and, when valid, runs <paramref name="handler"/>. Invalid input is an answer like the API's 400, with the
    /// errors by property; <see cref="ApiAnswer.ShowOn"/> puts them next to the fields.
    /// </summary>
    public static async Task<ApiAnswer> CallAsync(object? request, Func<Task<IResult>> handler)
    {
        var errors = request is null ? new Dictionary<string, string[]>() : Validate(request);
        if (errors.Count > 0)
        {
            return ApiAnswer.From(ApiProblem.Create(StatusCodes.Status400BadRequest, "validation-failed",
                "请求内容不符合要求 / The request is not acceptable", Ui.Pick("请检查标出的字段。", "Please check the marked fields."),
                extensions: new Dictionary<string, object?> { ["errors"] = errors }));
        }
        return ApiAnswer.From(await handler());
    }

    /// <summary>The request's data-annotation errors by property, worded for a person in the reader's language.</summary>
    public static IDictionary<string, string[]> Validate(object request)
    {
        var errors = new Dictionary<string, string[]>();
        var context = new ValidationContext(request);
        foreach (var property in request.GetType().GetProperties())
        {
            var value = property.GetValue(request);
            context.MemberName = property.Name;
            var messages = property.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).Cast<ValidationAttribute>()
                .Where(a => a.GetValidationResult(value, context) != ValidationResult.Success)
                .Select(Describe)
                .ToArray();
            if (messages.Length > 0)
            {
                errors[property.Name] = messages;
            }
        }
        return errors;
    }

    private static string Describe(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => Ui.Pick("请填写此项。", "This field is required."),
        MaxLengthAttribute max => Ui.Pick($"不得超过{max.Length}个字符（或项）。", $"At most {max.Length} characters (or items)."),
        StringLengthAttribute length => Ui.Pick($"长度应在{length.MinimumLength}至{length.MaximumLength}之间。", $"Between {length.MinimumLength} and {length.MaximumLength} characters."),
        MinLengthAttribute min => Ui.Pick($"至少{min.Length}个字符（或项）。", $"At least {min.Length} characters (or items)."),
        RangeAttribute range => Ui.Pick($"应在{range.Minimum}至{range.Maximum}之间。", $"Must be between {range.Minimum} and {range.Maximum}."),
        _ => Ui.Pick("此项不符合要求。", "This value is not acceptable."),
    };

    /// <summary>The message of a field's first error, or null (for <c>aria-invalid</c> and the error line below the field).</summary>
    public static string? ErrorFor(this ModelStateDictionary modelState, string field) =>
        modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The form-level errors (refusals that belong to no single field).</summary>
    public static IEnumerable<string> FormErrors(this ModelStateDictionary modelState) =>
        modelState.TryGetValue("", out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
