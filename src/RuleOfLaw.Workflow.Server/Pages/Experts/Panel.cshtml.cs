using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Experts;

/// <summary>
/// The drafting unit's expert panel of a matter (arts. 19-21): the panel, choosing experts from the pool with their
/// declaration of interests (an interested expert or one from the drafting unit is refused, art. 20), the signed
/// opinions with their signature check, and how each opinion was used. Every act calls the service the API calls (<see cref="ExpertService"/>).
/// </summary>
public sealed class PanelModel(
    CurrentActor current, DossierReader dossiers, ExpertPanelReader panels, ExpertService experts, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");
    [BindProperty] public Guid? ExpertId { get; set; }
    [BindProperty] public bool DirectInterest { get; set; }
    [BindProperty] public string? InterestStatement { get; set; }
    [BindProperty] public Guid? OpinionId { get; set; }
    [BindProperty] public string? Adoption { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid? MemberId { get; set; }
    [BindProperty] public string? RemovalReason { get; set; }

    public Dossier Dossier { get; private set; } = null!;
    public List<PanelRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> RuleProblems { get; private set; } = [];
    public List<ExpertView> Pool { get; private set; } = [];

    /// <summary>The experts removed from the panel, with the reason (definition version 6 on).</summary>
    public IReadOnlyList<RemovedPanelEntryView> Removed { get; private set; } = [];

    /// <summary>The matter's version gives each expert her own task, so an expert who has not signed can be removed (version 6 on).</summary>
    public bool HasParties => ExpertService.HasParties(Dossier.Definition);

    /// <summary>The argumentation step is open, so experts can be chosen (the API refuses otherwise).</summary>
    public bool StepOpen => Dossier.State?.Tasks.Any(x => x.StepId == ExpertArgumentationGuard.Step && x.Status == RuleOfLaw.Workflow.Engine.Execution.WorkTaskStatus.Open) == true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct)
    {
        var request = new AddPanelMemberRequest(ExpertId ?? Guid.Empty, DirectInterest, InterestStatement);
        return await ActAsync(id, () => experts.AddMemberAsync(id, request, "web-expert-add:" + FormKey, ct),
            t["已将专家加入论证专家组。"], code => code switch
            {
                "expert-direct-interest" => nameof(DirectInterest),
                "expert-employed-by-drafting-unit" or "expert-already-on-panel" or "not-found" => nameof(ExpertId),
                "interest-declaration-required" => nameof(InterestStatement),
                _ => null,
            }, ct);
    }

    public async Task<IActionResult> OnPostAdoptAsync(Guid id, CancellationToken ct)
    {
        var request = new AdoptionRequest(Adoption, string.IsNullOrWhiteSpace(Reason) ? null : Reason);
        return await ActAsync(id, () => experts.AdoptAsync(id, OpinionId ?? Guid.Empty, request, "web-expert-adopt:" + FormKey, ct),
            t["已记录论证意见的采纳情况。"], code => code == "invalid-adoption" ? nameof(Reason) : null, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        var request = new RemovePanelMemberRequest(RemovalReason);
        return await ActAsync(id, () => experts.RemoveMemberAsync(id, MemberId ?? Guid.Empty, request, "web-expert-remove:" + FormKey, ct),
            t["已将专家调整出论证专家组。"], code => code is "reason" or "removal-reason-required" ? nameof(RemovalReason) : null, ct);
    }

    private async Task<IActionResult> ActAsync<T>(Guid id, Func<Task<ModuleOutcome<T>>> act, string notice, Func<string, string?> field, CancellationToken ct)
        where T : class
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var outcome = await act();
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field);
            FormKey = Guid.NewGuid().ToString("N");
            await LoadAsync(id, ct);
            return this.Refused(outcome.Status);
        }
        TempData["Notice"] = notice;
        return Redirect(Request.Path);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var dossier = await dossiers.ReadAsync(id, await current.GetAsync(ct), ct);
        if (dossier is null)
        {
            return false;
        }
        Dossier = dossier;
        (Rows, RuleProblems) = await panels.ReadAsync(id, ct);
        Removed = await panels.RemovedAsync(id, ct);
        Pool = await panels.PoolAsync(ct);
        return true;
    }
}
