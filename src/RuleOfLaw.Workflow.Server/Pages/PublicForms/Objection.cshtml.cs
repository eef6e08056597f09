using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Pages.Public;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.PublicForms;

/// <summary>
/// The public objection form's target (第三十五条): the same logic as <c>POST /api/public/matters/{id}/objections</c>
/// (<see cref="ExecutionService.ObjectAsync"/>), under the same per-client limit, answered with the receipt page.
/// Outside the <c>/Public</c> folder, without antiforgery, with a derived Idempotency-Key: see <see cref="CommentModel"/>.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(Server.Participation.PublicEndpoints.RateLimitPolicy)]
public sealed class ObjectionModel(ModuleWriter records, DeadlineCalculator deadlines, ExecutionService service) : PageModel, Input.IInputRefusedPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? FormKey { get; set; }

    public PublicDecisionPage Decision { get; private set; } = null!;
    public ObjectionReceipt? Receipt { get; private set; }
    public TimeZoneInfo Zone => Ui.Zone(Decision.TimeZone, deadlines.TimeZone);

    public ObjectionFormData Form => new(Decision.MatterId, FormKey ?? Guid.NewGuid().ToString("N"), Name, Contact, Text);

    public IActionResult OnGet(Guid id) => Redirect($"/public/decisions/{id}");

    /// <summary>A form refused by the input rules (a control character …): the form again, the error at its field.</summary>
    public async Task<IActionResult> ShowRefusedInputAsync(Guid id, CancellationToken ct)
    {
        if (await PublicDecisions.LoadAsync(records, deadlines, id, ct) is not { } page)
        {
            return NotFound();
        }
        Decision = page;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var page = await PublicDecisions.LoadAsync(records, deadlines, id, ct);
        if (page is null)
        {
            return NotFound();
        }
        Decision = page;
        // The API's JSON body has these three fields; empty inputs are absent (null), as a client would send them.
        var request = new ObjectionRequest(Text ?? "", string.IsNullOrWhiteSpace(Name) ? null : Name, string.IsNullOrWhiteSpace(Contact) ? null : Contact);
        // No annotation check first: the API's endpoint reads its body by hand and runs no validation filter, so the
        // handler's own checks (one code, invalid-objection, with the article) are the whole answer here too.
        var outcome = await service.ObjectAsync(id, request, KeyFor(request), ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field => field switch
            {
                nameof(ObjectionRequest.Text) => nameof(Text),
                nameof(ObjectionRequest.Name) => nameof(Name),
                nameof(ObjectionRequest.Contact) => nameof(Contact),
                // The API's one code for any bad field: shown at the text, with the limits of all three.
                "invalid-objection" => nameof(Text),
                _ => null,
            });
            // The API's status with the form and its error, as on the comment form.
            var refused = Page();
            refused.StatusCode = outcome.Status;
            return refused;
        }
        Receipt = outcome.Value;
        return Page();
    }

    private string? KeyFor(ObjectionRequest request)
    {
        if (string.IsNullOrWhiteSpace(FormKey) || FormKey.Length > 64)
        {
            return null;
        }
        var what = string.Join('\n', HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", request.Name, request.Contact, request.Text);
        return $"web-objection:{FormKey}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)))[..24]}";
    }
}
