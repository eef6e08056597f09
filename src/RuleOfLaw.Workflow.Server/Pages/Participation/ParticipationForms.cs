using Microsoft.AspNetCore.Mvc.ModelBinding;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Participation;

/// <summary>How the participation pages show what the module's services refused, next to the field it concerns.</summary>
public static class ParticipationForms
{
    /// <summary>
    /// The problem on the form, in the UI's language: each refusal (with its article) next to the field its code
    /// concerns, or at the top of the form (key "") when it concerns none.
    /// </summary>
    public static void Show(this ModelStateDictionary modelState, ParticipationProblem problem, Func<string, string?>? field)
    {
        foreach (var refusal in problem.Refusals)
        {
            modelState.AddModelError(field?.Invoke(refusal.Code) ?? "", RefusalForms.Text(refusal));
        }
    }
}
