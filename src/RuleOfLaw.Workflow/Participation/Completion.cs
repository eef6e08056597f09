namespace RuleOfLaw.Workflow.Participation;

/// <summary>A consultation as the completion rule reads it: its facts and how many visible comments still lack a response.</summary>
public sealed record ConsultationProgress(ConsultationFacts Consultation, int Unanswered);

/// <summary>What has been recorded of a matter's participation (a cancelled hearing counts for nothing).</summary>
public sealed record ParticipationRecord(
    IReadOnlyList<ConsultationProgress> Consultations, IReadOnlyList<HearingFacts> Hearings, int Methods, int SpecificGroupConsultations);

/// <summary>
/// When the participation steps may be completed. <c>public-participation</c>: at least one method used (art. 14),
/// no consultation running or its close unrecorded (art. 15), no announced hearing unheld or its record unconfirmed
/// (art. 17), every visible comment answered and the feedback report published (art. 18).
/// <c>specific-group-consultation</c>: the consultation with the affected group recorded (art. 14, second paragraph).
/// </summary>
public static class Completion
{
    public static IReadOnlyList<ParticipationRefusal> Refusals(string stepId, ParticipationRecord record, DateTimeOffset now)
    {
        if (stepId == ParticipationTerms.GroupStep)
        {
            return record.SpecificGroupConsultations > 0
                ? []
                : [ParticipationRefusal.Conflict("specific-group-not-consulted",
                    "决策事项涉及特定群体利益，尚未记录与相关人民团体、社会组织或群众代表的沟通协商。The consultation with the affected group has not been recorded.", Activities.Article)];
        }
        var refusals = new List<ParticipationRefusal>();
        if (record.Consultations.Count == 0 && !record.Hearings.Any(h => h.CancelledAt is null) && record.Methods == 0)
        {
            refusals.Add(ParticipationRefusal.Conflict("participation-method-required",
                "尚未记录任何听取公众意见的方式（座谈会、听证会、实地走访、书面征求意见、向社会公开征求意见、问卷调查、民意调查等）。No participation method has been recorded.", Activities.Article));
        }
        foreach (var (consultation, unanswered) in record.Consultations)
        {
            if (consultation.ClosedAt is null)
            {
                refusals.Add(ParticipationRefusal.Conflict("consultation-not-closed", !consultation.Ended(now)
                    ? $"公开征求意见“{consultation.Title}”期限至{consultation.ClosesAt:O}，尚未届满。The consultation is still open."
                    : $"公开征求意见“{consultation.Title}”期限已届满，请先结束（记录意见数量）。The consultation's period is over; close it first.", Consultations.Article));
                continue;
            }
            if (unanswered > 0)
            {
                refusals.Add(ParticipationRefusal.Conflict("comments-unanswered",
                    $"公开征求意见“{consultation.Title}”尚有{unanswered}条意见未作采纳答复。{unanswered} comments have no response.", Moderation.Article));
            }
            if (consultation.FeedbackPublishedAt is null)
            {
                refusals.Add(ParticipationRefusal.Conflict("feedback-not-published",
                    $"公开征求意见“{consultation.Title}”的意见采纳情况反馈尚未公布。The feedback report has not been published.", Moderation.Article));
            }
        }
        foreach (var hearing in record.Hearings.Where(h => h.CancelledAt is null))
        {
            if (hearing.HeldAt is null)
            {
                refusals.Add(ParticipationRefusal.Conflict("hearing-not-held",
                    $"定于{hearing.ScheduledAt:O}的听证会尚未举行并记录笔录。The announced hearing has not been held and recorded.", "第十七条"));
            }
            else if (hearing.Unconfirmed is { Count: > 0 } unconfirmed)
            {
                refusals.Add(ParticipationRefusal.Conflict("hearing-record-unconfirmed",
                    $"听证会笔录尚未经参加人确认：{string.Join("、", unconfirmed)}。The hearing record is not yet confirmed by every participant.", "第十七条"));
            }
        }
        return refusals;
    }
}

/// <summary>
/// Who may act in the participation steps and when (art. 14): not at all for a matter that may not be disclosed by
/// law; only while the step is being done.
/// </summary>
public static class ParticipationAccess
{
    public static ParticipationRefusal? MayAct(bool notDisclosable, bool stepActive, string stepId) =>
        notDisclosable
            ? ParticipationRefusal.Conflict("participation-not-applicable",
                "该决策事项依法不予公开，不适用向社会公开听取意见。The matter may not be disclosed by law; public participation does not apply.", Activities.Article)
        : !stepActive
            ? ParticipationRefusal.Conflict("step-not-active",
                $"只能在“{(stepId == ParticipationTerms.GroupStep ? "与特定群体沟通协商" : "公众参与")}”步骤办理期间进行。This is only possible while the step {stepId} is being done.", Activities.Article)
        : null;
}
