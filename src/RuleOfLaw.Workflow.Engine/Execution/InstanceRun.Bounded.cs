namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// The bounded state document (issue 21 goal 2): finished tasks and timers leave the state once nothing the engine or
/// the procedure modules read needs them, so a procedure that loops does not make every later transition read, copy
/// and write a longer document. Their history stays in the task rows, the timer rows and the journal.
/// </summary>
/// <remarks>
/// A finished task is dropped at the first transition after the one that finished it (that transition's host still
/// sees it change, <c>before</c> to <c>after</c>, and writes its row), unless it is still one of:
/// <list type="bullet">
/// <item>a task of its step's latest pass (<see cref="StepState.Iteration"/>): a multi-party step's tally, its removed
/// parties and the "already decided" check count the pass's tasks whatever their status;</item>
/// <item>the latest task, or the latest completed task, of its step and party: what the modules read as "the step's
/// last opinion" (the review's submission, the counsel's opinion, an expert's removal on a later pass).</item>
/// </list>
/// So the state holds at most two tasks per step and party plus the latest pass, however often the procedure loops.
/// Fired and cancelled timers are read by nothing once their transition is written and leave the same way.
/// A state stored before this (every task ever opened) is read as it is and shrinks at its next transition.
/// </remarks>
internal sealed partial class InstanceRun
{
    private readonly HashSet<Guid> _finishedTasksBefore = [.. state.Tasks.Where(t => t.Status != WorkTaskStatus.Open).Select(t => t.Id)];
    private readonly HashSet<Guid> _finishedTimersBefore = [.. state.Timers.Where(t => t.Status != TimerStatus.Scheduled).Select(t => t.Id)];

    private void Trim()
    {
        var latest = new HashSet<Guid>();
        foreach (var tasks in state.Tasks.GroupBy(t => (t.StepId, t.PartyId)))
        {
            latest.Add(tasks.Last().Id);
            if (tasks.LastOrDefault(t => t.Status == WorkTaskStatus.Completed) is { } completed)
            {
                latest.Add(completed.Id);
            }
        }
        state.Tasks.RemoveAll(t => _finishedTasksBefore.Contains(t.Id) && !latest.Contains(t.Id)
            && !(state.Steps.TryGetValue(t.StepId, out var step) && step.Iteration == t.Iteration));
        state.Timers.RemoveAll(t => _finishedTimersBefore.Contains(t.Id));
    }

    /// <summary>The refusal of a second completion of a task that is no longer open (in the state, or only in the host's rows).</summary>
    private Refusal NotOpen(WorkTaskStatus status, string? by, DateTimeOffset? at, string? outcome) => status == WorkTaskStatus.Completed
        ? EngineTexts.Catalog.Conflict("task-not-open", null, ("by", by), ("at", at is { } when ? new Texts.LocalTime(when, deadlines.TimeZone.Id) : null), ("outcome", outcome))
        : EngineTexts.Catalog.Conflict("task-not-open.cancelled");
}
