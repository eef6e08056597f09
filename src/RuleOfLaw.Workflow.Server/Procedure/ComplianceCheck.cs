using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Procedure;

/// <summary>
/// Contributes lines to a matter's compliance report from one part of the procedure (participation, experts, …).
/// Every rule a module enforces or records should appear here, so that nothing it checks is invisible afterwards.
/// </summary>
/// <remarks>Register with <c>services.AddScoped&lt;IComplianceCheck, MyCheck&gt;()</c>.</remarks>
public interface IComplianceCheck
{
    Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken);
}

/// <summary>The matter and, once started, its instance state and pinned definition.</summary>
public sealed record ComplianceContext(Matter Matter, InstanceState? State, ProcedureDefinition? Definition, DateTimeOffset Now);
