using RuleOfLaw.Workflow.Record.Indicators;

namespace RuleOfLaw.Workflow.Server.Record.Indicators;

/// <summary>
/// What the figures are computed for: one decision organ (a government), optionally one drafting department, one
/// local year given as UTC bounds (<see cref="IndicatorRules.YearBounds"/>), and the jurisdiction's yearly evaluation
/// minimum. <see cref="DepartmentId"/> is "" for the whole organ.
/// </summary>
public sealed record IndicatorScope(string OrganId, string DepartmentId, int Year, DateTimeOffset From, DateTimeOffset To, int EvaluationsPerYear);

/// <summary>
/// The seam between the record and each procedure (issue 15 item 2): a procedure's provider declares its indicators
/// and computes them with aggregate SQL, and lists the matters (and journal entries) behind one of them. The
/// major-decision provider is <see cref="MajorDecisionIndicatorProvider"/>; a normative-documents provider registers
/// itself as another <see cref="IIndicatorProvider"/> and its figures appear on the dashboard and in the exports.
/// </summary>
public interface IIndicatorProvider
{
    IReadOnlyList<IndicatorDefinition> Definitions { get; }

    /// <summary>Every figure of <see cref="Definitions"/>, by aggregate queries (no matter is loaded).</summary>
    Task<IReadOnlyList<IndicatorFigure>> ComputeAsync(IndicatorScope scope, CancellationToken ct);

    /// <summary>The matters behind one figure; null when <paramref name="indicatorId"/> is not one of this provider's.</summary>
    Task<IReadOnlyList<IndicatorRow>?> DrillDownAsync(IndicatorScope scope, string indicatorId, CancellationToken ct);
}
