using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Matters;

/// <summary>The matters I may see (the API's visibility rule), newest first, by stage.</summary>
public sealed class IndexModel(CurrentActor current, WorkbenchReader reader) : PageModel
{
    public Workbench Workbench { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Workbench = await reader.ReadAsync(await current.GetAsync(ct), ct);
}
