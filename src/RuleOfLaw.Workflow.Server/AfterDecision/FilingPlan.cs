using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
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
    public sealed record Recipient(string Id, string Name, SettingPeriod Deadline);

    public static IReadOnlyList<Recipient> Recipients(InstanceState state)
    {
        if (state.Jurisdiction is { Filing.Count: > 0 } jurisdiction)
        {
            return jurisdiction.Filing.Select(f => new Recipient(f.Id, f.Recipient, f.Deadline)).ToList();
        }
        // Started before per-recipient filing: the one deadline it has (the first recipient's).
        var period = state.Jurisdiction?.Periods.GetValueOrDefault(JurisdictionSettings.FilingDeadline)
            ?? new SettingPeriod { Days = 15, Counting = DayCounting.Calendar, Article = "第四十三条" };
        return [new Recipient("higher-government", "上一级人民政府", period)];
    }

    public static DateOnly IssuedOn(WorkTask filingTask, DeadlineCalculator calendar) => calendar.LocalDay(filingTask.CreatedAt);

    /// <summary>
    /// The recipient's deadline. When it ends in a year without a holiday calendar it is provisional (its earliest
    /// possible day, <see cref="Deadline.IsProvisional"/>): a filing on or before that day is certainly on time and is
    /// accepted; a later one waits for the calendar (issue 16 item 6). The problem is set only then.
    /// </summary>
    public static (Deadline? Deadline, string? Problem) Due(DeadlineCalculator calendar, DateOnly issuedOn, Recipient recipient)
    {
        var due = calendar.AfterDaysAtLeast(issuedOn, recipient.Deadline.Days, recipient.Deadline.Counting);
        return (due, due.ProvisionalYear is { } year
            ? $"{recipient.Name}的备案期限至少至{due.LastDay:yyyy-MM-dd}，{year}年节假日日历加载后确定；此日之后的备案是否逾期须待日历加载后才能判断。" +
              $"The filing deadline is at least {due.LastDay:yyyy-MM-dd}; whether a later filing is on time is known once the {year} calendar is loaded."
            : null);
    }

    /// <summary>Whether a filing submitted on <paramref name="submittedOn"/> can be judged now: always with a final deadline, and on or before a provisional one's earliest day.</summary>
    public static bool CanJudge(Deadline due, DateOnly submittedOn) => !due.IsProvisional || submittedOn <= due.LastDay;

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
        return Recipients(loaded.State).Select(r =>
        {
            var (due, problem) = Due(calendar, issued, r);
            var row = filed.FirstOrDefault(f => f.RecipientId == r.Id);
            var status = row is not null ? "filed" : due is not null && !due.IsProvisional && today > due.LastDay ? "overdue" : "pending";
            return new FilingView(r.Id, r.Name, r.Deadline.Article, issued, due?.LastDay, due?.Explanation ?? problem, status,
                row?.SubmittedOn, row?.ReceiptNumber, row?.ReceivedOn, row is null ? null : row.DaysLate == 0, row?.DaysLate);
        }).ToList();
    }
}
