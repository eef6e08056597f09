using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>
/// A legal counsel or staff lawyer of the review office writes and signs the opinion (第二十八条) through
/// <see cref="LegalityService.CounselAsync"/> (the service the API calls), then completes the task (the shared completion form).
/// </summary>
public sealed class CounselModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, LegalityPageServices services)
    : LegalityPageModel(reader, db, commands, t, services)
{
    [BindProperty] public string? Kind { get; set; } = "legal-counsel";
    [BindProperty] public string? Text { get; set; }

    /// <summary>The opinions signed in this task.</summary>
    public IEnumerable<CounselOpinionView> Opinions => Legality.CounselOpinions.Where(o => o.CounselTaskId == Task.Id);

    public Task<IActionResult> OnPostOpinionAsync(Guid id, CancellationToken ct)
    {
        var request = new CounselOpinionRequest(Kind, Text);
        return ActAsync(id, request,
            () => Services.Legality.CounselAsync(Dossier.Matter.Id, request, "web-counsel-opinion:" + FormKey, ct),
            T["法律意见已签署。"], code => code is "invalid-counsel-opinion" ? nameof(Text) : null, ct);
    }
}
