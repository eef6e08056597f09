using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Record.Accountability;

namespace RuleOfLaw.Workflow.Server.Pages.Record;

/// <summary>
/// A person's or an organization's part in one government's matters (arts. 38-41), the same answer as
/// <c>GET /api/record/accountability/{people|organizations}/{id}?organId=</c>; the supervising bodies only.
/// </summary>
public sealed class PartyModel(CurrentActor current, AccountabilityService service, IOptions<WorkflowsOptions> workflows) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Subject { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string OrganId { get; set; } = "";

    public PartyAccountability? View { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ViewData["Zone"] = TimeZoneInfo.FindSystemTimeZoneById(workflows.Value.TimeZone);
        var actor = await current.GetAsync(ct);
        var (view, refusal) = Kind == "people"
            ? await service.ForPersonAsync(actor, OrganId, Subject, ct)
            : await service.ForOrganizationAsync(actor, OrganId, Subject, ct);
        View = view;
        return view is not null ? Page() : RecordPageRefusal.Show(this, refusal!, text => Refusal = text);
    }
}
