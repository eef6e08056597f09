using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Thrown by an <c>alongside</c> callback of <c>InstanceCommandService.ExecuteAsync</c> to refuse the command
/// after the engine accepted it (a domain rule that needs the decision); the transaction is rolled back.
/// </summary>
public sealed class CommandRefusedException(params Refusal[] refusals)
    : Exception(string.Join("; ", refusals.Select(r => r.Code)))
{
    public IReadOnlyList<Refusal> Refusals { get; } = refusals;
}
