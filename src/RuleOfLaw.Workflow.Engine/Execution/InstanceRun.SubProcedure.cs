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
    private void CancelChild(StepState step, string reason)
    {
        if (step.Status == StepStatus.Active && step.ChildInstanceId is { } childId && definition.Step(step.StepId).Procedure is { } procedure)
        {
            _children.Add(new ChildCommand(childId, procedure, new WorkflowCommand.Cancel($"上级流程的步骤“{definition.Step(step.StepId).Title}”已不再等待本子流程：{reason}。The parent's step no longer waits: {reason}")));
            Write("SubProcedureCancelled", definition.Step(step.StepId), comment: reason, data: Json(new { childInstanceId = childId }));
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
            Fault($"子流程“{step.Title}”（{step.Procedure}，{command.ChildInstanceId}）未正常完成（{status}{(command.Reason is null ? "" : $"：{command.Reason}")}），本流程不能继续。" +
                $"The sub-procedure {step.Procedure} ({command.ChildInstanceId}) ended {status}; this instance cannot go on.");
            return Accept();
        }
        Finish(step, StepStatus.Completed, status);
        Follow(step.Next);
        return Settle();
    }
}
