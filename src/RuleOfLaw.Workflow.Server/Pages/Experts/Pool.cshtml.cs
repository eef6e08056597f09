using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Experts;

/// <summary>
/// The expert pool (<c>GET /api/experts</c>) and, for the legality review office or an administrator, adding an expert
/// (<c>POST /api/experts</c>: the same service, <see cref="ExpertService"/>, and its rule of art. 21).
/// </summary>
public sealed class PoolModel(CurrentActor current, ExpertService experts, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public bool GovernmentEmployed { get; set; }
    [BindProperty] public string? UserName { get; set; }

    public IReadOnlyList<ExpertView> Experts { get; private set; } = [];
    public bool MayAdd { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var request = new CreateExpertRequest(Name, Field, Employer, null, GovernmentEmployed, string.IsNullOrWhiteSpace(UserName) ? null : UserName.Trim());
        var outcome = await experts.CreateExpertAsync(request, ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, code => code == "unknown-user" ? nameof(UserName) : null);
            var refused = Page();
            refused.StatusCode = outcome.Status;
            return refused;
        }
        TempData["Notice"] = t["已将{0}加入专家库。", outcome.Value!.Name].Value;
        return Redirect("/experts");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        MayAdd = ExpertService.MayKeepThePool(actor);
        Experts = await experts.PoolAsync(ct);
    }
}
