using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>How a page shows what a module's service refused (issue 12: pages call the services, not the handlers).</summary>
public static class RefusalForms
{
    /// <summary>
    /// The request's data-annotation errors (the attributes the API's validation reads), next to their fields; true
    /// when there were any (the service is then not called, as the API's filter would not call the handler).
    /// </summary>
    public static bool ShowRequestErrors(this ModelStateDictionary modelState, object? request, Func<string, string?>? field)
    {
        var errors = request is null ? new Dictionary<string, string[]>() : Validate(request);
        foreach (var (member, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field?.Invoke(member) ?? "", message);
            }
        }
        return errors.Count > 0;
    }

    /// <summary>
    /// Each refusal in the UI's language with its article, next to the field its code concerns, or at the top of the
    /// form (key ""). Refusals about one request property (their <see cref="RequestField.Argument"/>) go next to that
    /// field, and then only those are shown (the summary refusal above them says nothing more).
    /// </summary>
    public static void ShowRefusals(this ModelStateDictionary modelState, IReadOnlyList<Refusal> refusals, Func<string, string?>? field)
    {
        var byField = refusals.Where(r => FieldOf(r) is not null).ToList();
        foreach (var refusal in byField.Count > 0 ? byField : refusals)
        {
            modelState.AddModelError(field?.Invoke(FieldOf(refusal) ?? refusal.Code) ?? "", Text(refusal));
        }
    }

    /// <summary>A refusal as a person reads it on a page: the text in the UI's language and the article.</summary>
    public static string Text(Refusal refusal)
    {
        var message = refusal.TextIn(CultureInfo.CurrentUICulture);
        return refusal.Article is null || message.Contains(refusal.Article, StringComparison.Ordinal) ? message : $"{message}（{refusal.Article}）";
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

    private static string? FieldOf(Refusal refusal) => refusal.Arguments?.GetValueOrDefault(RequestField.Argument) as string;
}
