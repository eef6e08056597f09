using System.Globalization;

namespace RuleOfLaw.Workflow.Record.Indicators;

/// <summary>
/// The annual report's section on major decisions (法治政府建设年度报告，"重大行政决策"部分), written in the seeds' report
/// style, with every figure taken from <paramref name="figures"/> — no sentence states what the record does not show:
/// "均严格履行……程序" only when every legal 100 % share is met; otherwise the shares and the number of matters in breach.
/// </summary>
public static class AnnualReportText
{
    public static IReadOnlyList<string> MajorDecisions(string organName, int year, IReadOnlyDictionary<string, IndicatorFigure> figures)
    {
        IndicatorFigure F(IndicatorDefinition d) => figures[d.Id];
        string Rate(IndicatorDefinition d) => F(d).Percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "不适用";
        var paragraphs = new List<string>();

        var steps = MajorDecisionIndicators.StepShares.Where(s => s.Requirement == IndicatorRequirement.AllByLaw).ToList();
        var breaches = steps.Where(s => F(s).Met == false).ToList();
        var opening = $"{year}年，{organName}共启动重大行政决策事项{F(MajorDecisionIndicators.Started).Value}件，作出重大行政决策{F(MajorDecisionIndicators.Decided).Value}件";
        paragraphs.Add(breaches.Count == 0
            ? opening + (F(MajorDecisionIndicators.Decided).Value == 0 ? "。" : "，均严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。")
            : opening + "。其中，" + string.Join("；", breaches.Select(s =>
                $"{s.Name}为{Rate(s)}（应履行{F(s).Of}件，已履行{F(s).Value}件，{F(s).Breaking}件未履行）")) + "，未达到法定要求，须逐件整改。");

        paragraphs.Add($"重大行政决策合法性审查率{Rate(MajorDecisionIndicators.LegalityReview)}，法律顾问、公职律师参与率{Rate(MajorDecisionIndicators.CounselParticipation)}；" +
            $"决策公开率{Rate(MajorDecisionIndicators.Publication)}，立卷归档率{Rate(MajorDecisionIndicators.Archiving)}。");

        var catalogue = F(MajorDecisionIndicators.CatalogueExecution);
        paragraphs.Add(catalogue.Of is > 0
            ? $"年度重大行政决策事项目录列入事项{catalogue.Of}项，已作出决策{catalogue.Value}项，目录执行率{Rate(MajorDecisionIndicators.CatalogueExecution)}。"
            : "本年度未公布重大行政决策事项目录或目录中无事项。");

        paragraphs.Add($"公开征求意见共收到公众意见{F(MajorDecisionIndicators.CommentsReceived).Value}条，已反馈{F(MajorDecisionIndicators.CommentsAnswered).Value}条，" +
            $"采纳{F(MajorDecisionIndicators.CommentsAdopted).Value}条；举行听证会{F(MajorDecisionIndicators.HearingsHeld).Value}次；专家签署论证意见{F(MajorDecisionIndicators.ExpertOpinionsSigned).Value}份。");

        var evaluations = F(MajorDecisionIndicators.EvaluationsStarted);
        paragraphs.Add($"开展重大行政决策后评估{evaluations.Value}件，完成{F(MajorDecisionIndicators.EvaluationsCompleted).Value}件" +
            (evaluations.Target is { } target ? evaluations.Met == true ? $"，达到每年至少{target}件的要求。" : $"，未达到每年至少{target}件的要求。" : "。"));

        var filing = F(MajorDecisionIndicators.FilingOnTime);
        paragraphs.Add(filing.Of is > 0
            ? $"重大行政决策报备{filing.Of}件次，按期报备{filing.Value}件次，备案及时率{Rate(MajorDecisionIndicators.FilingOnTime)}。"
            : "本年度无需报备的重大行政决策。");
        return paragraphs;
    }
}
