using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// Sub-procedure steps. The engine decides one instance at a time, so a step that starts another procedure does not
/// run the child itself: it asks the host (<see cref="Decision.Children"/>) to start the child in the same
/// transaction and waits, active, until the host reports the child's end as a <see cref="WorkflowCommand.ChildEnded"/>
/// command. Both journals link: the child's <c>InstanceStarted</c> names the parent and its step, the parent's
/// <c>SubProcedureStarted</c> and <c>SubProcedureEnded</c> name the child.
/// </summary>
internal sealed partial class InstanceRun
{
    private readonly List<ChildCommand> _children = [];

    private void StartChild(StepDefinition step, StepState current)
    {
        var childId = DeterministicId.For("child", state.Id, step.Id, current.Iteration);
        var attributes = step.PassAttributes.ToDictionary(name => name, name => state.Attributes.GetValueOrDefault(name));
        var start = new WorkflowCommand.Start(childId, state.MatterId, attributes, new Dictionary<string, string>(state.Assignments), state.Jurisdiction)
        {
            Parent = new ParentLink(state.Id, definition.Id, step.Id, current.Iteration),
        };
        _children.Add(new ChildCommand(childId, step.Procedure!, start));
        current.ChildInstanceId = childId;
        current.Status = StepStatus.Active;
        Write("SubProcedureStarted", step, data: Json(new { childInstanceId = childId, procedure = step.Procedure, attributes }));
    }

    /// <summary>A step that stops waiting for its child (the parent is cancelled, or the step no longer applies) cancels the child too.</summary>
    /// <param name="step">The step that stops waiting.</param>
    /// <param name="reason">Why, as written (a person's reason, or the zh-CN text of <paramref name="text"/>).</param>
    /// <param name="text">Why, as the engine's catalog text, when the engine wrote the reason.</param>
    private void CancelChild(StepState step, string reason, CatalogText? text)
    {
        if (step.Status == StepStatus.Active && step.ChildInstanceId is { } childId && definition.Step(step.StepId).Procedure is { } procedure)
        {
            var why = Note("note.child-cancelled", ("step", EngineTexts.Title(definition.Step(step.StepId))), ("reason", text ?? (object)reason));
            _children.Add(new ChildCommand(childId, procedure, new WorkflowCommand.Cancel(Chinese(why)) { Text = why }));
            var data = Json(new { childInstanceId = childId });
            Write("SubProcedureCancelled", definition.Step(step.StepId), comment: reason, data: text is null ? data : StoredTexts.WithComment(data, text));
        }
    }

    public Decision ChildEnded(WorkflowCommand.ChildEnded command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        var waiting = state.Steps.Values.FirstOrDefault(s => s.Status == StepStatus.Active && s.ChildInstanceId == command.ChildInstanceId);
        if (waiting is null)
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("child-not-awaited", null, ("child", command.ChildInstanceId.ToString())));
        }
        if (command.Status is InstanceStatus.Running or InstanceStatus.Suspended)
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("child-not-ended", null, ("child", command.ChildInstanceId.ToString()), ("status", command.Status.ToString().ToLowerInvariant())));
        }
        var step = definition.Step(waiting.StepId);
        var status = command.Status.ToString().ToLowerInvariant();
        Write("SubProcedureEnded", step, outcome: status, comment: command.Reason, data: Json(new { childInstanceId = command.ChildInstanceId, status }));
        if (command.Status != InstanceStatus.Completed)
        {
            // A child that was cancelled or faulted did not carry out the procedure the step requires; going on
            // would pass the statutory steps by. The parent is faulted (an incident an administrator sees) rather
            // than continued or silently completed.
            Finish(step, StepStatus.Cancelled, status);
            (string, object?)[] facts = [("step", EngineTexts.Title(step)), ("procedure", step.Procedure), ("child", command.ChildInstanceId.ToString()), ("status", status)];
            Fault(command.Reason is null ? Note("note.fault-child", facts) : Note("note.fault-child.reason", [.. facts, ("reason", command.Reason)]));
            return Accept();
        }
        Finish(step, StepStatus.Completed, status);
        Follow(step.Next);
        return Settle();
    }
}
