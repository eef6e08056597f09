using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// A post-decision evaluation due months or years after the decision (《重大行政决策程序暂行条例》第三十六条): when
/// its timer fires, the evaluators of the decision organ's evaluation body are mailed. The instance has usually
/// ended by then, so nothing is journaled; the mail and the fired timer row are written in one transaction.
/// Scheduled with <c>DomainTimers.AddAsync(EvaluationDueHandler.TimerKind, matterId, dueAt, …)</c>.
/// </summary>
public sealed class EvaluationDueHandler(WorkflowDbContext db, OutboxWriter outbox, IOptions<WorkflowsOptions> workflows) : IDomainTimerHandler
{
    public const string TimerKind = "evaluation-due";

    public string Kind => TimerKind;

    public async Task<DomainTimerAction> PrepareAsync(ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == timer.MatterId, cancellationToken);
        var bodies = await db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == matter.DecisionOrganId && o.Kind == OrganizationScopes.EvaluationBody).Select(o => o.Id).ToListAsync(cancellationToken);
        var recipients = new List<string>();
        foreach (var body in bodies)
        {
            recipients.AddRange(await outbox.HoldersAsync(Roles.Evaluator, body, cancellationToken));
        }
        var facts = new MailFacts(matter.Id, matter.Number, matter.Title, "决策后评估", timer.DueAt, TimeZoneInfo.FindSystemTimeZoneById(workflows.Value.TimeZone));
        return new DomainTimerAction(null, async (_, ct) => await outbox.EnqueueAsync($"{MailKinds.EvaluationDue}:{timer.Id}", MailKinds.EvaluationDue, recipients, facts, ct));
    }
}
