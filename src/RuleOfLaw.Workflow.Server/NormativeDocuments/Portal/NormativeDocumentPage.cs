using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Portal;

/// <summary>
/// One published normative document with its numbers, dates, validity and full text, and the review-suggestion form
/// (审查建议, Notice 37), which posts to <see cref="ReviewSuggestionModel"/>. Output-cached like the folder.
/// </summary>
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class NormativeDocumentModel(Catalogue catalogue) : PageModel
{
    public PublicNormativeDocumentView Document { get; private set; } = null!;

    /// <summary>Made per render of the cached page; see <see cref="ReviewSuggestionModel"/> for how the key is used.</summary>
    public string FormKey { get; } = Guid.NewGuid().ToString("N");

    public ReviewSuggestionFormData Form => new(Document.Id, FormKey, null, null, null);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Document = await catalogue.PublishedAsync(id, ct);
        }
        catch (NormativeRefusedException)
        {
            return NotFound();
        }
        return Page();
    }
}

/// <summary>What the review-suggestion form shows: its document, its key, and (after a refused post) what the person typed.</summary>
public sealed record ReviewSuggestionFormData(Guid DocumentId, string FormKey, string? Name, string? Contact, string? Text);
