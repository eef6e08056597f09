using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>Open and closed consultations, from <see cref="IPublicConsultations"/> (filled by the participation module).</summary>
// Browsers and proxies may keep it as long as the output cache does (per language cookie).
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class ConsultationsModel(IPublicConsultations consultations) : PageModel
{
    public IReadOnlyList<PublicConsultationItem> Open { get; private set; } = [];
    public IReadOnlyList<PublicConsultationItem> Closed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Open = await consultations.ListAsync(open: true, ct);
        Closed = await consultations.ListAsync(open: false, ct);
    }
}
