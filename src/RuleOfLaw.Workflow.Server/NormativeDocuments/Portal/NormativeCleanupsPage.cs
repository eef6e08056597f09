using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Portal;

/// <summary>
/// The published clean-up results (清理结果向社会公布, Notice 37): each clean-up with its count per result and every
/// document's result and reason, from the same <see cref="Cleanups"/> service as <c>GET /api/public/normative-cleanups</c>.
/// </summary>
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class NormativeCleanupsModel(Cleanups cleanups) : PageModel
{
    public IReadOnlyList<CleanupView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await cleanups.ListAsync(null, publishedOnly: true, ct);
}
