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
        var errors = request is null ? new Dictionary<string, string[]>() : ApiForms.Validate(request);
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

    private static string? FieldOf(Refusal refusal) => refusal.Arguments?.GetValueOrDefault(RequestField.Argument) as string;
}
