using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Accepts one public comment. The consultation row is the only thing locked (to hand out the receipt number); the
/// instance is not touched, so comments never queue behind the procedure or each other for longer than one insert.
/// Every path that writes a comment passes through the open check, made on the server's clock after the lock is
/// held: a comment is accepted only if OpensAt ≤ now &lt; ClosesAt and the consultation has not been sealed (art. 15).
/// </summary>
public sealed partial class CommentIntake(WorkflowDbContext db, TimeProvider clock, ILogger<CommentIntake> logger)
{
    private const int MaxAttempts = 3;

    public async Task<IResult> SubmitAsync(Guid consultationId, string? clientKey, string type, string? name, string? contact, string text, CancellationToken ct)
    {
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
                return ApiProblem.NotFound("没有这个公开征求意见。No such consultation.");
            }
            var number = await db.Matters.AsNoTracking().Where(m => m.Id == consultation.MatterId).Select(m => m.Number).SingleAsync(ct);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Database.AutoSavepointsEnabled = false;
            var taken = await db.Set<Consultation>().Where(c => c.Id == consultationId && c.SealedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentSequence, c => c.CommentSequence + 1), ct);
            // The clock is read while this consultation is locked: a close (which seals after the end) waits for us,
            // and we see its seal if it came first.
            var now = ConsultationEndpoints.Truncate(clock.GetUtcNow());
            var current = taken == 0 ? null : await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == consultationId, ct);
            // A provisional period (its end waits for next year's holiday calendar) is open past its earliest end.
            if (current is null || now < current.OpensAt || (now >= current.ClosesAt && current.ProvisionalYear is null))
            {
                await transaction.RollbackAsync(ct);
                return NotOpen(current ?? consultation, now);
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
            db.Set<ConsultationComment>().Add(comment);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return Results.Created($"/api/public/consultations/{consultationId}/comments/{comment.ReceiptNumber}",
                    new CommentReceipt(consultationId, comment.ReceiptNumber, comment.ReceivedAt));
            }
            catch (Exception e) when (attempt < MaxAttempts && DatabaseFailure.IsConflict(e))
            {
                // A concurrent request with the same Idempotency-Key inserted first: the replay above answers it.
                // Anything else is no race and propagates (ApiExceptionHandler). Disposing the transaction rolls it back.
                LogRetry(logger, consultationId, attempt, DatabaseFailure.Describe(e));
            }
        }
    }

    private async Task<IResult?> ReplayAsync(Guid consultationId, string key, string requestHash, CancellationToken ct)
    {
        var seen = await db.Set<ConsultationComment>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.ConsultationId == consultationId && c.IdempotencyKey == key, ct);
        if (seen is null)
        {
            return null;
        }
        if (seen.RequestHash != requestHash)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "idempotency-key-reused",
                "该幂等键已用于另一条不同的意见。This idempotency key was already used for a different comment.");
        }
        return new ReplayedReceipt(new CommentReceipt(consultationId, seen.ReceiptNumber, seen.ReceivedAt),
            $"/api/public/consultations/{consultationId}/comments/{seen.ReceiptNumber}");
    }

    private static IResult NotOpen(Consultation consultation, DateTimeOffset now) =>
        now < consultation.OpensAt
            ? ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "consultation-not-open",
                $"征求意见尚未开始（{consultation.OpensAt:O}开始）。The consultation opens at {consultation.OpensAt:O}.", "第十五条")
            : ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "consultation-closed",
                $"征求意见期限已于{consultation.ClosesAt:O}届满，不再接收意见。The consultation closed at {consultation.ClosesAt:O}; no comment is accepted after it.", "第十五条");

    /// <summary>The first answer again (201 and the same receipt), marked as a replay.</summary>
    /// <remarks>Also a value result (201 and the receipt), so a page calling the handler reads the receipt back.</remarks>
    private sealed class ReplayedReceipt(CommentReceipt receipt, string location) : IResult, IValueHttpResult, IStatusCodeHttpResult
    {
        public object? Value => receipt;

        public int? StatusCode => StatusCodes.Status201Created;


        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Created(location, receipt).ExecuteAsync(httpContext);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consultation {ConsultationId}: comment key conflict, answering from the stored comment (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid consultationId, int attempt, string reason);
}
