using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>Published decisions (art. 32), from <see cref="IPublicDecisions"/> (filled by the participation/publication module).</summary>
// Browsers and proxies may keep it as long as the output cache does (per language cookie).
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class DecisionsModel(IPublicDecisions decisions) : PageModel
{
    public IReadOnlyList<PublicDecisionItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await decisions.ListAsync(ct);
}
