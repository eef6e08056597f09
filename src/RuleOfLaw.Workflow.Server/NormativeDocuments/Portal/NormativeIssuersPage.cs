using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Portal;

/// <summary>
/// The published issuing-entity lists (制定主体清单向社会公布, Notice 37): per government, the entities on its list with
/// their code and kind, from the same <see cref="IssuerList"/> service as <c>GET /api/public/normative-issuers</c>
/// (entries taken off the list are not shown).
/// </summary>
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class NormativeIssuersModel(IssuerList issuers, NormativeContext context) : PageModel
{
    public IReadOnlyList<(string Id, string Name, IReadOnlyList<IssuerView> Entries)> Governments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = await issuers.ListAsync(null, listedOnly: true, ct);
        var ids = entries.Select(e => e.GovernmentId).Distinct().ToList();
        var names = await context.Db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        Governments = ids.Select(id => (id, names.GetValueOrDefault(id) ?? id, (IReadOnlyList<IssuerView>)entries.Where(e => e.GovernmentId == id).ToList())).ToList();
    }
}
