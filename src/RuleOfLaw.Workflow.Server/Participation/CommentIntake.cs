using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Accepts one public comment. The consultation row is the only thing locked (to hand out the receipt number); the
/// instance is not touched, so comments never queue behind the procedure or each other for longer than one insert.
/// Every path that writes a comment passes through the open check, made on the server's clock after the lock is
/// held: a comment is accepted only if OpensAt ≤ now &lt; ClosesAt and the consultation has not been sealed (art. 15,
/// <see cref="Consultations.AcceptComment"/>). The API's comment endpoint and the portal's form both call
/// <see cref="SubmitAsync"/>, which also runs the content checks (<see cref="Comments.Check"/>).
/// </summary>
public sealed partial class CommentIntake(WorkflowDbContext db, WorkflowEngine engine, TimeProvider clock, ContactCipher cipher, ILogger<CommentIntake> logger)
{
    private const int MaxAttempts = 3;

    public async Task<ParticipationOutcome<CommentReceipt>> SubmitAsync(Guid consultationId, CommentContent content, string? clientKey, CancellationToken ct)
    {
        if (Comments.Check(content) is { } invalid)
        {
            return ParticipationProblem.From(invalid);
        }
        var (type, name, contact) = Comments.SubmitterOf(content);
        var text = content.Text!;
        var key = string.IsNullOrWhiteSpace(clientKey) ? null : clientKey;
        var requestHash = CommentGrouping.Sha256(ApiJson.Serialize(new { type, name, contact, text }));
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            // A retry of a comment that was accepted gets its receipt again, even after the consultation closed:
            // it is the same comment, received in time, and no second one is written.
            if (key is not null && await ReplayAsync(consultationId, key, requestHash, ct) is { } replay)
            {
                return replay;
            }
            var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, ct);
            if (consultation is null)
            {
                return ParticipationProblem.NotFound("not-found.consultation");
            }
            var number = await db.Matters.AsNoTracking().Where(m => m.Id == consultation.MatterId).Select(m => m.Number).SingleAsync(ct);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Database.AutoSavepointsEnabled = false;
            var taken = await db.Set<Consultation>().Where(c => c.Id == consultationId && c.SealedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentSequence, c => c.CommentSequence + 1), ct);
            // The clock is read while this consultation is locked: a close (which seals after the end) waits for us,
            // and we see its seal if it came first.
            var now = Consultations.Instant(clock.GetUtcNow());
            var current = taken == 0 ? null : await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == consultationId, ct);
            if (current is null || current.Status(now) != "open")
            {
                await transaction.RollbackAsync(ct);
                // Only a refusal needs the jurisdiction's time zone (its text names the period's end in local time).
                // Not taken (no current row): a close sealed it first.
                var zone = await ZoneAsync(consultation.MatterId, ct);
                var facts = current?.Facts(zone) ?? consultation.Facts(zone) with { SealedAt = consultation.SealedAt ?? now };
                return Consultations.AcceptComment(facts, now)!;
            }
            var sequence = current.CommentSequence;
            var comment = new ConsultationComment
            {
                Id = Guid.NewGuid(),
                ConsultationId = consultationId,
                Sequence = sequence,
                ReceiptNumber = $"{number}-C{sequence:D6}",
                ReceivedAt = now,
                SubmitterType = type,
                SubmitterName = name,
                Contact = contact,
                Text = text,
                GroupKey = CommentGrouping.GroupKey(text),
                IdempotencyKey = key,
                RequestHash = requestHash,
            };
            cipher.Seal(comment);
            db.Set<ConsultationComment>().Add(comment);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new CommentReceipt(consultationId, comment.ReceiptNumber, comment.ReceivedAt);
            }
            catch (Exception e) when (attempt < MaxAttempts && DatabaseFailure.IsConflict(e))
            {
                // A concurrent request with the same Idempotency-Key inserted first: the replay above answers it.
                // Anything else is no race and propagates (ApiExceptionHandler). Disposing the transaction rolls it back.
                LogRetry(logger, consultationId, attempt, DatabaseFailure.Describe(e));
            }
        }
    }

    private async Task<ParticipationOutcome<CommentReceipt>?> ReplayAsync(Guid consultationId, string key, string requestHash, CancellationToken ct)
    {
        var seen = await db.Set<ConsultationComment>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.ConsultationId == consultationId && c.IdempotencyKey == key, ct);
        if (seen is null)
        {
            return null;
        }
        if (seen.RequestHash != requestHash)
        {
            return ParticipationTexts.Catalog.Conflict("idempotency-key-reused");
        }
        // The first answer again (201 and the same receipt), marked as a replay.
        return new ParticipationOutcome<CommentReceipt>(new CommentReceipt(consultationId, seen.ReceiptNumber, seen.ReceivedAt), null, Replayed: true);
    }

    private async Task<string> ZoneAsync(Guid matterId, CancellationToken ct)
    {
        var state = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => i.StateJson).SingleOrDefaultAsync(ct);
        return engine.DeadlinesIn(state is null ? null : InstanceStateJson.Deserialize(state).Jurisdiction?.TimeZone).TimeZone.Id;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consultation {ConsultationId}: comment key conflict, answering from the stored comment (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid consultationId, int attempt, string reason);
}
