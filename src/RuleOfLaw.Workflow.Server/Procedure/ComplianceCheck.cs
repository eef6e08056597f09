using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
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
public sealed record ComplianceContext(Matter Matter, InstanceState? State, ProcedureDefinition? Definition, DateTimeOffset Now)
{
    /// <summary>The jurisdiction's time zone: every time a line's text names is read in it.</summary>
    public required string TimeZone { get; init; }

    /// <summary>An instant as the jurisdiction's people read it (<c>2026-03-12 09:30</c>).</summary>
    public LocalTime Local(DateTimeOffset at) => new(at, TimeZone);

    /// <summary>The local day of an instant (<c>2026-03-12</c>).</summary>
    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}

/// <summary>
/// Which procedure each module's compliance checks speak about: a check a module descriptor lists reads that module's
/// definition (a major decision's legality review lines cite 《重大行政决策程序暂行条例》), so the report runs it only for
/// matters of that definition; a check no descriptor lists (the scheduler's) runs for every matter. Filled by the
/// module registration.
/// </summary>
public sealed class ComplianceCheckScopes
{
    private readonly Dictionary<Type, string> _definitionOf = [];

    public void Add(Type check, string definitionId) => _definitionOf[check] = definitionId;

    public bool Applies(IComplianceCheck check, string definitionId) =>
        !_definitionOf.TryGetValue(check.GetType(), out var own) || own == definitionId;
}
