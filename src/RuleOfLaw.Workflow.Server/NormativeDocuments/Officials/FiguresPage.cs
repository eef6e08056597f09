using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The normative-document figures of a government and year (报备率、报备及时率、材料规范率、审查通过率、合法性审核率, the
/// clean-up results), computed by the same service as <c>GET /api/normative-figures</c> (<see cref="Figures.ComputeAsync"/>);
/// each number lists the documents behind it. The view is <c>Pages/Normative/Figures.cshtml</c>; the model lives in the
/// module (like the portal's, <c>NormativeDocuments/Portal</c>) so the module does not join the Pages dependency cycle.
/// </summary>
public sealed class FiguresModel(Figures figures, NormativeContext context) : PageModel
{
    [BindProperty(SupportsGet = true)] public string GovernmentId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public FiguresView? View { get; private set; }
    public IReadOnlyDictionary<Guid, string> Titles { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyList<(string Id, string Name)> Governments { get; private set; } = [];

    /// <summary>The figure's name as the reports print it (zh) and in English.</summary>
    public static (string Chinese, string English) Label(string name) => name switch
    {
        "issued" => ("制发件数", "Documents issued"),
        "filing-rate" => ("报备率", "Filing rate"),
        "filing-timeliness-rate" => ("报备及时率", "Filing timeliness rate"),
        "material-conformity-rate" => ("材料规范率", "Material conformity rate"),
        "review-pass-rate" => ("审查通过率", "Review pass rate"),
        "legality-review-rate" => ("合法性审核率", "Legality review rate"),
        "cleanup-documents" => ("清理件数", "Documents cleaned up"),
        "cleanup-continue" => ("清理：继续有效", "Clean-up: continue"),
        "cleanup-amend" => ("清理：修改", "Clean-up: amend"),
        "cleanup-repeal" => ("清理：废止", "Clean-up: repeal"),
        "cleanup-declare-invalid" => ("清理：宣布失效", "Clean-up: declared invalid"),
        _ => (name, name),
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Governments = (await context.Db.Organizations.AsNoTracking().Where(o => o.Kind == Workflow.Organizations.OrganizationKinds.Government)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct)).OrderBy(o => o.Id, StringComparer.Ordinal).Select(o => (o.Id, o.Name)).ToList();
        if (string.IsNullOrWhiteSpace(GovernmentId))
        {
            GovernmentId = Governments.FirstOrDefault().Id ?? "";
        }
        Year ??= context.Today(await context.SettingsAsync(GovernmentId, ct)).Year;
        View = await figures.ComputeAsync(GovernmentId, Year.Value, ct);
        var ids = View.Figures.SelectMany(f => f.DenominatorDocuments.Concat(f.NumeratorDocuments)).Distinct().ToList();
        Titles = await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Title, ct);
        return Page();
    }
}
