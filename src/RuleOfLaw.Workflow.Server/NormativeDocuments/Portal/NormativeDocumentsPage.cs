using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Portal;

/// <summary>
/// The current-documents catalogue (现行有效目录) of normative documents: exactly the documents in force today, from
/// the same <see cref="Catalogue"/> as <c>GET /api/public/normative-documents</c>; <c>?all=true</c> lists every
/// published document with its status (lapsed, repealed, declared invalid).
/// </summary>
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class NormativeDocumentsModel(Catalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public IReadOnlyList<PublicNormativeDocumentView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await catalogue.PublishedAsync(null, currentOnly: !All, ct);
}
