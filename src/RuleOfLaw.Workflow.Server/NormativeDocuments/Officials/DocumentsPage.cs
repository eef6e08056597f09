using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The drafting unit's normative documents (<c>/normative/documents</c>): the documents of the listed entities whose
/// drafting unit the reader belongs to, and the form that records a new one — the same service as
/// <c>POST /api/normative-documents</c> (<see cref="DocumentDrafting.CreateAsync"/>), with the form's key as its
/// idempotency key (a double click records one document). A refusal shows the form again with the errors and their
/// articles, with the API's status, and writes nothing.
/// </summary>
public sealed class DocumentsModel(NormativeContext context, DocumentDrafting drafting, CurrentActor current) : PageModel
{
    [BindProperty] public Guid IssuerId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string Kind { get; set; } = NormativeDocumentKinds.Department;
    [BindProperty] public bool Provisional { get; set; }
    [BindProperty] public int ValidityYears { get; set; } = 5;
    [BindProperty] public bool AffectsMarketActors { get; set; }
    [BindProperty] public bool PublicConsultation { get; set; }
    [BindProperty] public string? LegalBases { get; set; }
    [BindProperty] public string? FormKey { get; set; }

    public IReadOnlyList<NormativeIssuer> Issuers { get; private set; } = [];
    public IReadOnlyList<NormativeDocument> Documents { get; private set; } = [];

    /// <summary>
    /// The adopted documents the reader may sign (签发): the issuing department's head, or for a government document the
    /// government's chief executive, who has no drafting role and reaches the signature from here.
    /// </summary>
    public IReadOnlyList<NormativeDocument> ToSign { get; private set; } = [];

    /// <summary>Whether the reader drafts for some organization (the drafting form is theirs).</summary>
    public bool Drafts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        FormKey = Guid.NewGuid().ToString("N");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var bases = (LegalBases ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new DraftRequest(IssuerId, Kind, Title, Provisional, ValidityYears, AffectsMarketActors, MajorDecision: false, null, bases, PublicConsultation);
        try
        {
            var document = await drafting.CreateAsync(actor, request, ct, "web-normative-draft:" + FormKey);
            return Redirect($"/normative/documents/{document.Id}");
        }
        catch (NormativeRefusedException e)
        {
            ModelState.ShowRefusals(e.Refusals, code => code switch
            {
                "legal-basis-required" => nameof(LegalBases),
                "validity-too-long" or "validity-too-long-provisional" => nameof(ValidityYears),
                "provisional-title-mismatch" or "title-required" => nameof(Title),
                _ => null,
            });
            await LoadAsync(ct);
            var refused = Page();
            refused.StatusCode = ApiProblem.StatusOf(e.Refusals[0]);
            return refused;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var units = actor.Memberships.Where(m => m.Role is Roles.DraftingOfficer or Roles.DraftingHead).Select(m => m.OrganizationId).ToHashSet(StringComparer.Ordinal);
        Issuers = (await context.Db.Set<NormativeIssuer>().AsNoTracking().Where(i => i.Listed).ToListAsync(ct))
            .Where(i => units.Contains(i.OrganizationId)).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var ids = Issuers.Select(i => i.Id).ToList();
        Documents = (await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => ids.Contains(d.IssuerId)).ToListAsync(ct))
            .OrderByDescending(d => d.CreatedAt).ToList();
        Drafts = units.Count > 0;
        ToSign = await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => d.Status == NormativeStatuses.Deliberated)
            .Join(context.Db.Set<NormativeIssuer>().AsNoTracking(), d => d.IssuerId, i => i.Id, (d, i) => new { Document = d, i.OrganizationId })
            .ToListAsync(ct) is var adopted
            ? adopted.Where(a => Deliberation.MaySign(actor, a.Document, a.OrganizationId)).Select(a => a.Document).OrderBy(d => d.CreatedAt).ToList()
            : [];
    }
}
