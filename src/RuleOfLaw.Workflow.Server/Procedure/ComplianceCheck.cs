using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Texts;

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
public sealed record ComplianceContext(Matter Matter, InstanceState? State, ProcedureDefinition? Definition, DateTimeOffset Now)
{
    /// <summary>The jurisdiction's time zone: every time a line's text names is read in it.</summary>
    public required string TimeZone { get; init; }

    /// <summary>An instant as the jurisdiction's people read it (<c>2026-03-12 09:30</c>).</summary>
    public LocalTime Local(DateTimeOffset at) => new(at, TimeZone);

    /// <summary>The local day of an instant (<c>2026-03-12</c>).</summary>
    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}
