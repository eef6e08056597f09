using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.RiskAssessment;

/// <summary>What a risk assessor submits: a new report, or a reference to a valid existing assessment (its validity date as yyyy-MM-dd).</summary>
public sealed record RiskReportForm(
    IReadOnlyList<string>? RiskPoints, string? Measures, string? ContingencyPlan, string? Conclusion, string? Reference, string? ReferenceValidUntil);

/// <summary>The report accepted: a reference (with its validity date) or a new report.</summary>
public sealed record AcceptedRiskReport(bool IsReference, DateOnly? ReferenceValidUntil);

/// <summary>The latest report of a risk-assessment task, as the completion rule reads it.</summary>
public sealed record RiskReportFacts(string? Conclusion, string? Reference, DateOnly? ReferenceValidUntil);

/// <summary>
/// The social stability risk assessment (《重大行政决策程序暂行条例》第二十二条至第二十四条): a report states the risk
/// points, prevention measures and contingency plan and concludes controllable or not (第二十三条); an existing valid
/// assessment is referred to instead of assessing again (第二十二条); the task's outcome is the report's conclusion,
/// and "not controllable" sends the draft back for revision and reassessment (第二十四条).
/// </summary>
public static class RiskRules
{
    public const string Step = "risk-assessment";
    public const string Controllable = "controllable";
    public const string NotControllable = "not-controllable";
    /// <summary>The task's outcome when a valid existing assessment is referred to.</summary>
    public const string AlreadyAssessed = "already-assessed";
    public const int MaxText = 20_000;

    private static RiskTexts T => RiskTexts.Catalog;

    /// <summary>A reference names the assessment and its validity date (第二十二条); a new report has every part and a conclusion (第二十三条、第二十四条).</summary>
    public static Ruling<AcceptedRiskReport> Accept(RiskReportForm form)
    {
        if (!string.IsNullOrWhiteSpace(form.Reference))
        {
            return !DateOnly.TryParseExact(form.ReferenceValidUntil, "yyyy-MM-dd", out var until) || form.Reference.Length > MaxText
                ? T.Invalid("invalid-risk-report.reference", "第二十二条")
                : Ruling<AcceptedRiskReport>.Accept(new AcceptedRiskReport(true, until));
        }
        return form.RiskPoints is not { Count: > 0 } || form.RiskPoints.Any(string.IsNullOrWhiteSpace)
            || string.IsNullOrWhiteSpace(form.Measures) || string.IsNullOrWhiteSpace(form.ContingencyPlan)
            || form.Conclusion is not (Controllable or NotControllable)
            || form.Measures.Length > MaxText || form.ContingencyPlan.Length > MaxText || form.RiskPoints.Sum(p => p.Length) > MaxText
            ? T.Invalid("invalid-risk-report.report", "第二十三条、第二十四条")
            : Ruling<AcceptedRiskReport>.Accept(new AcceptedRiskReport(false, null));
    }

    /// <summary>Only the body that carries out the assessment (the task's risk assessor) issues the report (第二十三条).</summary>
    public static Refusal? Forbidden(bool riskAssessor) => riskAssessor ? null : T.Forbidden("forbidden.report", "第二十三条");

    /// <summary>
    /// The task completes with <paramref name="outcome"/> only when its latest report (<paramref name="report"/>, null:
    /// none) concludes the same; "already-assessed" needs a reference still valid on <paramref name="today"/> (local).
    /// </summary>
    public static Refusal? Completion(RiskReportFacts? report, string outcome, DateOnly today) => (report, outcome) switch
    {
        (null, _) => T.Conflict("risk-report-missing", "第二十三条"),
        ({ Reference: null }, AlreadyAssessed) => Mismatch(outcome, report.Conclusion),
        (_, AlreadyAssessed) when report.ReferenceValidUntil < today =>
            T.Conflict("risk-reference-expired", "第二十二条", ("validUntil", report.ReferenceValidUntil)),
        (_, AlreadyAssessed) => null,
        _ when report.Conclusion != outcome => Mismatch(outcome, report.Conclusion),
        _ => null,
    };

    private static Refusal Mismatch(string outcome, string? conclusion) =>
        T.Conflict("risk-conclusion-mismatch", "第二十四条",
            ("outcome", new RiskConclusion(outcome)), ("conclusion", new RiskConclusion(conclusion ?? RiskConclusion.Reference)));
}
