using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// A filing recipient's inbox on a page (有备必审): the filings sent to the offices where the reader reviews, read by the
/// same service as <c>GET /api/normative-filings</c> (<see cref="Filings.InboxAsync"/>); every act calls the service
/// the API's <c>POST /api/normative-filings/{id}/…</c> calls, and a refusal is shown with its article and the API's status.
/// </summary>
public abstract class FilingInboxModel(Filings filings, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public Guid FilingId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Result { get; set; }
    [BindProperty] public string? Reasons { get; set; }

    protected Filings Service => filings;
    protected CurrentActor Current => current;

    /// <summary>The filings this page lists (by stage).</summary>
    public IReadOnlyList<NormativeFilingView> Items { get; private set; } = [];

    /// <summary>The stages this page shows.</summary>
    protected abstract IReadOnlyCollection<string> Stages { get; }

    /// <summary>The page's own path (post-redirect-get).</summary>
    protected abstract string Path { get; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Runs one act on a filing; on success back to the list with <paramref name="notice"/>, else the list with the refusal.</summary>
    protected Task<IActionResult> ActAsync(Func<Actor, Task> act, string notice, Func<string, string?>? field, CancellationToken ct) =>
        this.RunAsync(async () =>
        {
            await act(await current.GetAsync(ct));
            TempData["Notice"] = t[notice].Value;
            return Redirect(Path);
        }, field, async () =>
        {
            await LoadAsync(ct);
            return true;
        });

    private async Task LoadAsync(CancellationToken ct) =>
        Items = (await filings.InboxAsync(await current.GetAsync(ct), ct)).Where(f => Stages.Contains(f.Status)).ToList();
}

/// <summary>
/// The filing recipient's page (<c>/normative/filings/received</c>): filings received and not yet registered — the
/// receipt (登记) or the return of incomplete material with its reason (the first filing date still decides timeliness).
/// </summary>
public sealed class FilingsReceivedModel(Filings filings, CurrentActor current, IStringLocalizer<SharedResource> t) : FilingInboxModel(filings, current, t)
{
    protected override IReadOnlyCollection<string> Stages => [FilingStatuses.Filed, FilingStatuses.Returned];

    protected override string Path => "/normative/filings/received";

    public Task<IActionResult> OnPostRegisterAsync(CancellationToken ct) =>
        ActAsync(actor => Service.RegisterAsync(actor, FilingId, ct), "备案已登记。", null, ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) =>
        ActAsync(actor => Service.ReturnAsync(actor, FilingId, new FilingReturnRequest(Reason), ct), "已退回补正。",
            code => code == "return-reason-required" ? nameof(Reason) : null, ct);
}

/// <summary>
/// The justice office's filing-review page (<c>/normative/filings/review</c>): registered filings awaiting review,
/// answered corrections to review again, and the corrections still open; the review result is <c>accepted</c>, or a
/// correction notice with its reasons and the period of the settings.
/// </summary>
public sealed class FilingsReviewModel(Filings filings, CurrentActor current, IStringLocalizer<SharedResource> t) : FilingInboxModel(filings, current, t)
{
    protected override IReadOnlyCollection<string> Stages =>
        [FilingStatuses.Registered, FilingStatuses.CorrectionAnswered, FilingStatuses.Correction, FilingStatuses.Accepted];

    protected override string Path => "/normative/filings/review";

    public Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        ActAsync(actor => Service.ReviewAsync(actor, FilingId, new FilingReviewRequest(Result, string.IsNullOrWhiteSpace(Reasons) ? null : Reasons), ct),
            "审查结果已记录。", code => code == "correction-reason-required" ? nameof(Reasons) : null, ct);
}
