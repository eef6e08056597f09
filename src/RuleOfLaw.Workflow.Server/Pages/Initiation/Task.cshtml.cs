using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Initiation;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Initiation;

/// <summary>
/// The initiation step (第十条至第十五条): the initiation record (proposal source, annual catalogue entry, the legal
/// ground of a not-disclosable matter, the reason of an urgent one), changing the matter's attributes with a reason,
/// then completing the step. Both writes are the service the API calls (<see cref="InitiationService"/>).
/// </summary>
public sealed class TaskModel(TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    InitiationService initiation) : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public string? ProposalSource { get; set; }
    [BindProperty] public string? ProposalDetail { get; set; }
    [BindProperty] public bool InCatalogue { get; set; }
    [BindProperty] public int? CatalogueYear { get; set; }
    [BindProperty] public string? CatalogueItem { get; set; }
    [BindProperty] public string? NotDisclosableGround { get; set; }
    [BindProperty] public string? UrgentReason { get; set; }
    [BindProperty] public List<string> Attributes { get; set; } = [];
    [BindProperty] public string? AttributeReason { get; set; }

    public InitiationView? Latest { get; private set; }

    public static IReadOnlyDictionary<string, (string Zh, string En)> ProposalSources { get; } = new Dictionary<string, (string, string)>
    {
        ["leadership"] = ("决策机关领导人提出", "Proposed by the organ's leaders"),
        ["department"] = ("政府工作部门提出", "Proposed by a government department"),
        ["lower-government"] = ("下一级人民政府提出", "Proposed by a lower-level government"),
        ["deputies"] = ("人大代表、政协委员提出", "Proposed by people's congress deputies or CPPCC members"),
        ["public"] = ("公民、法人或者其他组织提出", "Proposed by citizens, legal persons or other organizations"),
    };

    public bool Attribute(string name) => Dossier.State!.Attributes.GetValueOrDefault(name);

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var latest = await InitiationModule.Latest(Db, MatterId, ct);
        Latest = latest is null ? null : InitiationView.From(latest);
    }

    private Guid MatterId => Context.MatterId;

    public async Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken ct)
    {
        var request = new InitiationRequest(ProposalSource, Clean(ProposalDetail), InCatalogue, CatalogueYear, Clean(CatalogueItem),
            Clean(NotDisclosableGround), Clean(UrgentReason));
        return await ActAsync(id, request, () => initiation.RecordAsync(MatterId, request, "web-initiation:" + FormKey, ct),
            T["已登记决策启动情况。"], field => field switch
            {
                "proposalSource" => nameof(ProposalSource),
                "catalogue" => nameof(CatalogueItem),
                "notDisclosableGround" => nameof(NotDisclosableGround),
                "urgentReason" => nameof(UrgentReason),
                "text" => nameof(ProposalDetail),
                _ => null,
            }, ct);
    }

    public async Task<IActionResult> OnPostAttributesAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // The form sends the ticked boxes; the change is every declared attribute whose value differs.
        var changes = Dossier.Definition.Attributes
            .Where(a => Attributes.Contains(a.Name) != Attribute(a.Name))
            .ToDictionary(a => a.Name, a => Attributes.Contains(a.Name));
        var request = new ChangeAttributesRequest(changes, Clean(AttributeReason));
        return await ActAsync(id, request, () => initiation.ChangeAttributesAsync(MatterId, request, "web-attributes:" + FormKey, ct),
            T["事项属性已变更。"], field => field is "invalid-attribute-change" or "Reason" ? nameof(AttributeReason) : null, ct);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
