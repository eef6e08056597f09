namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>The kinds of document a decision dossier holds, with the article that asks for each.</summary>
public static class DocumentKinds
{
    public const string Draft = "draft";
    public const string Explanation = "explanation";
    public const string Supporting = "supporting";
    public const string LegalBasis = "legal-basis";
    public const string HearingRecord = "hearing-record";
    public const string ExpertOpinion = "expert-opinion";
    public const string RiskReport = "risk-report";
    public const string FairCompetitionReport = "fair-competition-report";
    public const string LegalityOpinion = "legality-opinion";
    public const string MeetingMinutes = "meeting-minutes";
    public const string DecisionText = "decision-text";
    public const string FilingReceipt = "filing-receipt";
    public const string ExecutionReport = "execution-report";
    public const string EvaluationReport = "evaluation-report";
    public const string Other = "other";

    public sealed record Kind(string Id, string Title, string TitleEn, string? Article, bool DraftingUnitOnly);

    public static IReadOnlyList<Kind> All { get; } =
    [
        new(Draft, "决策草案", "Draft decision", "第十二条", true),
        new(Explanation, "起草说明", "Explanatory note", "第十五条", true),
        new(Supporting, "相关材料", "Supporting material", "第十五条", false),
        new(LegalBasis, "法律法规规章依据", "Legal bases", "第二十六条", false),
        new(HearingRecord, "听证笔录", "Hearing record", "第十七条", false),
        new(ExpertOpinion, "专家论证意见", "Expert opinion", "第二十条", false),
        new(RiskReport, "风险评估报告", "Risk assessment report", "第二十三条", false),
        new(FairCompetitionReport, "公平竞争审查意见", "Fair-competition review", "第二十九条", false),
        new(LegalityOpinion, "合法性审查意见", "Legality review opinion", "第二十八条", false),
        new(MeetingMinutes, "会议纪要", "Meeting minutes", "第三十条", false),
        new(DecisionText, "决策文本（印发稿）", "Decision as issued", "第三十二条", false),
        new(FilingReceipt, "备案回执", "Filing receipt", "第四十三条", false),
        new(ExecutionReport, "执行情况报告", "Execution report", "第三十四条", false),
        new(EvaluationReport, "决策后评估报告", "Post-decision evaluation report", "第三十六条", false),
        new(Other, "其他材料", "Other", null, false),
    ];

    public static Kind? Find(string? id) => All.FirstOrDefault(k => k.Id == id);
}
