using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// How a normative page answers a refused form (one place for every officials' and portal page): the refusal shown
/// next to its field, the page loaded again, answered with the API's status for that refusal, so that assistive
/// technology and scripts tell success from refusal; nothing was written (the service refused before writing).
/// </summary>
public static class NormativePageActs
{
    /// <summary>
    /// Runs <paramref name="act"/>; on a <see cref="NormativeRefusedException"/>, shows its refusals (<paramref name="field"/>
    /// maps a code to the form field it belongs to), reloads the page with <paramref name="reload"/> (false: 404) and
    /// answers the page with the refusal's status.
    /// </summary>
    public static async Task<IActionResult> RunAsync(this PageModel page, Func<Task<IActionResult>> act, Func<string, string?>? field, Func<Task<bool>> reload)
    {
        try
        {
            return await act();
        }
        catch (NormativeRefusedException e)
        {
            page.ModelState.ShowRefusals(e.Refusals, field);
            if (!await reload())
            {
                return page.NotFound();
            }
            var refused = page.Page();
            refused.StatusCode = ApiProblem.StatusOf(e.Refusals[0]);
            return refused;
        }
    }
}
