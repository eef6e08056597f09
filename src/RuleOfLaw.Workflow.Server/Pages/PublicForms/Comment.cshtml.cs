using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Pages.Participation;
using RuleOfLaw.Workflow.Server.Pages.Public;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.PublicForms;

/// <summary>
/// The public comment form's target: the same checks and intake as <c>POST /api/public/consultations/{id}/comments</c>
/// (<see cref="CommentIntake"/>), answered with the receipt page or the form with the refusal next to its field.
/// </summary>
/// <remarks>
/// <para>Not in the <c>/Public</c> folder on purpose: that folder's convention gives every page the page-view rate
/// limit (<c>PublicPages:PermitLimit</c>), and a Razor page has one endpoint for all its handlers, so <c>[EnableRateLimiting]</c> on a
/// handler method is not seen by the rate limiter. This page exists for the POST alone and carries the comment
/// policy on its class (10 a minute per client by default, the API's limit, the same partition).</para>
/// <para>No antiforgery: the form lives on an output-cached anonymous page, where a token would be someone else's;
/// without sign-in there is no session for a forged post to abuse, and the rate limit bounds floods.</para>
/// <para>The form key comes from a cached page, so several readers may get the same one within a minute. The
/// Idempotency-Key is therefore the form key with a hash of the client's address and of what was sent: a second
/// click of the same form sends the same key and gets the same receipt; two people's different comments never share
/// a key.</para>
/// </remarks>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(PublicEndpoints.RateLimitPolicy)]
public sealed class CommentModel(ParticipationQueries queries, DeadlineCalculator deadlines, CommentIntake intake) : PageModel, Input.IInputRefusedPage
{
    [BindProperty] public string? SubmitterType { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? FormKey { get; set; }

    public PublicConsultationPage Consultation { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public CommentReceipt? Receipt { get; private set; }

    /// <summary>The form again after a refusal, with what was typed and the same key (a corrected resubmission is a new request).</summary>
    public CommentFormData Form => new(Consultation.View.Id, FormKey ?? Guid.NewGuid().ToString("N"), SubmitterType, Name, Contact, Text);

    public IActionResult OnGet(Guid id) => Redirect($"/public/consultations/{id}");

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var page = await queries.PublicPageAsync(id, ct);
        if (page is null)
        {
            return NotFound();
        }
        Consultation = page;
        Zone = Ui.Zone(page.TimeZone, deadlines.TimeZone);
        var request = new PublicCommentRequest(SubmitterType, Name, Contact, Text);
        var outcome = await intake.SubmitAsync(id, request.ToContent(), IdempotencyKeyFor(request), ct);
        if (outcome.Problem is { } problem)
        {
            ModelState.ShowRefusals(problem.Refusals, Field);
            // The API's status (409 closed, 413 too long …) with the form and its error: scripts and assistive
            // technology tell a refusal from a receipt without reading the page.
            var refused = Page();
            refused.StatusCode = problem.Status >= 400 ? problem.Status : StatusCodes.Status422UnprocessableEntity;
            return refused;
        }
        Receipt = outcome.Value;
        return Page();
    }

    /// <summary>A form refused by the input rules (a control character …): the form again, the error at its field.</summary>
    public async Task<IActionResult> ShowRefusedInputAsync(Guid id, CancellationToken ct)
    {
        if (await queries.PublicPageAsync(id, ct) is not { } page)
        {
            return NotFound();
        }
        Consultation = page;
        Zone = Ui.Zone(page.TimeZone, deadlines.TimeZone);
        return Page();
    }

    /// <summary>Where the API's problem shows: its field (by request property or by code), else at the top of the form.</summary>
    private static string? Field(string codeOrMember) => codeOrMember switch
    {
        "comment-text-required" or "comment-too-long" or nameof(Text) => nameof(Text),
        "invalid-submitter-type" or nameof(SubmitterType) => nameof(SubmitterType),
        "submitter-name-required" or "field-too-long" or nameof(Name) => nameof(Name),
        nameof(Contact) => nameof(Contact),
        _ => null,
    };

    private string? IdempotencyKeyFor(PublicCommentRequest request)
    {
        if (string.IsNullOrWhiteSpace(FormKey) || FormKey.Length > 64)
        {
            return null;
        }
        var what = string.Join('\n', HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", request.SubmitterType, request.Name, request.Contact, request.Text);
        return $"web-comment:{FormKey}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)))[..24]}";
    }
}
