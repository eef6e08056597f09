using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The justice office's normative documents (<c>/normative/justice</c>): the documents of its government awaiting its
/// acts — the legality review opinion (with the review window: not before the 5th working day, due on the 15th),
/// registration of a signed document and publication of a registered one — each linked to its act's page.
/// </summary>
public sealed class JusticeOfficeModel(NormativeContext context, LegalityReviewOpinions reviews, CurrentActor current) : PageModel
{
    /// <summary>The document, and the page of the act it waits for.</summary>
    public IReadOnlyList<(NormativeDocumentView Document, string ActPath)> Waiting { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var offices = actor.Memberships.Where(m => m.Role == Roles.LegalityReviewer).Select(m => m.OrganizationId).ToList();
        var governments = await context.Db.Organizations.AsNoTracking()
            .Where(o => offices.Contains(o.Id) && o.Kind == OrganizationScopes.LegalityReviewOffice && o.ParentId != null).Select(o => o.ParentId!).ToListAsync(ct);
        var documents = await context.Db.Set<NormativeDocument>().AsNoTracking()
            .Where(d => governments.Contains(d.GovernmentId)
                && (d.Status == NormativeStatuses.InReview || d.Status == NormativeStatuses.Signed || d.Status == NormativeStatuses.Registered))
            .ToListAsync(ct);
        var waiting = new List<(NormativeDocumentView, string)>();
        foreach (var document in documents.OrderBy(d => d.SubmittedForReviewOn ?? DateOnly.MaxValue).ThenBy(d => d.CreatedAt))
        {
            var window = document.SubmittedForReviewOn is null ? null : await reviews.WindowAsync(document, ct);
            var view = NormativeDocumentView.From(document, window, context.Today(await context.SettingsAsync(document.GovernmentId, ct)));
            waiting.Add((view, document.Status == NormativeStatuses.InReview
                ? $"/normative/documents/{document.Id}/review-opinion"
                : $"/normative/documents/{document.Id}/registration"));
        }
        Waiting = waiting;
    }
}
