using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Record.Experts;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>
/// One published decision (第三十二条): the publication record with how public and expert opinions were used, its
/// consultations, and, while it is in execution, the objection form (第三十五条). Output-cached like the folder.
/// </summary>
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class DecisionModel(ModuleWriter records, DeadlineCalculator deadlines, ExpertDisclosureService experts) : PageModel
{
    public PublicDecisionPage Decision { get; private set; } = null!;

    /// <summary>The experts who consented to be named, with their signed opinions (issue 15 item 7); null when the matter may not be disclosed.</summary>
    public PublicExpertPanel? Experts { get; private set; }

    /// <summary>Made per render of the cached page; see <see cref="PublicForms.ObjectionModel"/> for how the key is derived.</summary>
    public string FormKey { get; } = Guid.NewGuid().ToString("N");

    public ObjectionFormData Form => new(Decision.MatterId, FormKey, null, null, null);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var page = await PublicDecisions.LoadAsync(records, deadlines, id, ct);
        if (page is null)
        {
            return NotFound();
        }
        Decision = page;
        Experts = await experts.PublicAsync(id, ct);
        return Page();
    }
}

/// <summary>What the objection form shows: its target, its key, and (after a refused post) what the person typed.</summary>
public sealed record ObjectionFormData(Guid MatterId, string FormKey, string? Name, string? Contact, string? Text);
