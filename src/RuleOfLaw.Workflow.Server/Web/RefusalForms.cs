using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>How a page shows what a module's service refused (issue 12: pages call the services, not the handlers).</summary>
public static class RefusalForms
{
    /// <summary>
    /// The refusals on the form, in the UI's language with their articles: a refusal about one request property (its
    /// <c>field</c> argument) next to that field, and then only those (the summary above them says nothing more); any
    /// other next to the field its code concerns, or at the top of the form (key "").
    /// </summary>
    public static void Show(this ModelStateDictionary modelState, IReadOnlyList<Refusal> refusals, Func<string, string?>? field)
    {
        var byField = refusals.Where(r => FieldOf(r) is not null).ToList();
        foreach (var refusal in byField.Count > 0 ? byField : refusals)
        {
            var key = FieldOf(refusal) ?? refusal.Code;
            modelState.AddModelError(field?.Invoke(key) ?? "", Text(refusal));
        }
    }

    /// <summary>A refusal as a person reads it on a page: the text in the UI's language and the article.</summary>
    public static string Text(Refusal refusal)
    {
        var message = refusal.TextIn(CultureInfo.CurrentUICulture);
        return refusal.Article is null || message.Contains(refusal.Article, StringComparison.Ordinal) ? message : $"{message}（{refusal.Article}）";
    }

    private static string? FieldOf(Refusal refusal) => refusal.Arguments?.GetValueOrDefault(ModuleOutcomes.Field) as string;
}
