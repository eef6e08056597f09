using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The archiving step (第三十三条): the dossier's completeness check (<see cref="ArchiveChecklist"/>, as
/// <c>GET /api/matters/{id}/archive/checklist</c>) with what is missing, archiving through
/// <see cref="AfterDecisionService.ArchiveAsync"/> (refused with the missing list while anything is missing), then the task.
/// </summary>
public sealed class ArchivingModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ModuleWriter records, ComplianceReportService compliance, AfterDecisionService service, TimeProvider clock)
    : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public DateOnly? ArchivedOn { get; set; }
    [BindProperty] public string? DossierNumber { get; set; }

    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];
    public ArchiveRecord? Archived { get; private set; }

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var loaded = await records.LoadAsync(Dossier.Matter.Id, ct);
        Checklist = loaded is null ? [] : await ArchiveChecklist.BuildAsync(records, compliance, loaded, clock.GetUtcNow(), ct);
        Archived = await Db.Set<ArchiveRecord>().AsNoTracking().Where(a => a.TaskId == Task.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (ArchivedOn is null)
        {
            ModelState.AddModelError(nameof(ArchivedOn), T["请填写归档日期。"]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var request = new ArchiveRequest(ArchivedOn.Value, string.IsNullOrWhiteSpace(DossierNumber) ? null : DossierNumber.Trim());
        return await ActAsync(id, request,
            () => service.ArchiveAsync(Dossier.Matter.Id, request, "web-archive:" + FormKey, HttpContext.RequestAborted),
            T["已归档。"], field => field switch
            {
                "date-in-future" or "date-too-early" => nameof(ArchivedOn),
                nameof(ArchiveRequest.DossierNumber) => nameof(DossierNumber),
                _ => null,
            }, ct);
    }
}
