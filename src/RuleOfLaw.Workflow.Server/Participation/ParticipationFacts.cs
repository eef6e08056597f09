using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>The rows as the module's rules (<c>RuleOfLaw.Workflow.Participation</c>) read them.</summary>
public static class ParticipationFacts
{
    public static ConsultationFacts Facts(this Consultation c) => new(c.Title, c.OpensAt, c.ClosesAt, c.SealedAt, c.ClosedAt, c.FeedbackPublishedAt, c.ProvisionalYear);

    public static HearingFacts Facts(this Hearing h) =>
        new(h.ScheduledAt, h.MaterialsDueOn, HearingRows.Participants(h), HearingRows.Confirmations(h), h.MaterialsDeliveredAt, h.HeldAt, h.CancelledAt, h.CancelReason);

    public static CommentFacts Facts(this ConsultationComment c) => new(c.ReceiptNumber, c.Hidden, c.HiddenAt, c.HiddenReason);
}
