using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// A deadline the engine could not compute (no holiday calendar for its year) is a compliance defect, not a
/// timer in year 9999: it appears in the matter's report as Unmet until an administrator installs the calendar.
/// </summary>
public sealed class DeadlineIncidentCheck(WorkflowDbContext db) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        var incidents = await db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.MatterId == context.Matter.Id && t.Status == TimerRowStatus.Incident).ToListAsync(cancellationToken);
        return incidents.Select(t => new ComplianceItem(
            "deadline-not-computable",
            $"期限无法计算（{t.StepId}）",
            $"Deadline could not be computed ({t.StepId})",
            null,
            ComplianceStatus.Unmet,
            t.Note,
            t.StepId)).ToList();
    }
}
