using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>Open and closed consultations, from <see cref="IPublicConsultations"/> (filled by the participation module).</summary>
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
