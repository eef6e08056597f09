using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Signals: event steps that wait for one, events attached to an active step or to the whole instance.</summary>
internal sealed partial class InstanceRun
{
    public Decision Signal(WorkflowCommand.Signal command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        var name = command.Name;
        var waiting = definition.Steps.Where(s => s.Kind == StepKind.Event && s.Signal == name && IsActive(s)).ToList();
        var attached = definition.Steps.Where(IsActive)
            .SelectMany(s => s.Events.Where(e => e.Signal == name).Select(e => (Step: s, Event: e))).ToList();
        var instance = definition.Events.Where(e => e.Signal == name).ToList();
        if (waiting.Count + attached.Count + instance.Count == 0)
        {
            var awaited = Awaited().ToList();
            return Decision.Refuse(awaited.Count == 0
                ? EngineTexts.Catalog.Conflict("signal-not-awaited.none", null, ("signal", name))
                : EngineTexts.Catalog.Conflict("signal-not-awaited", null, ("signal", name), ("awaited", awaited)));
        }
        if (WrongSender(command, waiting, attached, instance) is { } wrongSender)
        {
            return Decision.Refuse(wrongSender);
        }

        Write(JournalEntryTypes.SignalReceived, comment: command.Comment, data: Json(new
        {
            signal = name,
            steps = waiting.Select(s => s.Id).Concat(attached.Select(a => a.Step.Id)),
            instance = instance.Count > 0,
            data = Embed(command.DataJson),
        }));
        foreach (var step in waiting)
        {
            Finish(step, StepStatus.Completed, name);
            Write(JournalEntryTypes.StepCompleted, step, outcome: name);
            Follow(step.Next);
        }
        foreach (var (step, e) in attached)
        {
            Trigger(e, step, [step]);
        }
        foreach (var e in instance)
        {
            // An interrupting instance event ends every step still running (a join still waiting included).
            var running = definition.Steps.Where(s => state.Steps.TryGetValue(s.Id, out var st) && st.Status is StepStatus.Active or StepStatus.Waiting).ToList();
            Trigger(e, null, running);
        }
        return Settle();
    }

    /// <summary>
    /// A listener that names the domain command alone sending its signal (an event's <c>sentBy</c>, an event step's
    /// <c>completedBy</c>) refuses any other sender, citing its article: the statutory act behind the signal (the head's
    /// decision to suspend execution, 第三十七条) is recorded only by that command.
    /// </summary>
    private static Refusal? WrongSender(WorkflowCommand.Signal command, IReadOnlyList<StepDefinition> waiting,
        IReadOnlyList<(StepDefinition Step, EventDefinition Event)> attached, IReadOnlyList<EventDefinition> instance)
    {
        var required = waiting.Select(s => (By: s.CompletedBy, s.Article))
            .Concat(attached.Select(a => (By: a.Event.SentBy, Article: a.Event.Article ?? a.Step.Article)))
            .Concat(instance.Select(e => (By: e.SentBy, e.Article)))
            .FirstOrDefault(r => r.By is not null && r.By != command.By);
        return required.By is { } by
            ? EngineTexts.Catalog.Computed($"use-{by}", "use-command.signal", RefusalClass.Conflict, required.Article, ("signal", command.Name), ("command", by))
            : null;
    }

    /// <summary>The signals the instance would accept now (for the refusal).</summary>
    private IEnumerable<string> Awaited() =>
        definition.Steps.Where(s => s.Kind == StepKind.Event && IsActive(s)).Select(s => s.Signal!)
            .Concat(definition.Steps.Where(IsActive).SelectMany(s => s.Events.Select(e => e.Signal)))
            .Concat(definition.Events.Select(e => e.Signal))
            .Distinct().Order(StringComparer.Ordinal);

    private bool IsActive(StepDefinition step) => state.Steps.TryGetValue(step.Id, out var current) && current.Status == StepStatus.Active;

    private void Trigger(EventDefinition e, StepDefinition? on, IReadOnlyList<StepDefinition> interrupted)
    {
        var data = Json(new { signal = e.Signal, title = e.Title, article = e.Article, e.Interrupting, next = e.Next });
        Write(JournalEntryTypes.EventTriggered, on, comment: e.Title, data: data);
        if (e.Interrupting)
        {
            foreach (var step in interrupted)
            {
                Interrupt(step, e);
            }
        }
        Follow(e.Next);
    }

    /// <summary>Ends a running step because of an interrupting event: its open tasks and timers are cancelled.</summary>
    private void Interrupt(StepDefinition step, EventDefinition e)
    {
        foreach (var task in state.Tasks.Where(t => t.StepId == step.Id && t.Status == WorkTaskStatus.Open))
        {
            task.Status = WorkTaskStatus.Cancelled;
        }
        foreach (var timer in state.Timers.Where(t => t.StepId == step.Id && t.Status == TimerStatus.Scheduled))
        {
            timer.Status = TimerStatus.Cancelled;
        }
        var title = new TwoLanguages(e.Title ?? e.Signal, e.TitleEn ?? e.Signal);
        var because = e.Article is null
            ? Note("note.interrupted.no-article", ("event", title))
            : Note("note.interrupted", ("event", title), ("article", e.Article));
        CancelChild(state.Step(step.Id), Chinese(because), because); // a sub-procedure step no longer waits for its child
        Finish(step, StepStatus.Cancelled, null);
        Skip(state.Step(step.Id), because);
        Write(JournalEntryTypes.StepInterrupted, step, comment: state.Step(step.Id).SkipReason,
            data: StoredTexts.WithComment(Json(new { signal = e.Signal, article = e.Article }), because));
    }
}
