using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>A matter linked to this one by an adjustment, as the page lists it.</summary>
public sealed record LinkedMatter(Guid Id, string Number, string Title, string Reason, DateTimeOffset CreatedAt, bool IsAdjustmentOfThis);

/// <summary>
/// The adjustment of a decision (第三十五条、第三十七条): a major adjustment is decided as a new matter linked to the
/// original, which then goes through the procedure again. The page lists the matter's adjustments (and the decision it
/// adjusts, if it is one) and, for the organ's chief executive or the drafting unit's head once the decision is issued,
/// the form that opens the new matter through <see cref="ExecutionService.AdjustAsync"/>, the service of
/// <c>POST /api/matters/{id}/adjustments</c>: the same rule, refusal, article and status.
/// </summary>
public sealed class AdjustmentModel(CurrentActor current, DossierReader reader, WorkflowDbContext db, ExecutionService service, IStringLocalizer<SharedResource> t)
    : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    public Dossier Dossier { get; private set; } = null!;
    public IReadOnlyList<LinkedMatter> Links { get; private set; } = [];

    /// <summary>The decision is issued (the adjustment's precondition, <see cref="Execution.Issued"/>).</summary>
    public bool Issued => Dossier.State is { } state && Execution.Issued(state);

    /// <summary>Who may open an adjustment: the decision organ's chief executive or the drafting unit's head (the rule's first check).</summary>
    public bool MayAdjust => Dossier.Actor.Holds(Roles.ChiefExecutive, Dossier.Matter.DecisionOrganId) || Dossier.Actor.Holds(Roles.DraftingHead, Dossier.Matter.DraftingUnitId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var request = new AdjustmentRequest(Title?.Trim() ?? "", Reason?.Trim() ?? "", string.IsNullOrWhiteSpace(Summary) ? null : Summary.Trim());
        Func<string, string?> field = code => code switch
        {
            nameof(AdjustmentRequest.Title) => nameof(Title),
            nameof(AdjustmentRequest.Reason) or "reason-required" => nameof(Reason),
            nameof(AdjustmentRequest.Summary) => nameof(Summary),
            _ => null,
        };
        if (ModelState.ShowRequestErrors(request, field))
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var outcome = await service.AdjustAsync(id, request, "web-adjustment:" + FormKey, ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field);
            FormKey = Guid.NewGuid().ToString("N"); // the corrected form is a new request, not a replay of the refused one
            ModelState.Remove(nameof(FormKey));
            return this.Refused(outcome.Status);
        }
        TempData["Notice"] = t["已立项调整事项：{0}", outcome.Value!.Number].Value;
        return Redirect($"/matters/{outcome.Value.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var dossier = await reader.ReadAsync(id, await current.GetAsync(ct), ct);
        if (dossier is null)
        {
            return false;
        }
        Dossier = dossier;
        // The links of both sides (a new adjustment matter has no procedure yet, so not through the execution view).
        var links = await db.Set<MatterLink>().AsNoTracking().Where(l => l.OriginalMatterId == id || l.NewMatterId == id)
            .Select(l => new LinkView(l.OriginalMatterId, l.NewMatterId, l.Kind, l.Reason, l.CreatedAt)).ToListAsync(ct);
        var ids = links.Select(l => l.OriginalMatterId == id ? l.NewMatterId : l.OriginalMatterId).ToList();
        var matters = await db.Matters.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => (m.Number, m.Title), ct);
        Links = [.. links.OrderBy(l => l.CreatedAt).Select(l =>
        {
            var other = l.OriginalMatterId == id ? l.NewMatterId : l.OriginalMatterId;
            var (number, title) = matters.GetValueOrDefault(other, ("", ""));
            return new LinkedMatter(other, number, title, l.Reason, l.CreatedAt, l.OriginalMatterId == id);
        })];
        return true;
    }
}
