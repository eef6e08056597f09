using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// Decides commands: a pure function of (definition, state, command, actor, now) to a <see cref="Decision"/>.
/// It never touches a database or a clock; the same inputs give the same decision, ids and hashes included.
/// </summary>
public sealed class WorkflowEngine(DeadlineCalculator deadlines)
{
    public DeadlineCalculator Deadlines => deadlines;

    public Decision Decide(ProcedureDefinition definition, InstanceState? current, WorkflowCommand command, Actor actor, DateTimeOffset now)
    {
        // The journal and both databases keep milliseconds; deciding on the stored precision keeps hashes stable.
        now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());

        if (command is WorkflowCommand.Start start)
        {
            return current is null
                ? new InstanceRun(definition, NewInstance(definition, start, now), actor, now, deadlines).Start(start)
                : Decision.Refuse(new Refusal("instance-exists", "该流程实例已经启动。The instance has already been started."));
        }
        if (current is null)
        {
            return Decision.Refuse(new Refusal("instance-not-found", "流程实例不存在。The instance does not exist."));
        }
        if (current.DefinitionId != definition.Id || current.DefinitionVersion != definition.Version)
        {
            throw new InvalidOperationException(
                $"Instance {current.Id} is pinned to {current.DefinitionId} v{current.DefinitionVersion}, not {definition.Id} v{definition.Version}.");
        }
        var run = new InstanceRun(definition, InstanceStateJson.Copy(current), actor, now, deadlines);
        return command switch
        {
            WorkflowCommand.CompleteTask complete => run.CompleteTask(complete),
            WorkflowCommand.Cancel cancel => run.Cancel(cancel.Reason),
            WorkflowCommand.Suspend suspend => run.Suspend(suspend.Reason),
            WorkflowCommand.Resume resume => run.Resume(resume.Reason),
            WorkflowCommand.FireTimer fire => run.FireTimer(fire.TimerId),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
    }

    private static InstanceState NewInstance(ProcedureDefinition definition, WorkflowCommand.Start start, DateTimeOffset now) => new()
    {
        Id = start.InstanceId,
        MatterId = start.MatterId,
        DefinitionId = definition.Id,
        DefinitionVersion = definition.Version,
        Status = InstanceStatus.Running,
        StartedAt = now,
        Attributes = new Dictionary<string, bool>(start.Attributes),
        Assignments = new Dictionary<string, string>(start.Assignments),
    };
}
