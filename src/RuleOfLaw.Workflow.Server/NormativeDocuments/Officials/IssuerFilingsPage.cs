using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The issuer's filings (<c>/normative/filings/issued</c>, 有件必备): each published document's filing with each
/// recipient, its deadline (15 days from the issue day) and stage; filing or re-filing after a return
/// (<see cref="Filings.FileAsync"/>, the API's <c>…/submission</c>) and the head's answer to a correction notice
/// (<see cref="Filings.AnswerCorrectionAsync"/>, the API's <c>…/correction-answer</c>). A refusal is shown next to its
/// field with its article and the API's status; the same answer sent twice is answered once.
/// </summary>
public sealed class IssuerFilingsModel(Filings filings, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public Guid FilingId { get; set; }
    [BindProperty] public string? Answer { get; set; }

    public IReadOnlyList<NormativeFilingView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await filings.OfIssuerAsync(await current.GetAsync(ct), ct);

    public Task<IActionResult> OnPostFileAsync(CancellationToken ct) =>
        ActAsync(actor => filings.FileAsync(actor, FilingId, ct), "已报送备案。", null, ct);

    public Task<IActionResult> OnPostAnswerAsync(CancellationToken ct) =>
        ActAsync(actor => filings.AnswerCorrectionAsync(actor, FilingId, new CorrectionAnswerRequest(string.IsNullOrWhiteSpace(Answer) ? null : Answer.Trim()), ct),
            "纠正通知已答复。", code => code == "correction-answer-required" ? nameof(Answer) : null, ct);

    private async Task<IActionResult> ActAsync(Func<Actor, Task> act, string notice, Func<string, string?>? field, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        return await this.RunAsync(async () =>
        {
            await act(actor);
            TempData["Notice"] = t[notice].Value;
            return Redirect("/normative/filings/issued");
        }, field, async () =>
        {
            Items = await filings.OfIssuerAsync(actor, ct);
            return true;
        });
    }
}
