namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Something a person or the system asks of an instance. The engine accepts it whole or refuses it whole.</summary>
public abstract record WorkflowCommand
{
    public sealed record Start(
        Guid InstanceId,
        string MatterId,
        IReadOnlyDictionary<string, bool> Attributes,
        IReadOnlyDictionary<string, string> Assignments,
        JurisdictionSnapshot? Jurisdiction = null) : WorkflowCommand;

    public sealed record CompleteTask(Guid TaskId, string Outcome, string? Comment, string? DataJson) : WorkflowCommand;

    public sealed record Cancel(string Reason) : WorkflowCommand;

    public sealed record Suspend(string Reason) : WorkflowCommand;

    public sealed record Resume(string? Reason) : WorkflowCommand;

    public sealed record FireTimer(Guid TimerId) : WorkflowCommand;
}
