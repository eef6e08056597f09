using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.RiskAssessment;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Assessments;

/// <summary>
/// The risk assessor's step page (第二十二条至第二十四条): a report (risk points, measures, contingency plan, conclusion)
/// or a reference to a valid existing assessment, through <see cref="RiskAssessmentService.ReportAsync"/> (the service the API calls); then the task's
/// completion (the shared form; the module's guard checks that the outcome is the report's conclusion).
/// </summary>
public sealed class RiskModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, RiskAssessmentService risk)
    : TaskPageModel(reader, db, commands, t)
{
    /// <summary>The key of errors about a report as a whole (the API answers one validation problem for it).</summary>
    public const string ReportField = "Report";

    [BindProperty] public string? RiskPoints { get; set; }
    [BindProperty] public string? Measures { get; set; }
    [BindProperty] public string? ContingencyPlan { get; set; }
    [BindProperty] public string? Conclusion { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? ReferenceValidUntil { get; set; }

    /// <summary>The matter's reports, oldest first (every round of assessment).</summary>
    public IReadOnlyList<RiskReportView> Reports { get; private set; } = [];

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var rows = await Db.Set<RiskAssessmentReport>().AsNoTracking().Where(r => r.InstanceId == Dossier.State!.Id).ToListAsync(ct);
        Reports = [.. rows.OrderBy(r => r.RecordedAt).Select(RiskReportView.From)];
    }

    public Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct)
    {
        var points = (RiskPoints ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var request = new RiskReportRequest(points, Measures, ContingencyPlan, Conclusion,
            string.IsNullOrWhiteSpace(Reference) ? null : Reference, string.IsNullOrWhiteSpace(ReferenceValidUntil) ? null : ReferenceValidUntil);
        return ActAsync(id, request, () => risk.ReportAsync(Dossier.Matter.Id, request, "web-risk-report:" + FormKey, ct),
            T["风险评估报告已记录。"], code => code is "invalid-risk-report" ? ReportField : null, ct);
    }
}
