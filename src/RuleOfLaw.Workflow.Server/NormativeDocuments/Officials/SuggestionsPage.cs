using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The filing recipient's review suggestions (<c>/normative/suggestions</c>, 审查建议, Notice 37): each with its document,
/// receipt, the submitter (contact details through the one logged read path, channel <c>web</c>) and the reply date; the
/// reply — the same service as <c>POST /api/normative-review-suggestions/{id}/reply</c> (<see cref="ReviewSuggestions.ReplyAsync"/>).
/// </summary>
public sealed class SuggestionsModel(ReviewSuggestions suggestions, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public Guid SuggestionId { get; set; }
    [BindProperty] public string? Reply { get; set; }

    public IReadOnlyList<ReviewSuggestionView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await suggestions.InboxAsync(await current.GetAsync(ct), ct, "web");

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        return await this.RunAsync(async () =>
        {
            await suggestions.ReplyAsync(actor, SuggestionId, new ReviewSuggestionReplyRequest(Reply), ct);
            TempData["Notice"] = t["已答复审查建议。"].Value;
            return Redirect("/normative/suggestions");
        }, code => code == "suggestion-reply-required" ? nameof(Reply) : null, async () =>
        {
            Items = await suggestions.InboxAsync(actor, ct, "web");
            return true;
        });
    }
}
