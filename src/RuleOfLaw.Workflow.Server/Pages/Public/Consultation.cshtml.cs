using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>
/// One consultation for the public: draft, explanation, documents, the deadline in the jurisdiction's time, the comment
/// form while it is open, the published feedback report once it is closed. Output-cached like the whole folder.
/// </summary>
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class ConsultationModel(ParticipationQueries queries, DeadlineCalculator deadlines) : PageModel
{
    public PublicConsultationPage Consultation { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The comment form's key. The page is cached and shared, so the key is made per render, not per reader; see <see cref="PublicForms.CommentModel"/>.</summary>
    public string FormKey { get; } = Guid.NewGuid().ToString("N");

    public CommentFormData Form => new(Consultation.View.Id, FormKey, null, null, null, null);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var page = await queries.PublicPageAsync(id, ct);
        if (page is null)
        {
            return NotFound();
        }
        Consultation = page;
        Zone = Ui.Zone(page.TimeZone, deadlines.TimeZone);
        return Page();
    }
}
