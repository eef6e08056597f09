using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>The rows as the module's rules (<c>RuleOfLaw.Workflow.Participation</c>) read them, with the jurisdiction's time zone for their texts.</summary>
public static class ParticipationFacts
{
    public static ConsultationFacts Facts(this Consultation c, string timeZone) =>
        new(c.Title, timeZone, c.OpensAt, c.ClosesAt, c.SealedAt, c.ClosedAt, c.FeedbackPublishedAt, c.ProvisionalYear);

    public static HearingFacts Facts(this Hearing h, string timeZone) =>
        new(timeZone, h.ScheduledAt, h.MaterialsDueOn, HearingRows.Participants(h), HearingRows.Confirmations(h), h.MaterialsDeliveredAt, h.HeldAt, h.CancelledAt, h.CancelReason);

    public static CommentFacts Facts(this ConsultationComment c, string timeZone) => new(c.ReceiptNumber, timeZone, c.Hidden, c.HiddenAt, c.HiddenReason);

    /// <summary>The status of a consultation now (<see cref="Consultations.Status(DateTimeOffset, DateTimeOffset, DateTimeOffset?, DateTimeOffset?, int?, DateTimeOffset)"/>).</summary>
    public static string Status(this Consultation c, DateTimeOffset now) => Consultations.Status(c.OpensAt, c.ClosesAt, c.SealedAt, c.ClosedAt, c.ProvisionalYear, now);

    /// <summary>The time zone of the procedure's jurisdiction (the server's when it names none): the texts say times in it.</summary>
    public static string TimeZoneOf(this WorkflowEngine engine, InstanceState state) => engine.DeadlinesIn(state.Jurisdiction?.TimeZone).TimeZone.Id;
}
