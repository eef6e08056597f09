using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Public participation cannot be completed before at least one method was used (art. 14), while a consultation is
/// running or its close is not recorded (art. 15), while an announced hearing is not held or its record not confirmed (art. 17), while a visible comment or group has no response, or before the
/// feedback report is published (art. 18). The consultation with an affected group needs a recorded consultation (art. 14).
/// </summary>
public sealed class ParticipationGuard(WorkflowDbContext db) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } = [ParticipationWriter.Step, ParticipationWriter.GroupStep];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        var activities = await db.Set<ParticipationActivity>().AsNoTracking().Where(a => a.MatterId == context.MatterId).ToListAsync(cancellationToken);
        if (context.Task.StepId == ParticipationWriter.GroupStep)
        {
            return activities.Any(a => a.SpecificGroup)
                ? []
                : [new Refusal("specific-group-not-consulted",
                    "决策事项涉及特定群体利益，尚未记录与相关人民团体、社会组织或群众代表的沟通协商。The consultation with the affected group has not been recorded.", "第十四条")];
        }

        var refusals = new List<Refusal>();
        var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == context.MatterId).ToListAsync(cancellationToken);
        var hearings = await db.Set<Hearing>().AsNoTracking().Where(h => h.MatterId == context.MatterId && h.CancelledAt == null).ToListAsync(cancellationToken);
        if (consultations.Count == 0 && hearings.Count == 0 && !activities.Any(a => !a.SpecificGroup))
        {
            refusals.Add(new Refusal("participation-method-required",
                "尚未记录任何听取公众意见的方式（座谈会、听证会、实地走访、书面征求意见、向社会公开征求意见、问卷调查、民意调查等）。No participation method has been recorded.", "第十四条"));
        }
        foreach (var consultation in consultations)
        {
            if (consultation.ClosedAt is null)
            {
                refusals.Add(new Refusal("consultation-not-closed", context.Now < consultation.ClosesAt || consultation.ProvisionalYear is not null
                    ? $"公开征求意见“{consultation.Title}”期限至{consultation.ClosesAt:O}，尚未届满。The consultation is still open."
                    : $"公开征求意见“{consultation.Title}”期限已届满，请先结束（记录意见数量）。The consultation's period is over; close it first.", "第十五条"));
                continue;
            }
            var digest = await ConsultationDigest.LoadAsync(db, consultation, cancellationToken);
            if (digest.Unanswered.Count > 0)
            {
                refusals.Add(new Refusal("comments-unanswered",
                    $"公开征求意见“{consultation.Title}”尚有{digest.Unanswered.Count}条意见未作采纳答复。{digest.Unanswered.Count} comments have no response.", "第十八条"));
            }
            if (consultation.FeedbackPublishedAt is null)
            {
                refusals.Add(new Refusal("feedback-not-published",
                    $"公开征求意见“{consultation.Title}”的意见采纳情况反馈尚未公布。The feedback report has not been published.", "第十八条"));
            }
        }
        foreach (var hearing in hearings)
        {
            if (hearing.HeldAt is null)
            {
                refusals.Add(new Refusal("hearing-not-held",
                    $"定于{hearing.ScheduledAt:O}的听证会尚未举行并记录笔录。The announced hearing has not been held and recorded.", "第十七条"));
            }
            else if (HearingView.From(hearing).Unconfirmed is { Count: > 0 } unconfirmed)
            {
                refusals.Add(new Refusal("hearing-record-unconfirmed",
                    $"听证会笔录尚未经参加人确认：{string.Join("、", unconfirmed)}。The hearing record is not yet confirmed by every participant.", "第十七条"));
            }
        }
        return refusals;
    }
}
