using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Keeps timer rows (and task-assignment mails) in step with every transition, in its transaction:
/// engine timers get a row each; an open task with a due date gets its reminders (before) and escalations (after)
/// from the jurisdiction's settings; a finished task or timer cancels its rows; a resumed instance re-arms what was
/// held while it was suspended. A deadline the engine could not compute (due <see cref="DateTimeOffset.MaxValue"/>)
/// becomes an <see cref="TimerRowStatus.Incident"/> row, not a trigger in 9999; one that waits for a year's holiday
/// calendar (the engine's provisional end) a <see cref="TimerRowStatus.Provisional"/> row, made a trigger (and the
/// task's reminders and escalations scheduled) when <c>RecountDeadlines</c> makes it final (issue 16 item 6).
/// </summary>
public sealed class TimerRowWriter(
    WorkflowDbContext db, TimeProvider clock, PendingTriggers triggers, DeadlineContext deadlines, OutboxWriter outbox) : IInstanceTransitionObserver
{
    private DbSet<ScheduledTimer> Timers => db.Set<ScheduledTimer>();

    private static SchedulingTexts T => SchedulingTexts.Catalog;

    public async Task OnDecidedAsync(InstanceState? before, InstanceState after, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var matterId = Guid.Parse(after.MatterId);
        var rows = await Timers.Where(t => t.InstanceId == after.Id
            && (t.Status == TimerRowStatus.Pending || t.Status == TimerRowStatus.Held || t.Status == TimerRowStatus.Provisional)).ToListAsync(ct);
        var known = (before?.Timers ?? []).ToDictionary(t => t.Id);

        foreach (var timer in after.Timers)
        {
            var old = known.GetValueOrDefault(timer.Id);
            if (old is null && timer.Status == TimerStatus.Scheduled)
            {
                Add(timer.Provisional is { } provisional
                    ? Provisional(timer.Id, TimerKinds.Workflow, after, null, timer.StepId, provisional, timer.DueRule, now)
                    : new ScheduledTimer
                    {
                        Id = timer.Id, Kind = TimerKinds.Workflow, InstanceId = after.Id, MatterId = matterId, StepId = timer.StepId,
                        DueAt = timer.DueAt, Status = TimerRowStatus.Pending, CreatedAt = now, Note = timer.DueRule,
                    });
            }
            else if (old is { Status: TimerStatus.Scheduled } && timer.Status != TimerStatus.Scheduled)
            {
                Finish(rows.FirstOrDefault(r => r.Id == timer.Id), timer.Status == TimerStatus.Fired ? TimerRowStatus.Fired : TimerRowStatus.Cancelled, now);
            }
            else if (old is { Status: TimerStatus.Scheduled } && old.Provisional is not null && rows.FirstOrDefault(r => r.Id == timer.Id) is { } row)
            {
                Recounted(row, timer.DueAt, timer.Provisional, timer.DueRule);
            }
        }

        var previous = (before?.Tasks ?? []).ToDictionary(t => t.Id);
        foreach (var task in after.Tasks)
        {
            var old = previous.GetValueOrDefault(task.Id);
            if (old is null && task.Status == WorkTaskStatus.Open)
            {
                await OpenedAsync(after, task, now, ct);
            }
            else if (old is { Status: WorkTaskStatus.Open } && task.Status != WorkTaskStatus.Open)
            {
                foreach (var row in rows.Where(r => r.TaskId == task.Id))
                {
                    Finish(row, TimerRowStatus.Cancelled, now, T.Line("note.task-closed"));
                }
            }
            else if (old is { Status: WorkTaskStatus.Open } && task.Status == WorkTaskStatus.Open)
            {
                // RecountDeadlines: a provisional due date or minimum counted again on the year's calendar.
                if (old.DueProvisional is not null && rows.FirstOrDefault(r => r.Id == ProvisionalId(task.Id, "due")) is { } due)
                {
                    if (task.DueProvisional is { } still)
                    {
                        Waiting(due, still, task.DueRule);
                    }
                    else
                    {
                        db.Remove(due);
                        ScheduleDue(after, task, now);
                    }
                }
                if (old.NotBeforeProvisional is not null && rows.FirstOrDefault(r => r.Id == ProvisionalId(task.Id, "minimum")) is { } minimum)
                {
                    if (task.NotBeforeProvisional is { } still)
                    {
                        Waiting(minimum, still, task.NotBeforeRule);
                    }
                    else
                    {
                        db.Remove(minimum);
                    }
                }
            }
        }

        if (after.Status is InstanceStatus.Completed or InstanceStatus.Cancelled or InstanceStatus.Faulted)
        {
            foreach (var row in rows.Where(r => r.Kind is TimerKinds.Reminder or TimerKinds.Escalation or TimerKinds.Workflow or TimerKinds.ProvisionalDeadline))
            {
                Finish(row, TimerRowStatus.Cancelled, now, T.Line("note.instance-ended"));
            }
        }
        else if (before?.Status == InstanceStatus.Suspended && after.Status == InstanceStatus.Running)
        {
            // Held while suspended: due now, so they fire at once (spread out) after the commit.
            foreach (var row in rows.Where(r => r.Status == TimerRowStatus.Held))
            {
                row.Status = TimerRowStatus.Pending;
                triggers.Add(row.Id, row.DueAt);
            }
        }
    }

    public Task OnCommittedAsync(CancellationToken ct) => triggers.FlushAsync(ct);

    private async Task OpenedAsync(InstanceState state, WorkTask task, DateTimeOffset now, CancellationToken ct)
    {
        var facts = await deadlines.FactsAsync(state, task, ct);
        await outbox.EnqueueToHoldersAsync($"{MailKinds.TaskAssigned}:{task.Id}", MailKinds.TaskAssigned, task.Role, task.OrganizationId, facts, ct);
        if (task.NotBeforeProvisional is { } minimum)
        {
            Add(Provisional(ProvisionalId(task.Id, "minimum"), TimerKinds.ProvisionalDeadline, state, task, task.StepId, minimum, task.NotBeforeRule, now));
        }
        if (task.DueProvisional is { } provisional)
        {
            // No reminder or escalation on a guess: they are scheduled when the due date is final.
            Add(Provisional(ProvisionalId(task.Id, "due"), TimerKinds.ProvisionalDeadline, state, task, task.StepId, provisional, task.DueRule, now));
            return;
        }
        if (task.DueAt is not { } due)
        {
            if (task.DueRule is { } failure && failure.Contains("日历", StringComparison.Ordinal))
            {
                Add(Incident(state, task, now, failure));
            }
            return;
        }
        if (due == DateTimeOffset.MaxValue)
        {
            Add(Incident(state, task, now, task.DueRule));
            return;
        }
        ScheduleDue(state, task, now);
    }

    /// <summary>The reminders before a task's (final) due date and the escalations after it, from the jurisdiction's settings.</summary>
    private void ScheduleDue(InstanceState state, WorkTask task, DateTimeOffset now)
    {
        if (task.DueAt is not { } due || due == DateTimeOffset.MaxValue)
        {
            return;
        }
        var settings = deadlines.Settings(state);
        foreach (var hours in settings.ReminderHoursBeforeDue)
        {
            var at = due - TimeSpan.FromHours(hours);
            if (at > now)
            {
                Add(TaskTimer(TimerKinds.Reminder, state, task, at, hours, now));
            }
        }
        foreach (var hours in settings.EscalationHoursAfterDue)
        {
            Add(TaskTimer(TimerKinds.Escalation, state, task, due + TimeSpan.FromHours(hours), hours, now));
        }
    }

    private static ScheduledTimer TaskTimer(string kind, InstanceState state, WorkTask task, DateTimeOffset at, int hours, DateTimeOffset now) => new()
    {
        Id = TimerIds.For(kind, $"{task.Id}:{hours}"),
        Kind = kind,
        InstanceId = state.Id,
        MatterId = Guid.Parse(state.MatterId),
        TaskId = task.Id,
        StepId = task.StepId,
        DueAt = at,
        Status = TimerRowStatus.Pending,
        PayloadJson = JsonSerializer.Serialize(new { hours, taskDueAt = task.DueAt }),
        CreatedAt = now,
    };

    private static ScheduledTimer Incident(InstanceState state, WorkTask task, DateTimeOffset now, string? why)
    {
        var row = IncidentRow(state, task, now);
        if (why is null)
        {
            row.SetNote(T.Line("note.not-computable"));
        }
        else
        {
            row.SetNote(why);
        }
        return row;
    }

    private static ScheduledTimer IncidentRow(InstanceState state, WorkTask task, DateTimeOffset now) => new()
    {
        Id = TimerIds.For("deadline-incident", task.Id.ToString()),
        Kind = TimerKinds.Escalation,
        InstanceId = state.Id,
        MatterId = Guid.Parse(state.MatterId),
        TaskId = task.Id,
        StepId = task.StepId,
        DueAt = DateTimeOffset.MaxValue,
        Status = TimerRowStatus.Incident,
        CreatedAt = now,
    };

    /// <summary>The marker row of a task's provisional due date (<c>due</c>) or minimum (<c>minimum</c>).</summary>
    public static Guid ProvisionalId(Guid taskId, string what) => TimerIds.For(TimerKinds.ProvisionalDeadline, $"{taskId}:{what}");

    private static ScheduledTimer Provisional(Guid id, string kind, InstanceState state, WorkTask? task, string stepId, ProvisionalEnd end, string? rule,
        DateTimeOffset now) => new()
    {
        Id = id,
        Kind = kind,
        InstanceId = state.Id,
        MatterId = Guid.Parse(state.MatterId),
        TaskId = task?.Id,
        StepId = stepId,
        DueAt = DateTimeOffset.MaxValue,
        Status = TimerRowStatus.Provisional,
        PayloadJson = ProvisionalPayload.Write(end),
        CreatedAt = now,
        Note = Truncate(rule ?? ""),
    };

    /// <summary>Still provisional after a recount (the period reaches a later year without a calendar too).</summary>
    private static void Waiting(ScheduledTimer row, ProvisionalEnd end, string? rule)
    {
        row.PayloadJson = ProvisionalPayload.Write(end);
        row.SetNote(rule ?? "");
    }

    /// <summary>A timer step's provisional end counted again: final, it becomes a trigger at that instant.</summary>
    private void Recounted(ScheduledTimer row, DateTimeOffset dueAt, ProvisionalEnd? still, string? rule)
    {
        if (still is not null)
        {
            Waiting(row, still, rule);
            return;
        }
        row.DueAt = dueAt;
        row.Status = TimerRowStatus.Pending;
        row.PayloadJson = null;
        row.SetNote(rule);
        triggers.Add(row.Id, row.DueAt);
    }

    private void Add(ScheduledTimer row)
    {
        if (row.DueAt == DateTimeOffset.MaxValue && row.Status == TimerRowStatus.Pending)
        {
            // The engine's "cannot compute" (a calendar year is missing): an incident, never a trigger in year 9999.
            row.Status = TimerRowStatus.Incident;
            if (row.Note is null)
            {
                row.SetNote(T.Line("note.not-computable"));
            }
        }
        if (Timers.Local.Any(t => t.Id == row.Id))
        {
            return;
        }
        Timers.Add(row);
        if (row.Status == TimerRowStatus.Pending)
        {
            triggers.Add(row.Id, row.DueAt);
        }
    }

    private void Finish(ScheduledTimer? row, string status, DateTimeOffset now, CatalogText? note = null)
    {
        if (row is null || row.Status is not (TimerRowStatus.Pending or TimerRowStatus.Held or TimerRowStatus.Provisional))
        {
            return;
        }
        row.Status = status;
        if (status == TimerRowStatus.Fired)
        {
            row.FiredAt = now;
        }
        if (note is not null)
        {
            row.SetNote(note);
        }
        triggers.Remove(row.Id);
    }

    private static string Truncate(string s) => s.Length > 2000 ? s[..2000] : s;
}
