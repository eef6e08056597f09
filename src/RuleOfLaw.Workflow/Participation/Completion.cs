using RuleOfLaw.Workflow.Engine.Execution;

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
    private static ParticipationTexts T => ParticipationTexts.Catalog;

    public static IReadOnlyList<Refusal> Refusals(string stepId, ParticipationRecord record, DateTimeOffset now)
    {
        if (stepId == ParticipationTerms.GroupStep)
        {
            return record.SpecificGroupConsultations > 0 ? [] : [T.Conflict("specific-group-not-consulted", Activities.Article)];
        }
        var refusals = new List<Refusal>();
        var hearings = record.Hearings.Where(h => h.CancelledAt is null).ToList();
        if (record.Consultations.Count == 0 && hearings.Count == 0 && record.Methods == 0)
        {
            refusals.Add(T.Conflict("participation-method-required", Activities.Article));
        }
        foreach (var (c, unanswered) in record.Consultations)
        {
            if (c.ClosedAt is null)
            {
                refusals.Add(!c.Ended(now)
                    ? T.Conflict("consultation-not-closed.running", Consultations.Article, ("title", c.Title), ("closesAt", ParticipationTexts.When(c.ClosesAt, c.TimeZone)))
                    : T.Conflict("consultation-not-closed.ended", Consultations.Article, ("title", c.Title)));
                continue;
            }
            if (unanswered > 0)
            {
                refusals.Add(T.Conflict("comments-unanswered", Moderation.Article, ("title", c.Title), ("count", unanswered)));
            }
            if (c.FeedbackPublishedAt is null)
            {
                refusals.Add(T.Conflict("feedback-not-published", Moderation.Article, ("title", c.Title)));
            }
        }
        foreach (var h in hearings)
        {
            if (h.HeldAt is null)
            {
                refusals.Add(T.Conflict("hearing-not-held", "第十七条", ("scheduledAt", ParticipationTexts.When(h.ScheduledAt, h.TimeZone))));
            }
            else if (h.Unconfirmed is { Count: > 0 } unconfirmed)
            {
                refusals.Add(T.Conflict("hearing-record-unconfirmed", "第十七条", ("participants", unconfirmed)));
            }
        }
        return refusals;
    }
}

/// <summary>
/// Who may act in the participation steps and when (art. 14): the drafting unit's officers or head organize it; not at
/// all for a matter that may not be disclosed by law; only while the step is being done.
/// </summary>
public static class ParticipationAccess
{
    private static ParticipationTexts T => ParticipationTexts.Catalog;

    /// <summary>Public participation is organized by the drafting unit (its officers or head), 第十四条.</summary>
    public static Refusal? Organizer(bool draftingUnit) => draftingUnit ? null : T.Forbidden("forbidden.participation", Activities.Article);

    public static Refusal? MayAct(bool notDisclosable, bool stepActive, string stepId) =>
        notDisclosable ? T.Conflict("participation-not-applicable", Activities.Article)
        : !stepActive ? T.Conflict(stepId == ParticipationTerms.GroupStep ? "step-not-active.group" : "step-not-active.participation", Activities.Article)
        : null;
}
