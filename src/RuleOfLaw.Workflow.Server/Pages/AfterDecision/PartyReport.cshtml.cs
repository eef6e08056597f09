using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The <c>party-committee-report</c> task (第三十一条): record the report to the Party committee through
/// <see cref="AfterDecisionService"/> (as <c>POST /api/matters/{id}/party-committee-report</c>), then complete the task (refused without it,
/// <c>party-report-missing</c>).
/// </summary>
public sealed class PartyReportModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    AfterDecisionService service, ModuleWriter records, TimeProvider clock) : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public DateOnly? ReportedOn { get; set; }
    [BindProperty] public string? Form { get; set; }
    [BindProperty] public string? ReplyNote { get; set; }

    /// <summary>The report recorded for this task, if any.</summary>
    public PartyReportView? Recorded { get; private set; }
    public DateOnly Today { get; private set; }

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var reports = (await service.PartyReportsAsync(Dossier.Matter.Id, ct)).Value ?? [];
        Recorded = reports.LastOrDefault(r => r.TaskId == Task.Id);
        var loaded = await records.LoadAsync(Dossier.Matter.Id, ct);
        Today = loaded is null ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) : records.Calendar(loaded.State).LocalDay(clock.GetUtcNow());
        ReportedOn ??= Today;
    }

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct)
    {
        if (ReportedOn is null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }
            ModelState.AddModelError(nameof(ReportedOn), T["请填写日期。"]);
            return Page();
        }
        var request = new PartyReportRequest(ReportedOn.Value, Form?.Trim() ?? "", string.IsNullOrWhiteSpace(ReplyNote) ? null : ReplyNote);
        return await ActAsync(id, request,
            () => service.ReportToPartyAsync(Dossier.Matter.Id, request, "web-party-report:" + FormKey, ct),
            T["已记录向党委请示报告的情况。"], code => code switch
            {
                nameof(PartyReportRequest.ReportedOn) or "date-in-future" or "date-too-early" => nameof(ReportedOn),
                nameof(PartyReportRequest.Form) or "form-required" => nameof(Form),
                nameof(PartyReportRequest.ReplyNote) => nameof(ReplyNote),
                _ => null,
            }, ct);
    }
}
