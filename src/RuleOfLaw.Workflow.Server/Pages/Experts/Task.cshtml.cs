using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Experts;

/// <summary>
/// The step page of <c>expert-argumentation</c> for the panel's expert: the written opinion, signed with the
/// expert's own account through <see cref="ExpertService.OpinionAsync"/> (the service the API calls) (with the declaration of no direct interest,
/// art. 20), the panel and its opinions, and the completion form.
/// </summary>
public sealed class TaskModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ExpertService experts, ExpertPanelReader panels)
    : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public string? OpinionText { get; set; }
    [BindProperty] public bool DeclaresNoDirectInterest { get; set; }

    public List<PanelRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> RuleProblems { get; private set; } = [];

    /// <summary>This user's own row on the panel, if they are a panel expert.</summary>
    public PanelRow? Mine => Rows.FirstOrDefault(r => r.Entry.Expert.UserId == Dossier.Actor.Id);

    protected override async Task LoadStepAsync(CancellationToken ct) => (Rows, RuleProblems) = await panels.ReadAsync(Dossier.Matter.Id, ct);

    public Task<IActionResult> OnPostOpinionAsync(Guid id, CancellationToken ct)
    {
        var request = new ExpertOpinionRequest(OpinionText, DeclaresNoDirectInterest);
        return ActAsync(id, request, () => experts.OpinionAsync(Dossier.Matter.Id, request, "web-expert-opinion:" + FormKey, ct),
            T["已提交署名的书面论证意见。"], code => code switch
            {
                "invalid-opinion" => nameof(OpinionText),
                "expert-direct-interest" => nameof(DeclaresNoDirectInterest),
                _ => null,
            }, ct);
    }
}
