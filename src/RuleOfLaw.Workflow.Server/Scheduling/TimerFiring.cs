using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Fires one timer row, exactly once: the command runs through <see cref="InstanceCommandService"/> under an
/// idempotency key derived from the timer id, and the row is marked fired in the same transaction. A second server
/// firing the same timer at the same moment either loses the version check and replays the first answer, or finds
/// the row no longer Pending. A timer due while its instance is suspended is Held and fires when it resumes.
/// </summary>
public sealed partial class TimerFiring(
    WorkflowDbContext db, TimeProvider clock, InstanceCommandService commands, TimerTriggers triggers, DeadlineContext deadlines,
    OutboxWriter outbox, IEnumerable<IDomainTimerHandler> handlers, ILogger<TimerFiring> logger)
{
    public enum Outcome { NotFound, NotPending, NotDue, Fired, Held, Cancelled, Refused }

    public async Task<Outcome> FireAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Set<ScheduledTimer>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (row is null)
        {
            return Outcome.NotFound;
        }
        if (row.Status != TimerRowStatus.Pending)
        {
            return Outcome.NotPending;
        }
        var now = clock.GetUtcNow();
        if (row.DueAt > now)
        {
            // A trigger older than the row's due time (a stale one, or a clock step back): re-arm for the due time.
            await triggers.ScheduleAsync([(row.Id, row.DueAt)], ct);
            return Outcome.NotDue;
        }
        InstanceState? state = null;
        if (row.InstanceId is { } instanceId)
        {
            var json = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson).SingleOrDefaultAsync(ct);
            state = json is null ? null : InstanceStateJson.Deserialize(json);
            if (state?.Status == InstanceStatus.Suspended)
            {
                return await MarkAsync(id, TimerRowStatus.Held, SchedulingTexts.Catalog.Line("note.held"), ct)
                    ? Outcome.Held : Outcome.NotPending;
            }
        }
        var outcome = row.Kind switch
        {
            TimerKinds.Workflow => await RunAsync(row, new WorkflowCommand.FireTimer(row.Id), null, ct),
            TimerKinds.Reminder or TimerKinds.Escalation => await DeadlineAsync(row, state, now, ct),
            _ => await DomainAsync(row, ct),
        };
        LogFired(logger, row.Id, row.Kind, outcome);
        return outcome;
    }

    /// <summary>
    /// Fires these timers of a burst together (<see cref="TimerSweep"/>): the <c>workflow</c> ones still Pending and
    /// due, one per instance, as one <see cref="InstanceCommandService.ExecuteBatchAsync"/> (one transaction, the same
    /// idempotency key per timer as one by one; TimerRowWriter marks each row Fired in it). The rows are claimed first
    /// inside that transaction (on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>: another node's sweep takes others).
    /// Returns the ids it fired; the rest are left to their own jobs or the next batch.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FireBatchAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => ids.Contains(t.Id) && t.Status == TimerRowStatus.Pending && t.Kind == TimerKinds.Workflow && t.InstanceId != null && t.DueAt <= now)
            .Select(t => new { t.Id, InstanceId = t.InstanceId!.Value }).ToListAsync(ct);
        var items = rows.DistinctBy(r => r.InstanceId)
            .Select(r => new BatchedCommand(Key(r.Id), r.InstanceId, new WorkflowCommand.FireTimer(r.Id))).ToList();
        if (items.Count == 0)
        {
            return [];
        }
        var results = await commands.ExecuteBatchAsync(items, Actor.System, StatusCodes.Status200OK, ClaimAsync, ct);
        var fired = new List<Guid>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var timerId = ((WorkflowCommand.FireTimer)items[i].Command).TimerId;
            if (results[i] is not { } result)
            {
                continue;
            }
            // A replayed answer: another firing of this timer committed first (this batch met it and went one by one).
            var outcome = result.Refusals.Count > 0 ? await RefusedAsync(timerId, rowDueAt: null, result.Refusals[0], ct)
                : result.Replayed ? Outcome.NotPending : Outcome.Fired;
            if (outcome == Outcome.Fired)
            {
                fired.Add(timerId);
            }
            LogFired(logger, timerId, TimerKinds.Workflow, outcome);
        }
        return fired;
    }

    /// <summary>The rows of these items still Pending that no other transaction holds (PostgreSQL: locked until the commit).</summary>
    private async Task<IReadOnlyList<BatchedCommand>> ClaimAsync(IReadOnlyList<BatchedCommand> items, CancellationToken ct)
    {
        var ids = items.Select(i => ((WorkflowCommand.FireTimer)i.Command).TimerId).ToArray();
        var free = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "ScheduledTimers" WHERE "Id" = ANY({ids}) AND "Status" = {TimerRowStatus.Pending} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Set<ScheduledTimer>().AsNoTracking().Where(t => ids.Contains(t.Id) && t.Status == TimerRowStatus.Pending).Select(t => t.Id).ToListAsync(ct);
        var claimed = free.ToHashSet();
        return items.Where(i => claimed.Contains(((WorkflowCommand.FireTimer)i.Command).TimerId)).ToList();
    }

    private static IdempotencyKey Key(Guid timerId) => new($"system:timer:{timerId}", timerId.ToString("N"));

    private async Task<Outcome> DeadlineAsync(ScheduledTimer row, InstanceState? state, DateTimeOffset now, CancellationToken ct)
    {
        var task = state?.Tasks.FirstOrDefault(t => t.Id == row.TaskId);
        if (state is null || task is not { Status: WorkTaskStatus.Open })
        {
            return await MarkAsync(row.Id, TimerRowStatus.Cancelled, SchedulingTexts.Catalog.Line("note.task-not-open"), ct) ? Outcome.Cancelled : Outcome.NotPending;
        }
        var reminder = row.Kind == TimerKinds.Reminder;
        var hours = JsonDocument.Parse(row.PayloadJson ?? "{}").RootElement.TryGetProperty("hours", out var h) ? h.GetInt32() : 0;
        var recipients = reminder
            ? await deadlines.AssigneesAsync(task, ct)
            : await deadlines.EscalationRecipientsAsync(task, deadlines.Settings(state).EscalationTargets, ct);
        var comment = SchedulingTexts.Catalog.Line(reminder ? "comment.reminder" : "comment.escalation", ("hours", hours));
        var data = JsonSerializer.Serialize(new { timerId = row.Id, taskId = task.Id, dueAt = task.DueAt, hours, recipients = recipients.Count });
        var command = new WorkflowCommand.Record(
            reminder ? "DeadlineReminder" : "DeadlineEscalated", task.StepId, comment.ToText(TextCatalog.Chinese), StoredTexts.WithComment(data, comment));
        var facts = await deadlines.FactsAsync(state, task, ct);
        var kind = reminder ? MailKinds.Reminder : MailKinds.Escalation;
        return await RunAsync(row, command, async (_, c) => await outbox.EnqueueAsync($"{kind}:{row.Id}", kind, recipients, facts, c), ct);
    }

    private async Task<Outcome> DomainAsync(ScheduledTimer row, CancellationToken ct)
    {
        var handler = handlers.FirstOrDefault(h => h.Kind == row.Kind);
        if (handler is null)
        {
            // Left Pending: a module deployed later (or a node not yet upgraded) may handle it; visible in the admin API.
            LogNoHandler(logger, row.Id, row.Kind);
            return Outcome.Refused;
        }
        var action = await handler.PrepareAsync(row, ct);
        if (action.Command is not null && row.InstanceId is not null)
        {
            return await RunAsync(row, action.Command, action.Alongside, ct);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await MarkAsync(row.Id, TimerRowStatus.Fired, null, ct))
        {
            return Outcome.NotPending;
        }
        if (action.Alongside is not null)
        {
            await action.Alongside(null, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Fired;
    }

    /// <summary>The command as the system, keyed by the timer; the row is marked fired in the same transaction.</summary>
    private async Task<Outcome> RunAsync(ScheduledTimer row, WorkflowCommand command, Func<Decision?, CancellationToken, Task>? alongside, CancellationToken ct)
    {
        var result = await commands.ExecuteAsync(Key(row.Id), row.InstanceId!.Value, command, Actor.System, StatusCodes.Status200OK, ct, async (decision, c) =>
        {
            var tracked = await db.Set<ScheduledTimer>().SingleAsync(t => t.Id == row.Id, c);
            tracked.Status = TimerRowStatus.Fired;
            tracked.FiredAt = clock.GetUtcNow();
            if (alongside is not null)
            {
                await alongside(decision, c);
            }
        });
        if (result.Refusals.Count == 0)
        {
            return Outcome.Fired;
        }
        return await RefusedAsync(row.Id, row.DueAt, result.Refusals[0], ct);
    }

    private async Task<Outcome> RefusedAsync(Guid id, DateTimeOffset? rowDueAt, Refusal refusal, CancellationToken ct)
    {
        LogRefused(logger, id, refusal.Code, refusal.Message);
        return refusal.Code switch
        {
            "instance-suspended" => await MarkAsync(id, TimerRowStatus.Held, StoredTexts.Of(refusal), ct, refusal.Message) ? Outcome.Held : Outcome.NotPending,
            "timer-not-due" => await RearmAsync(id, rowDueAt, ct),
            _ => await MarkAsync(id, TimerRowStatus.Cancelled, StoredTexts.Of(refusal), ct, refusal.Message) ? Outcome.Cancelled : Outcome.NotPending,
        };
    }

    private async Task<Outcome> RearmAsync(Guid id, DateTimeOffset? dueAt, CancellationToken ct)
    {
        dueAt ??= await db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Id == id).Select(t => (DateTimeOffset?)t.DueAt).SingleOrDefaultAsync(ct);
        if (dueAt is { } due)
        {
            await triggers.ScheduleAsync([(id, due)], ct);
        }
        return Outcome.NotDue;
    }

    /// <summary>
    /// Pending → <paramref name="status"/> if still Pending (a conditional update: only one server wins), with
    /// <paramref name="note"/>, or <paramref name="plain"/> when it is null (a refusal of no catalog); neither keeps the row's note.
    /// </summary>
    private async Task<bool> MarkAsync(Guid id, string status, CatalogText? note, CancellationToken ct, string? plain = null)
    {
        var now = clock.GetUtcNow();
        var (text, code, args) = note is null ? (plain is { Length: > ScheduledTimer.NoteLength } ? plain[..ScheduledTimer.NoteLength] : plain, null, null) : ScheduledTimer.Parts(note);
        return await db.Set<ScheduledTimer>().Where(t => t.Id == id && t.Status == TimerRowStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, status)
            .SetProperty(t => t.FiredAt, t => status == TimerRowStatus.Fired ? now : t.FiredAt)
            .SetProperty(t => t.Note, t => text ?? t.Note)
            .SetProperty(t => t.NoteCode, t => text == null ? t.NoteCode : code)
            .SetProperty(t => t.NoteArgs, t => text == null ? t.NoteArgs : args), ct) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerId} ({Kind}): {Outcome}")]
    private static partial void LogFired(ILogger logger, Guid timerId, string kind, Outcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerId} refused: {Code} {Message}")]
    private static partial void LogRefused(ILogger logger, Guid timerId, string code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId}: no handler registered for kind {Kind}; left pending")]
    private static partial void LogNoHandler(ILogger logger, Guid timerId, string kind);
}
