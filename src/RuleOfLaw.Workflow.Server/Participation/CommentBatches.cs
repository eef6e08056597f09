using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Group commit of public comments (issue 21, docs/load.md). Concurrent comments to one consultation are written by one
/// transaction per batch instead of one each: the first request finds no batch running and starts one; requests that
/// arrive while it commits wait in the consultation's queue and go together in the next. A batch locks the
/// consultation's row once (the receipt counter, bumped by the batch's size), reads the clock under that lock, inserts
/// every comment and commits once, so the lock and the commit's flush are paid per batch, not per comment. The receipt
/// numbers stay gap-free (taken and written in one transaction, undone together), every receipt is handed out only after
/// its commit, and the open check (art. 15) is still made on the server's clock after the lock is held: a close that
/// seals the row first is seen, one that comes later waits for the batch.
/// </summary>
/// <remarks>
/// Only the database's row lock serializes batches: two server processes (or two batches of one process) writing to the
/// same consultation queue behind each other there, as single comments did before. Hashing, validation and encryption of
/// the contact happen before a comment is queued (<see cref="CommentIntake"/>), outside any transaction.
/// </remarks>
public sealed partial class CommentBatches(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CommentBatches> logger)
{
    /// <summary>The most comments one transaction writes; the rest of the queue goes in the next batch.</summary>
    public const int MaxBatch = 256;

    private const int MaxAttempts = 3;

    private readonly ConcurrentDictionary<Guid, Lane> _lanes = new();
    private readonly ConcurrentDictionary<Guid, string> _matterNumbers = new();

    /// <summary>
    /// Queues <paramref name="comment"/> (its <see cref="ConsultationComment.Sequence"/>, receipt and time are set by the
    /// batch) and answers once its batch has committed or refused it.
    /// </summary>
    public Task<BatchAnswer> SubmitAsync(ConsultationComment comment, CancellationToken ct)
    {
        var pending = new Pending(comment);
        while (true)
        {
            var lane = _lanes.GetOrAdd(comment.ConsultationId, id => new Lane(id));
            bool start;
            lock (lane)
            {
                if (lane.Retired)
                {
                    continue; // emptied and removed between GetOrAdd and the lock: take the new lane
                }
                lane.Queue.Add(pending);
                start = !lane.Running;
                lane.Running = true;
            }
            if (start)
            {
                _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
            }
            // A client that goes away stops waiting; its comment is still written (or refused) with its batch.
            return pending.Answer.Task.WaitAsync(ct);
        }
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            List<Pending> batch;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Running = false;
                    lane.Retired = true;
                    _lanes.TryRemove(new KeyValuePair<Guid, Lane>(lane.ConsultationId, lane));
                    return;
                }
                var take = Math.Min(lane.Queue.Count, MaxBatch);
                batch = lane.Queue.GetRange(0, take);
                lane.Queue.RemoveRange(0, take);
            }
            await WriteIsolatingFailuresAsync(lane.ConsultationId, batch);
        }
    }

    /// <summary>A batch that fails for a reason other than a lost race is written again one comment at a time, so one bad row fails only its own request.</summary>
    private async Task WriteIsolatingFailuresAsync(Guid consultationId, List<Pending> batch)
    {
        try
        {
            await WriteAsync(consultationId, batch);
        }
        catch (Exception e) when (batch.Count > 1 && e is not CommitUncertainException)
        {
            LogBatchFailed(logger, consultationId, batch.Count, DatabaseFailure.Describe(e));
            foreach (var one in batch)
            {
                await WriteIsolatingFailuresAsync(consultationId, [one]);
            }
        }
        catch (Exception e)
        {
            foreach (var one in batch)
            {
                one.Answer.TrySetException(e is CommitUncertainException { InnerException: { } inner } ? inner : e);
            }
        }
    }

    private async Task WriteAsync(Guid consultationId, List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                var answers = await TryWriteAsync(db, consultationId, batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Answer.TrySetResult(answers[i]!);
                }
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is not CommitUncertainException && DatabaseFailure.IsConflict(e))
            {
                // A writer that does not take the consultation's lock first (none does today) or a busy SQLite database:
                // the whole batch again, its keys checked afresh. Disposing the transaction rolled it back.
                LogRetry(logger, consultationId, batch.Count, attempt, DatabaseFailure.Describe(e));
            }
        }
    }

    private async Task<BatchAnswer?[]> TryWriteAsync(WorkflowDbContext db, Guid consultationId, List<Pending> batch)
    {
        var ct = CancellationToken.None;
        // Before the lock, so that it is held only for the statements that need it: the keys of this batch already
        // stored. A twin stored after this read (by another process) cannot slip through: the unique index on
        // (ConsultationId, IdempotencyKey) fails the insert, the batch runs again and this read then finds it.
        var number = await MatterNumberAsync(db, consultationId, ct);
        var keys = batch.Select(p => p.Comment.IdempotencyKey).OfType<string>().Distinct().ToList();
        var stored = keys.Count == 0 ? [] : await db.Set<ConsultationComment>().AsNoTracking()
            .Where(c => c.ConsultationId == consultationId && keys.Contains(c.IdempotencyKey!))
            .Select(c => new { Key = c.IdempotencyKey!, c.RequestHash, c.ReceiptNumber, c.ReceivedAt })
            .ToDictionaryAsync(c => c.Key, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        // One statement: the lock, the receipt numbers of the whole batch (given back below for any not written), and
        // the period as it is while locked. A close (which seals after the end) waits for this batch; if it sealed
        // first, nothing is locked or returned.
        var locked = await LockedConsultation.TakeAsync(db, consultationId, batch.Count, ct);
        var now = Consultations.Instant(clock.GetUtcNow());
        var taken = locked is not null;
        // Not taken: sealed (or no such consultation); nobody writes to a sealed one, so a plain read is exact.
        var row = locked?.Facts() ?? await db.Set<Consultation>().AsNoTracking().Where(c => c.Id == consultationId)
            .Select(c => new ConsultationAtIntake(c.MatterId, c.Title, c.OpensAt, c.ClosesAt, c.SealedAt, c.ClosedAt, c.FeedbackPublishedAt,
                c.ProvisionalYear, c.CommentSequence))
            .SingleOrDefaultAsync(ct);
        var answers = new BatchAnswer?[batch.Count];
        if (row is null)
        {
            Array.Fill(answers, BatchAnswer.NotFound);
            return answers;
        }

        // Idempotency keys: a key already stored answers from its comment (also after the close: that comment came in
        // time); twins in this batch answer from the first of them.
        var firstOfKey = new Dictionary<string, int>();
        var writers = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var comment = batch[i].Comment;
            if (comment.IdempotencyKey is { } key && stored.TryGetValue(key, out var seen))
            {
                answers[i] = seen.RequestHash == comment.RequestHash
                    ? BatchAnswer.Replay(new CommentReceipt(consultationId, seen.ReceiptNumber, seen.ReceivedAt))
                    : BatchAnswer.KeyReused;
            }
            else if (comment.IdempotencyKey is { } twin && firstOfKey.TryGetValue(twin, out var first))
            {
                answers[i] = batch[first].Comment.RequestHash == comment.RequestHash ? BatchAnswer.TwinOf(first) : BatchAnswer.KeyReused;
            }
            else
            {
                if (comment.IdempotencyKey is { } own)
                {
                    firstOfKey[own] = i;
                }
                writers.Add(i);
            }
        }

        var open = taken && Consultations.Status(row.OpensAt, row.ClosesAt, row.SealedAt, row.ClosedAt, row.ProvisionalYear, now) == "open";
        if (!open || writers.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            // Not taken: a close sealed it before this batch locked it; the refusal then names the seal as now.
            var refusal = BatchAnswer.Refused(row with { SealedAt = row.SealedAt ?? (taken ? null : now) }, now);
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i] is null or { Twin: not null })
                {
                    answers[i] = refusal;
                }
            }
            return answers!;
        }
        var unused = batch.Count - writers.Count;
        if (unused > 0)
        {
            await db.Set<Consultation>().Where(c => c.Id == consultationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentSequence, c => c.CommentSequence - unused), ct);
        }
        // row.CommentSequence is after the bump by the whole batch: this batch's numbers start right after the previous end.
        var sequence = row.CommentSequence - batch.Count;
        foreach (var i in writers)
        {
            var comment = batch[i].Comment;
            sequence++;
            comment.Sequence = sequence;
            comment.ReceiptNumber = $"{number!}-C{sequence:D6}";
            comment.ReceivedAt = now;
            db.Set<ConsultationComment>().Add(comment);
        }
        await db.SaveChangesAsync(ct);
        try
        {
            await transaction.CommitAsync(ct);
        }
        catch (Exception e)
        {
            // Whether the commit took is unknown: writing these comments again could store one twice (a comment without
            // a key has nothing to find it by), so the requests fail as a single comment's did.
            throw new CommitUncertainException(e);
        }
        foreach (var i in writers)
        {
            answers[i] = BatchAnswer.Written(new CommentReceipt(consultationId, batch[i].Comment.ReceiptNumber, now));
        }
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i]!.Twin is { } first)
            {
                answers[i] = BatchAnswer.Replay(answers[first]!.Receipt!);
            }
        }
        return answers!;
    }

    /// <summary>A matter's number never changes: read once per consultation (before any lock), not once per batch.</summary>
    private async Task<string?> MatterNumberAsync(WorkflowDbContext db, Guid consultationId, CancellationToken ct)
    {
        if (_matterNumbers.TryGetValue(consultationId, out var known))
        {
            return known;
        }
        var number = await db.Set<Consultation>().AsNoTracking().Where(c => c.Id == consultationId)
            .Join(db.Matters, c => c.MatterId, m => m.Id, (c, m) => m.Number).SingleOrDefaultAsync(ct);
        if (number is not null)
        {
            _matterNumbers.TryAdd(consultationId, number);
        }
        return number;
    }

    private sealed class CommitUncertainException(Exception inner) : Exception("The commit of a batch of comments failed.", inner);

    private sealed class Lane(Guid consultationId)
    {
        public Guid ConsultationId { get; } = consultationId;
        public List<Pending> Queue { get; } = [];
        public bool Running { get; set; }
        public bool Retired { get; set; }
    }

    private sealed class Pending(ConsultationComment comment)
    {
        public ConsultationComment Comment { get; } = comment;
        public TaskCompletionSource<BatchAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consultation {ConsultationId}: batch of {Count} comments lost a race, writing it again (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid consultationId, int count, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consultation {ConsultationId}: a batch of {Count} comments failed ({Reason}); writing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Guid consultationId, int count, string reason);
}

/// <summary>What a batch read of the consultation under the lock: enough to number and to refuse.</summary>
public sealed record ConsultationAtIntake(
    Guid MatterId, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? SealedAt,
    DateTimeOffset? ClosedAt, DateTimeOffset? FeedbackPublishedAt, int? ProvisionalYear, int CommentSequence)
{
    public ConsultationFacts Facts(string timeZone) => new(Title, timeZone, OpensAt, ClosesAt, SealedAt, ClosedAt, FeedbackPublishedAt, ProvisionalYear);
}

/// <summary>
/// How a batch answered one comment: written (<see cref="Receipt"/>), replayed (the receipt of the comment stored
/// under the same key), the key reused with another body, no such consultation, or refused by the period
/// (<see cref="Consultation"/> as read under the lock at <see cref="At"/>).
/// </summary>
public sealed record BatchAnswer(CommentReceipt? Receipt, bool Replayed, bool KeyWasReused, ConsultationAtIntake? Consultation, DateTimeOffset At)
{
    /// <summary>Inside a batch only: the index of the first comment with the same key, whose receipt this one gets.</summary>
    internal int? Twin { get; private init; }

    public static BatchAnswer NotFound { get; } = new(null, false, false, null, default);
    public static BatchAnswer KeyReused { get; } = new(null, false, true, null, default);
    public static BatchAnswer Written(CommentReceipt receipt) => new(receipt, false, false, null, default);
    public static BatchAnswer Replay(CommentReceipt receipt) => new(receipt, true, false, null, default);
    public static BatchAnswer Refused(ConsultationAtIntake consultation, DateTimeOffset at) => new(null, false, false, consultation, at);
    internal static BatchAnswer TwinOf(int first) => new(null, true, false, null, default) { Twin = first };
}

/// <summary>
/// The consultation's row as the batch's locking statement returns it: <c>UPDATE … SET CommentSequence =
/// CommentSequence + n WHERE Id = … AND SealedAt IS NULL RETURNING …</c> (<c>OUTPUT inserted.…</c> on SQL Server), one
/// round trip for the lock, the receipt numbers and the period read under the lock.
/// </summary>
public sealed class LockedConsultation
{
    public Guid MatterId { get; set; }
    public string Title { get; set; } = "";
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? SealedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? FeedbackPublishedAt { get; set; }
    public int? ProvisionalYear { get; set; }
    public int CommentSequence { get; set; }

    public ConsultationAtIntake Facts() =>
        new(MatterId, Title, OpensAt, ClosesAt, SealedAt, ClosedAt, FeedbackPublishedAt, ProvisionalYear, CommentSequence);

    /// <summary>Locks the row and takes <paramref name="count"/> numbers; null when it is sealed or absent (nothing locked).</summary>
    public static async Task<LockedConsultation?> TakeAsync(WorkflowDbContext db, Guid id, int count, CancellationToken ct)
    {
        var rows = db.Database.IsSqlServer()
            ? db.Database.SqlQuery<LockedConsultation>($"""
                UPDATE [Consultations] SET [CommentSequence] = [CommentSequence] + {count}
                OUTPUT inserted.[MatterId], inserted.[Title], inserted.[OpensAt], inserted.[ClosesAt], inserted.[SealedAt], inserted.[ClosedAt],
                       inserted.[FeedbackPublishedAt], inserted.[ProvisionalYear], inserted.[CommentSequence]
                WHERE [Id] = {id} AND [SealedAt] IS NULL
                """)
            : db.Database.SqlQuery<LockedConsultation>($"""
                UPDATE "Consultations" SET "CommentSequence" = "CommentSequence" + {count}
                WHERE "Id" = {id} AND "SealedAt" IS NULL
                RETURNING "MatterId", "Title", "OpensAt", "ClosesAt", "SealedAt", "ClosedAt", "FeedbackPublishedAt", "ProvisionalYear", "CommentSequence"
                """);
        return (await rows.ToListAsync(ct)).SingleOrDefault();
    }
}
