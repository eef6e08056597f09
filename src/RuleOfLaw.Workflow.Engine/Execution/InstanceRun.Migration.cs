using RuleOfLaw.Workflow.Engine.Migration;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Moving the instance to a newer definition version (<see cref="WorkflowCommand.Migrate"/>).</summary>
internal sealed partial class InstanceRun
{
    public Decision Migrate(WorkflowCommand.Migrate command)
    {
        if (MissingReason(command.Reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        var plan = InstanceMigration.Plan(definition, command.To, state, command.Mapping);
        if (!plan.Valid)
        {
            return Decision.Refuse([.. plan.Problems]);
        }
        InstanceMigration.Apply(plan, state);
        // Written after the move, so the entry's own step ids are those of the new version; the data keeps both.
        Write("InstanceMigrated", comment: command.Reason, data: Json(new
        {
            definitionId = definition.Id,
            fromVersion = plan.FromVersion,
            toVersion = plan.ToVersion,
            fromHash = definition.ContentHash,
            toHash = command.To.ContentHash,
            mapping = command.Mapping,
            steps = plan.Steps,
            addedSteps = plan.AddedSteps,
            warnings = plan.Warnings,
        }));
        return Accept();
    }
}
