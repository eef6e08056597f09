using RuleOfLaw.Workflow.Record.Indicators;

namespace RuleOfLaw.Workflow.Tests.Record;

public sealed class AnnualReportTextTests
{
    private static Dictionary<string, IndicatorFigure> AllMet(long decided) => MajorDecisionIndicators.All.ToDictionary(d => d.Id, d => d.Id switch
    {
        "matters-started" => IndicatorRules.Count(d, 9),
        "matters-decided" => IndicatorRules.Count(d, decided),
        "evaluations-started" => IndicatorRules.Count(d, 2, 2),
        _ when d.Group is MajorDecisionIndicators.Steps => IndicatorRules.Share(d, decided, decided, d.Requirement == IndicatorRequirement.Target ? 100 : null),
        "catalogue-execution-rate" or "filing-on-time-rate" => IndicatorRules.Share(d, 0, 0, 100),
        _ => IndicatorRules.Count(d, 0),
    });

    [Fact]
    public void Every_procedure_followed_is_said_only_when_the_figures_show_it()
    {
        var text = AnnualReportText.MajorDecisions("示范县人民政府", 2026, AllMet(7));
        Assert.Equal("2026年，示范县人民政府共启动重大行政决策事项9件，作出重大行政决策7件，均严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。", text[0]);
        Assert.Contains("达到每年至少2件的要求", string.Join("", text));

        var breached = AllMet(7);
        breached["risk-assessment-rate"] = IndicatorRules.Share(MajorDecisionIndicators.RiskAssessment, 2, 3);
        var withBreach = AnnualReportText.MajorDecisions("示范县人民政府", 2026, breached);
        Assert.Equal("2026年，示范县人民政府共启动重大行政决策事项9件，作出重大行政决策7件。其中，风险评估履行率为66.7%（应履行3件，已履行2件，1件未履行），未达到法定要求，须逐件整改。", withBreach[0]);
    }

    [Fact]
    public void No_decision_makes_no_claim()
    {
        var text = AnnualReportText.MajorDecisions("示范县人民政府", 2026, AllMet(0));
        Assert.Equal("2026年，示范县人民政府共启动重大行政决策事项9件，作出重大行政决策0件。", text[0]);
        Assert.Contains("合法性审查率不适用", text[1]);
    }
}
