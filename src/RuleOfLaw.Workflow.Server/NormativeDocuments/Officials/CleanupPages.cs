using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The clean-ups (<c>/normative/cleanups</c>, 清理, Notice 37 “谁制定谁清理”): every clean-up with its stage and counts,
/// and for a government's administrators the form that opens one with its scope — the same service as
/// <c>POST /api/normative-cleanups</c> (<see cref="Cleanups.OpenAsync"/>). A refusal is shown next to its field with its
/// article and the API's status, and writes nothing.
/// </summary>
public sealed class CleanupsModel(Cleanups cleanups, IssuerList issuers, NormativeContext context, CurrentActor current) : PageModel
{
    [BindProperty] public string? GovernmentId { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public int FromYear { get; set; }
    [BindProperty] public int ToYear { get; set; }
    [BindProperty] public string? TitleKeyword { get; set; }

    /// <summary>The one issuing entity whose documents are cleaned up; none: every entity of the government.</summary>
    [BindProperty] public Guid? IssuerId { get; set; }

    public IReadOnlyList<CleanupView> Items { get; private set; } = [];

    /// <summary>The governments the reader administers (the open form's choices; empty: no form).</summary>
    public IReadOnlyList<(string Id, string Name)> Governments { get; private set; } = [];

    /// <summary>The issuing entities of those governments (the scope's issuer choices), listed or taken off the list since.</summary>
    public IReadOnlyList<IssuerView> Issuers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var year = context.Clock.GetUtcNow().Year;
        (FromYear, ToYear) = (year - 5, year);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new OpenCleanupRequest(GovernmentId, Subject, IssuerId, FromYear, ToYear, TitleKeyword);
        var outcome = await cleanups.OpenAsync(await current.GetAsync(ct), request, ct);
        if (outcome.Succeeded)
        {
            return Redirect($"/normative/cleanups/{outcome.Value!.Id}");
        }
        ModelState.ShowRefusals(outcome.Refusals, code => code switch
        {
            "cleanup-subject-required" => nameof(Subject),
            "cleanup-years-invalid" => nameof(FromYear),
            // The government is one of the form's choices; what is not found is the issuer (not one of that government's).
            "normative-not-found" => nameof(IssuerId),
            _ => null,
        });
        await LoadAsync(ct);
        var refused = Page();
        refused.StatusCode = outcome.Status;
        return refused;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await cleanups.ListAsync(null, publishedOnly: false, ct);
        var actor = await current.GetAsync(ct);
        var governments = await context.Db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKinds.Government)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        Governments = governments.Where(g => NormativeContext.Administers(actor, g.Id)).OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => (g.Id, g.Name)).ToList();
        var administered = Governments.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        Issuers = (await issuers.ListAsync(null, listedOnly: false, ct)).Where(i => administered.Contains(i.GovernmentId)).ToList();
    }
}

/// <summary>
/// One clean-up (<c>/normative/cleanups/{id}</c>): each document in scope with its result; the issuer's drafting unit
/// gives its documents' results with a reason (<see cref="Cleanups.RecordResultAsync"/>), the justice office approves once
/// every document has one and publishes the list (<see cref="Cleanups.ApproveAsync"/>, <see cref="Cleanups.PublishAsync"/>)
/// — the services of the API's <c>POST /api/normative-cleanups/{id}/…</c>.
/// </summary>
public sealed class CleanupModel(Cleanups cleanups, NormativeContext context, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public Guid DocumentId { get; set; }
    [BindProperty] public string? Result { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public CleanupView Cleanup { get; private set; } = null!;

    /// <summary>The documents in scope whose results the reader gives (their issuer's drafting unit).</summary>
    public IReadOnlySet<Guid> Answerable { get; private set; } = new HashSet<Guid>();

    /// <summary>Whether the reader is the government's justice office (approval, publication).</summary>
    public bool JusticeOffice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResultAsync(Guid id, CancellationToken ct) =>
        await ActAsync(id, cleanups.RecordResultAsync(await current.GetAsync(ct), id, DocumentId, new CleanupResultRequest(Result, Reason), ct), "清理结果已记录。",
            code => code switch { "cleanup-reason-required" => nameof(Reason), "cleanup-result-unknown" => nameof(Result), _ => null }, ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await ActAsync(id, cleanups.ApproveAsync(await current.GetAsync(ct), id, ct), "清理结果已审核通过。", null, ct);

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        await ActAsync(id, cleanups.PublishAsync(await current.GetAsync(ct), id, ct), "清理结果已公布。", null, ct);

    private async Task<IActionResult> ActAsync(Guid id, Task<ModuleOutcome<CleanupView>> act, string notice, Func<string, string?>? field, CancellationToken ct)
    {
        var outcome = await act;
        if (outcome.Succeeded)
        {
            TempData["Notice"] = t[notice].Value;
            return Redirect($"/normative/cleanups/{id}");
        }
        ModelState.ShowRefusals(outcome.Refusals, field);
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var refused = Page();
        refused.StatusCode = outcome.Status;
        return refused;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var outcome = await cleanups.GetAsync(id, publishedOnly: false, ct);
        if (!outcome.Succeeded)
        {
            return false;
        }
        Cleanup = outcome.Value!;
        var actor = await current.GetAsync(ct);
        var units = actor.Memberships.Where(m => m.Role is Roles.DraftingOfficer or Roles.DraftingHead).Select(m => m.OrganizationId).ToList();
        var ids = Cleanup.Items.Select(i => i.DocumentId).ToList();
        var issuers = await context.Db.Set<NormativeIssuer>().AsNoTracking().Where(i => units.Contains(i.OrganizationId)).Select(i => i.Id).ToListAsync(ct);
        Answerable = (await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => ids.Contains(d.Id) && issuers.Contains(d.IssuerId)).Select(d => d.Id).ToListAsync(ct))
            .ToHashSet();
        var offices = await context.JusticeOfficesAsync(Cleanup.GovernmentId, ct);
        JusticeOffice = actor.Memberships.Any(m => m.Role == Roles.LegalityReviewer && offices.Contains(m.OrganizationId));
        return true;
    }
}
