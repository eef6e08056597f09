using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// A deadline the engine could not compute (no holiday calendar for its year) is a compliance defect, not a
/// timer in year 9999: it appears in the matter's report as Unmet. One that waits for a year's holiday calendar (the
/// engine's provisional end) appears as Pending, "at least until …", until the year is loaded.
/// </summary>
public sealed class DeadlineIncidentCheck(WorkflowDbContext db) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.MatterId == context.Matter.Id && (t.Status == TimerRowStatus.Incident || t.Status == TimerRowStatus.Provisional)).ToListAsync(cancellationToken);
        // A provisional deadline is not a defect: the work goes on and the year's calendar makes it final (issue 16 item 6).
        var provisional = rows.Where(t => t.Status == TimerRowStatus.Provisional).Select(t => new ComplianceItem(
            "deadline-provisional",
            $"期限暂定，待{ProvisionalPayload.Read(t.PayloadJson)?.CalendarYear}年节假日日历（{t.StepId}）",
            $"Deadline provisional until the {ProvisionalPayload.Read(t.PayloadJson)?.CalendarYear} holiday calendar is loaded ({t.StepId})",
            null,
            ComplianceStatus.Pending,
            t.NoteIn(CultureInfo.CurrentUICulture),
            t.StepId));
        return rows.Where(t => t.Status == TimerRowStatus.Incident).Select(t => new ComplianceItem(
            "deadline-not-computable",
            $"期限无法计算（{t.StepId}）",
            $"Deadline could not be computed ({t.StepId})",
            null,
            ComplianceStatus.Unmet,
            t.NoteIn(CultureInfo.CurrentUICulture),
            t.StepId)).Concat(provisional).ToList();
    }
}
