using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// Filing per recipient (第四十三条 and the jurisdiction's <c>filing</c> list): each recipient's deadline is counted
/// from the issuance date on the recipient's own period. The recipients are those of the jurisdiction snapshot the
/// instance started with, so editing the settings never changes a running matter.
/// </summary>
/// <remarks>
/// The issuance date (印发之日) is the local day the decision was cleared for issuing: the day the Party committee
/// report was completed and the <c>filing</c> task opened (the same instant the engine counts the task's due date
/// from).
/// </remarks>
public static class FilingPlan
{
    public static DateOnly IssuedOn(WorkTask filingTask, DeadlineCalculator calendar) => calendar.LocalDay(filingTask.CreatedAt);

    public static async Task<IReadOnlyList<FilingView>> ViewAsync(ModuleWriter records, MatterProcedure loaded, DateTimeOffset now, CancellationToken ct)
    {
        var task = loaded.LatestTask(AfterDecisionSteps.Filing);
        if (task is null)
        {
            return [];
        }
        var calendar = records.Calendar(loaded.State);
        var issued = IssuedOn(task, calendar);
        var filed = await records.Db.Set<FilingRecord>().AsNoTracking().Where(f => f.TaskId == task.Id).ToListAsync(ct);
        var today = calendar.LocalDay(now);
        return Filing.Recipients(loaded.State).Select(r =>
        {
            var due = Filing.Due(calendar, issued, r);
            var row = filed.FirstOrDefault(f => f.RecipientId == r.Id);
            var status = row is not null ? "filed" : !due.IsProvisional && today > due.LastDay ? "overdue" : "pending";
            return new FilingView(r.Id, r.Name, r.Deadline.Article, issued, due.LastDay, due.Explanation, status,
                row?.SubmittedOn, row?.ReceiptNumber, row?.ReceivedOn, row is null ? null : row.DaysLate == 0, row?.DaysLate);
        }).ToList();
    }
}
