using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Portal;

/// <summary>
/// The review-suggestion form's target (审查建议, Notice 37): the same service as
/// <c>POST /api/public/normative-documents/{id}/review-suggestions</c> (<see cref="ReviewSuggestions.SubmitAsync"/>),
/// under the same per-client limit, answered with the receipt page; a refusal answers the API's status with the form
/// and the error next to the field. Outside the <c>/Public</c> folder and without antiforgery, like the public comment form (<c>Pages/PublicForms/Comment</c>).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(Server.Participation.PublicEndpoints.RateLimitPolicy)]
public sealed class ReviewSuggestionModel(Catalogue catalogue, ReviewSuggestions suggestions) : PageModel, Input.IInputRefusedPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? FormKey { get; set; }

    public PublicNormativeDocumentView Document { get; private set; } = null!;
    public ReviewSuggestionReceipt? Receipt { get; private set; }

    public ReviewSuggestionFormData Form => new(Document.Id, FormKey ?? Guid.NewGuid().ToString("N"), Name, Contact, Text);

    public IActionResult OnGet(Guid id) => Redirect($"/public/normative-documents/{id}");

    /// <summary>A form refused by the input rules (a control character …): the form again, the error at its field.</summary>
    public async Task<IActionResult> ShowRefusedInputAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        try
        {
            // The form's own key: a double click or a resent form answers the first receipt and files nothing more.
            Receipt = await suggestions.SubmitAsync(id, new ReviewSuggestionRequest(Name, string.IsNullOrWhiteSpace(Contact) ? null : Contact, Text), FormKey, ct);
            return Page();
        }
        catch (NormativeRefusedException e)
        {
            // The service's one code for a missing name or text: shown at the text, with the limit (the name is marked required).
            ModelState.ShowRefusals(e.Refusals, code => code == "suggestion-invalid" ? (string.IsNullOrWhiteSpace(Name) ? nameof(Name) : nameof(Text)) : null);
            var refused = Page();
            refused.StatusCode = ApiProblem.StatusOf(e.Refusals[0]);
            return refused;
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Document = await catalogue.PublishedAsync(id, ct);
            return true;
        }
        catch (NormativeRefusedException)
        {
            return false;
        }
    }
}
