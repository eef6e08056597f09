using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The issuing-entity list (制定主体清单, Notice 37) kept by a government's administrators (<c>/normative/issuers</c>):
/// the entries of the governments the reader administers — name, code, kind, document-number prefix, the organization
/// whose members draft, listed or not — with the form that adds one and the button that takes one off the list; the
/// same services as <c>POST /api/normative-issuers</c> and <c>…/{id}/delisting</c> (<see cref="IssuerList"/>). The
/// listed entries are what the portal publishes. A refusal is shown next to its field (or above the form) with its
/// article and the API's status, and writes nothing.
/// </summary>
public sealed class IssuersModel(IssuerList issuers, NormativeContext context, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? GovernmentId { get; set; }
    [BindProperty] public string? OrganizationId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? DocumentNumberPrefix { get; set; }

    /// <summary>The entry to take off the list (the delisting form's).</summary>
    [BindProperty] public Guid IssuerId { get; set; }

    /// <summary>The governments the reader administers, each with its list and its organizations (the form's choices).</summary>
    public IReadOnlyList<GovernmentList> Governments { get; private set; } = [];

    /// <summary>Every organization's name by id (the entries' drafting organizations).</summary>
    public IReadOnlyDictionary<string, string> OrganizationNames { get; private set; } = new Dictionary<string, string>();

    public sealed record GovernmentList(string Id, string Name, IReadOnlyList<IssuerView> Entries, IReadOnlyList<(string Id, string Name)> Organizations);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        ActAsync(actor => issuers.AddAsync(actor, new AddIssuerRequest(GovernmentId, OrganizationId, Name, Code, Kind, DocumentNumberPrefix), ct),
            "已列入制定主体清单。", code => code switch
            {
                "issuer-name-required" => nameof(Name),
                "issuer-code-invalid" or "issuer-code-taken" => nameof(Code),
                "issuer-kind-not-allowed" or "issuer-kind-unknown" => nameof(Kind),
                "issuer-prefix-required" => nameof(DocumentNumberPrefix),
                "normative-not-found" => nameof(OrganizationId),
                _ => null,
            }, ct);

    public Task<IActionResult> OnPostDelistAsync(CancellationToken ct) =>
        ActAsync(actor => issuers.DelistAsync(actor, IssuerId, ct), "已移出制定主体清单。", null, ct);

    private Task<IActionResult> ActAsync(Func<Actor, Task<IssuerView>> act, string notice, Func<string, string?>? field, CancellationToken ct) =>
        this.RunAsync(async () =>
        {
            await act(await current.GetAsync(ct));
            TempData["Notice"] = t[notice].Value;
            return Redirect("/normative/issuers");
        }, field, async () =>
        {
            await LoadAsync(ct);
            return true;
        });

    private async Task LoadAsync(CancellationToken ct)
    {
        context.Db.ChangeTracker.Clear();
        var actor = await current.GetAsync(ct);
        var organizations = await context.Db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Kind, o.ParentId }).ToListAsync(ct);
        OrganizationNames = organizations.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var administered = organizations.Where(o => o.Kind == OrganizationKinds.Government && NormativeContext.Administers(actor, o.Id))
            .OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        var entries = await issuers.ListAsync(null, listedOnly: false, ct);
        Governments = administered.Select(g => new GovernmentList(g.Id, g.Name,
            entries.Where(e => e.GovernmentId == g.Id).ToList(),
            organizations.Where(o => o.Id == g.Id || o.ParentId == g.Id).OrderBy(o => o.Id == g.Id ? 0 : 1).ThenBy(o => o.Id, StringComparer.Ordinal)
                .Select(o => (o.Id, o.Name)).ToList())).ToList();
    }
}
