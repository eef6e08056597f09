using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// What a module does when one of its domain timers is due (e.g. participation: close a consultation at the end of
/// its period). Register with <c>services.AddScoped&lt;IDomainTimerHandler, X&gt;()</c>.
/// </summary>
public interface IDomainTimerHandler
{
    /// <summary>The <see cref="ScheduledTimer.Kind"/> this handler owns (kebab-case, e.g. <c>consultation-close</c>).</summary>
    string Kind { get; }

    /// <summary>
    /// Decides what firing means. Return a command to run on the timer's instance through InstanceCommandService
    /// (idempotency key derived from the timer id, so it happens once even with several servers) and optionally rows
    /// to add in that transaction; or <see cref="DomainTimerAction.Command"/> null to only add rows (the timer row is
    /// then marked fired by a conditional update in the same transaction).
    /// </summary>
    Task<DomainTimerAction> PrepareAsync(ScheduledTimer timer, CancellationToken cancellationToken);
}

/// <param name="Command">Run on <see cref="ScheduledTimer.InstanceId"/>, as the system; null for none.</param>
/// <param name="Alongside">Adds rows to the context; the decision is null when there is no command.</param>
public sealed record DomainTimerAction(WorkflowCommand? Command, Func<Decision?, CancellationToken, Task>? Alongside = null);

/// <summary>
/// Schedules a module's domain timer: adds its row to the caller's context (so it commits with the caller's
/// transaction, e.g. inside InstanceCommandService's <c>alongside</c>) and arms its trigger after the commit.
/// The id is derived from (kind, name), so scheduling the same timer twice adds nothing.
/// </summary>
public sealed class DomainTimers(WorkflowDbContext db, TimeProvider clock, PendingTriggers triggers)
{
    /// <param name="kind">The handler's <see cref="IDomainTimerHandler.Kind"/>.</param>
    /// <param name="name">Unique within <paramref name="kind"/>, e.g. the consultation id.</param>
    /// <param name="dueAt">When it fires; <see cref="DateTimeOffset.MaxValue"/> (not computable) makes it an incident.</param>
    /// <param name="instanceId">The instance its command runs on, if any.</param>
    /// <param name="matterId">The matter it belongs to (admin API, compliance).</param>
    /// <param name="payloadJson">The handler's arguments.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Guid> AddAsync(string kind, string name, DateTimeOffset dueAt, Guid? instanceId, Guid? matterId, string? payloadJson, CancellationToken ct)
    {
        var id = TimerIds.For(kind, name);
        if (db.Set<ScheduledTimer>().Local.Any(t => t.Id == id) || await db.Set<ScheduledTimer>().FindAsync([id], ct) is not null)
        {
            return id;
        }
        var incident = dueAt == DateTimeOffset.MaxValue;
        var row = new ScheduledTimer
        {
            Id = id, Kind = kind, InstanceId = instanceId, MatterId = matterId, DueAt = dueAt, PayloadJson = payloadJson,
            Status = incident ? TimerRowStatus.Incident : TimerRowStatus.Pending, CreatedAt = clock.GetUtcNow(),
        };
        if (incident)
        {
            row.SetNote(SchedulingTexts.Catalog.Line("note.not-computable"));
        }
        db.Set<ScheduledTimer>().Add(row);
        if (!incident)
        {
            triggers.Add(id, dueAt);
        }
        return id;
    }

    /// <summary>For callers that save outside InstanceCommandService: arm the triggers of what was added, after your commit.</summary>
    public Task ArmAfterCommitAsync(CancellationToken ct) => triggers.FlushAsync(ct);
}
