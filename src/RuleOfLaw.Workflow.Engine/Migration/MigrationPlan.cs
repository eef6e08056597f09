using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Engine.Migration;

/// <summary>
/// What moving one running instance to a newer version of its procedure would change, and why it may not (the
/// dry run). <see cref="Problems"/> empty means <see cref="WorkflowEngine.Decide"/> with
/// <see cref="WorkflowCommand.Migrate"/> applies exactly these changes.
/// </summary>
public sealed record MigrationPlan(
    Guid InstanceId,
    string DefinitionId,
    int FromVersion,
    int ToVersion,
    IReadOnlyList<StepMigration> Steps,
    IReadOnlyList<string> AddedSteps,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<Refusal> Problems)
{
    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// One step the instance has a state for: where it goes in the new version and what happens to it.
/// <see cref="Change"/>: <c>kept</c> (same id), <c>mapped</c> (another id), <c>dropped</c> (finished, no longer in the
/// new version: its history stays in the journal and the task rows), <c>removed</c> (a problem: it still has work).
/// </summary>
public sealed record StepMigration(string FromStep, string? ToStep, StepStatus Status, string Change, IReadOnlyList<Guid> Tasks);
