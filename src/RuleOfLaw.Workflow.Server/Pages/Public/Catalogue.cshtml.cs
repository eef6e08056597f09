using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Record.Catalogue;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>
/// One government's published catalogue for a year (第十条第二款), the same view as <c>GET /api/public/catalogues/…</c>:
/// items with drafting unit and planned quarter, withdrawn items struck through, and every adjustment with its reason.
/// </summary>
// Browsers and proxies may keep it as long as the output cache does (per language cookie), as the other portal pages.
[ResponseCache(Duration = RuleOfLaw.Workflow.Server.Web.WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class CatalogueModel(CatalogueService catalogues, IOptions<WorkflowsOptions> workflows) : PageModel
{
    [BindProperty(SupportsGet = true)] public string OrganId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Year { get; set; }

    public CatalogueView? Catalogue { get; private set; }

    /// <summary>Adjustment days are shown in the deployment's zone (the catalogue's organ is in it by default).</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(workflows.Value.TimeZone);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Catalogue = await catalogues.PublishedAsync(OrganId, Year, ct);
        return Catalogue is null ? NotFound() : Page();
    }
}
