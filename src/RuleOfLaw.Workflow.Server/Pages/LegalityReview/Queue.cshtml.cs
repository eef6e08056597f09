using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>
/// The review queue (<c>/legality</c>): the module's query <see cref="LegalityQueueQuery"/>, which
/// <c>GET /api/legality/queue</c> answers too. A user who is no legality reviewer or legal counsel gets the notice
/// instead of the list (the API's 403).
/// </summary>
public sealed class QueueModel(LegalityQueueQuery queue, DeadlineCalculator deadlines) : PageModel
{
    public bool MayReview { get; private set; }
    public IReadOnlyList<LegalityQueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var outcome = await queue.RunAsync(ct);
        MayReview = outcome.Succeeded;
        Items = outcome.Value ?? [];
    }

    public string StepTitle(LegalityQueueItem item) => Ui.Pick(item.StepTitle, item.StepTitleEn);

    public TimeZoneInfo Zone(LegalityQueueItem item) => Ui.Zone(item.TimeZone, deadlines.TimeZone);
}
