using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Record.Accountability;

namespace RuleOfLaw.Workflow.Server.Pages.Record;

/// <summary>
/// Who did what on one matter, in order (arts. 38-41): the same <see cref="AccountabilityService"/> answer as
/// <c>GET /api/record/accountability/matters/{id}</c>; the supervising bodies only, others get the refusal with 403.
/// </summary>
public sealed class AccountabilityModel(CurrentActor current, AccountabilityService service, IOptions<WorkflowsOptions> workflows) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid MatterId { get; set; }

    public MatterAccountability? View { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ViewData["Zone"] = TimeZoneInfo.FindSystemTimeZoneById(workflows.Value.TimeZone);
        var (view, refusal) = await service.ForMatterAsync(await current.GetAsync(ct), MatterId, ct);
        View = view;
        return view is not null ? Page() : RecordPageRefusal.Show(this, refusal!, text => Refusal = text);
    }
}
