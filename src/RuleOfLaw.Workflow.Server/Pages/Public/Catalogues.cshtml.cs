using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Record.Catalogue;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>The published annual catalogues (第十条第二款), from <see cref="CatalogueService.PublishedListAsync"/>.</summary>
// Browsers and proxies may keep it as long as the output cache does (per language cookie), as the other portal pages.
[ResponseCache(Duration = RuleOfLaw.Workflow.Server.Web.WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class CataloguesModel(CatalogueService catalogues) : PageModel
{
    public IReadOnlyList<PublishedCatalogueEntry> Catalogues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Catalogues = await catalogues.PublishedListAsync(ct);
}
