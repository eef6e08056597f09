using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Participation;

/// <summary>How the participation pages show what the module's services refused, next to the field it concerns.</summary>
public static class ParticipationForms
{
    /// <summary>
    /// The request's data-annotation errors (the attributes the API's validation reads), next to their fields; true
    /// when there were any (the service is then not called, as the API's filter would not call the handler).
    /// </summary>
    public static bool ShowInvalid(this ModelStateDictionary modelState, object? request, Func<string, string?>? field)
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
    /// The problem on the form, in the UI's language: each refusal (with its article) next to the field its code
    /// concerns, or at the top of the form (key "") when it concerns none.
    /// </summary>
    public static void Show(this ModelStateDictionary modelState, ParticipationProblem problem, Func<string, string?>? field)
    {
        foreach (var refusal in problem.Refusals)
        {
            modelState.AddModelError(field?.Invoke(refusal.Code) ?? "", WithArticle(refusal.TextIn(CultureInfo.CurrentUICulture), refusal.Article));
        }
    }

    private static string WithArticle(string message, string? article) =>
        article is null || message.Contains(article, StringComparison.Ordinal) ? message : $"{message}（{article}）";
}
