using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// A consultation closes by itself at the end of its period (第十五条; issue 4). Publishing schedules a domain timer
/// named by (consultation, end), an extension schedules one for the new end and cancels the old one; a timer whose
/// end is no longer the consultation's end (or which finds it already closed) does nothing. Firing journals
/// <c>ConsultationClosed</c> as the system, exactly once (the timer's idempotency key), with the same count and hash
/// as the manual close.
/// </summary>
public sealed class ConsultationCloseTimer(WorkflowDbContext db, TimeProvider clock, ConsultationMail mail) : IDomainTimerHandler
{
    public const string TimerKind = "consultation-close";

    public string Kind => TimerKind;

    /// <summary>The timer's name: an extension gives a new timer rather than moving a row that may be firing.</summary>
    public static string Name(Guid consultationId, DateTimeOffset closesAt) => $"{consultationId:N}:{closesAt.ToUnixTimeMilliseconds()}";

    /// <summary>Schedules the close at <paramref name="closesAt"/> in the caller's transaction.</summary>
    public static Task<Guid> ScheduleAsync(DomainTimers timers, Consultation consultation, Guid instanceId, DateTimeOffset closesAt, CancellationToken ct) =>
        timers.AddAsync(TimerKind, Name(consultation.Id, closesAt), closesAt, instanceId, consultation.MatterId,
            ApiJson.Serialize(new { consultationId = consultation.Id, closesAt }), ct);

    /// <summary>Cancels the timer of the previous end (an extension), in the caller's transaction.</summary>
    public static async Task CancelAsync(WorkflowDbContext db, Guid consultationId, DateTimeOffset previousClosesAt, CancellationToken ct)
    {
        var id = TimerIds.For(TimerKind, Name(consultationId, previousClosesAt));
        var row = await db.Set<ScheduledTimer>().SingleOrDefaultAsync(t => t.Id == id && t.Status == TimerRowStatus.Pending, ct);
        if (row is not null)
        {
            row.Status = TimerRowStatus.Cancelled;
            row.SetNote(ParticipationTexts.Catalog.Line("note.consultation-extended"));
        }
    }

    public async Task<DomainTimerAction> PrepareAsync(ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var consultationId = JsonDocument.Parse(timer.PayloadJson ?? "{}").RootElement.GetProperty("consultationId").GetGuid();
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        // Closed by hand already, or extended (the new end has its own timer): nothing to do; the row is only marked fired.
        // A provisional end never closes (issue 16 item 6): ProvisionalPeriods schedules the final end's timer.
        if (consultation is null || consultation.ClosedAt is not null || consultation.ProvisionalYear is not null || TimerIds.For(TimerKind, Name(consultation.Id, consultation.ClosesAt)) != timer.Id)
        {
            return new DomainTimerAction(null);
        }
        var closing = await ConsultationClosing.PrepareAsync(db, consultation, Consultations.Instant(clock.GetUtcNow()), bySystem: true, cancellationToken);
        var command = new WorkflowCommand.Record(ConsultationClosing.JournalType, ParticipationTerms.Step, closing.Comment, ApiJson.Serialize(closing.Data));
        return new DomainTimerAction(command, async (decision, ct) => await closing.ApplyAsync(db, mail, decision?.State?.Jurisdiction?.TimeZone, ct));
    }
}
