using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages;

/// <summary>The home page of every signed-in official: attention today, my tasks, my organizations' matters by stage.</summary>
public sealed class IndexModel(CurrentActor current, WorkbenchReader reader, StepPages stepPages) : PageModel
{
    public Actor Actor { get; private set; } = null!;
    public Workbench Workbench { get; private set; } = null!;
    public StepPages StepPages => stepPages;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Actor = await current.GetAsync(ct);
        Workbench = await reader.ReadAsync(Actor, ct);
    }
}
