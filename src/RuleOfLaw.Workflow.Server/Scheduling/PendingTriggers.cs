namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// Timers written in this scope's transaction, to be given triggers once it commits. A stale entry (an attempt
/// rolled back) only schedules a trigger whose job finds no row: harmless, and removed by the next reconcile.
/// </summary>
public sealed class PendingTriggers(TimerTriggers triggers)
{
    private readonly Dictionary<Guid, DateTimeOffset> _pending = [];

    public void Add(Guid id, DateTimeOffset dueAt) => _pending[id] = dueAt;

    public void Remove(Guid id) => _pending.Remove(id);

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var batch = _pending.Select(p => (p.Key, p.Value)).ToList();
        _pending.Clear();
        await triggers.ScheduleAsync(batch, ct);
    }
}
