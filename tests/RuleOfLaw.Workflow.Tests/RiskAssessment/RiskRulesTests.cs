using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.RiskAssessment;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.RiskAssessment;

/// <summary>The risk assessment's rules (第二十二条至第二十四条) without a server.</summary>
public sealed class RiskRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 9);

    private static RiskReportForm Report(string? conclusion = "controllable") =>
        new(["停车位减少引发投诉"], "分阶段实施", "设立投诉专线", conclusion, null, null);

    [Fact]
    public void A_new_report_states_risk_points_measures_contingency_plan_and_a_conclusion()
    {
        Assert.Equal(new AcceptedRiskReport(false, null), RiskRules.Accept(Report()).Value);
        Refused(RiskRules.Accept(Report("maybe")).Refusal, "invalid-risk-report", "第二十三条、第二十四条", RefusalClass.Invalid);
        Refused(RiskRules.Accept(Report() with { RiskPoints = [] }).Refusal, "invalid-risk-report", "第二十三条、第二十四条", RefusalClass.Invalid);
        Refused(RiskRules.Accept(Report() with { ContingencyPlan = " " }).Refusal, "invalid-risk-report", "第二十三条、第二十四条", RefusalClass.Invalid);
    }

    [Fact]
    public void A_reference_to_an_existing_assessment_names_its_validity_date()
    {
        var reference = new RiskReportForm(null, null, null, null, "示范县稳评〔2026〕3号", "2026-12-31");
        Assert.Equal(new AcceptedRiskReport(true, new DateOnly(2026, 12, 31)), RiskRules.Accept(reference).Value);
        Refused(RiskRules.Accept(reference with { ReferenceValidUntil = "31.12.2026" }).Refusal, "invalid-risk-report", "第二十二条", RefusalClass.Invalid);
    }

    [Fact]
    public void Only_the_risk_assessor_issues_the_report()
    {
        Assert.Null(RiskRules.Forbidden(riskAssessor: true));
        Refused(RiskRules.Forbidden(riskAssessor: false), "forbidden", "第二十三条", RefusalClass.Forbidden);
    }

    [Fact]
    public void The_outcome_is_the_reports_conclusion()
    {
        Refused(RiskRules.Completion(null, "controllable", Today), "risk-report-missing", "第二十三条", RefusalClass.Conflict);
        var controllable = new RiskReportFacts("controllable", null, null);
        Assert.Null(RiskRules.Completion(controllable, "controllable", Today));
        var mismatch = Refused(RiskRules.Completion(controllable, "not-controllable", Today), "risk-conclusion-mismatch", "第二十四条", RefusalClass.Conflict);
        Assert.Equal("办理结果“风险不可控”与风险评估报告的结论“风险可控”不一致。", mismatch.Message);
        Assert.Contains("'risk not controllable'", mismatch.TextIn(TextCatalog.English));
        Refused(RiskRules.Completion(controllable, "already-assessed", Today), "risk-conclusion-mismatch", "第二十四条", RefusalClass.Conflict);
    }

    [Fact]
    public void An_existing_assessment_counts_only_while_it_is_valid()
    {
        var reference = new RiskReportFacts(null, "示范县稳评〔2026〕3号", Today);
        Assert.Null(RiskRules.Completion(reference, "already-assessed", Today));
        var expired = Refused(RiskRules.Completion(reference, "already-assessed", Today.AddDays(1)), "risk-reference-expired", "第二十二条", RefusalClass.Conflict);
        Assert.Contains("2026-03-09", expired.Message);
        Refused(RiskRules.Completion(reference, "controllable", Today), "risk-conclusion-mismatch", "第二十四条", RefusalClass.Conflict);
    }
}
