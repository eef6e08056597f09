using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.FairCompetition;
using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Procedure;

/// <summary>
/// One material a matter brings to its collective deliberation, and the step of its procedure that produces it: the
/// material is present once that step's task is completed, not applicable when the step was skipped, else missing.
/// </summary>
public sealed record MeetingMaterialSource(string Code, string Title, string TitleEn, string Article, string StepId);

/// <summary>The materials a procedure requires for the collective deliberation of its matter, and the rule that requires them.</summary>
public sealed record MeetingMaterialList(string Article, IReadOnlyList<MeetingMaterialSource> Materials);

/// <summary>
/// Which materials go with a matter to its meeting, by the matter's procedure: a major decision brings the list of
/// 《重大行政决策程序暂行条例》第二十九条 (the draft and its explanation, the public's, the groups' and the experts'
/// opinions, the risk assessment, the fair-competition review, counsel's and the legality review's opinions); a
/// normative document brings what shared/domain/normative-documents.md requires before its deliberation. That file
/// names no list of meeting materials for normative documents (its step 4 says only where the document is deliberated
/// and that attendance and the decision are recorded), so the list is what it does name before that step: what the
/// drafting unit submits for the legality review (the draft, the legal bases, the consultation record: Opinion 115),
/// the fair-competition review of a document that affects market actors (step 1, cited as the procedure's review step
/// cites it, <see cref="FairCompetitionRules.ArticleIn"/>), and the legality review's written opinion, without which
/// the document may not be deliberated (Notice 37).
/// </summary>
public static class MeetingMaterialLists
{
    /// <summary>第二十九条's materials, each from the step of <c>major-administrative-decision</c> that produces it.</summary>
    public static MeetingMaterialList MajorDecision { get; } = new("第二十九条",
    [
        new("draft", "决策草案", "Draft decision", "第二十九条", "opinion-consolidation"),
        new("drafting-explanation", "决策草案起草说明（履行法定程序的说明）", "Drafting explanation (how the statutory procedure was followed)", "第二十九条", "opinion-consolidation"),
        new("public-opinions", "社会公众意见及采纳情况", "The public's opinions and how they were taken up", "第二十九条第二项", "public-participation"),
        new("group-opinions", "特定群体意见及沟通协商情况", "Opinions of the groups concerned and the consultation with them", "第十四条", "specific-group-consultation"),
        new("expert-opinions", "专家论证意见及采纳情况", "Expert opinions and how they were taken up", "第二十九条第二项", "expert-argumentation"),
        new("risk-assessment-report", "风险评估报告", "Risk assessment report", "第二十九条第三项", "risk-assessment"),
        new("fair-competition-review", "公平竞争审查情况", "Fair-competition review", "第二十九条第一项", "fair-competition-review"),
        new("legal-counsel-opinion", "法律顾问、公职律师意见", "Opinions of legal counsel and government lawyers", "第二十八条", "legal-counsel-opinion"),
        new("legality-review-opinion", "合法性审查意见", "Legality review opinion", "第二十九条第四项", "legality-review"),
    ]);

    /// <summary>
    /// A normative document's materials (see the class summary for why these): from its review submission (the
    /// package journaled there holds the draft and the legal bases), its consultation, its fair-competition review and
    /// its legality review.
    /// </summary>
    public static MeetingMaterialList NormativeDocument(ProcedureDefinition procedure) => new(NormativeArticles.NoDeliberationWithoutReview,
    [
        new(ReviewPackageMaterials.Draft, "文件送审稿", "Draft submitted for review", NormativeArticles.ReviewPackage, NormativeSteps.ReviewSubmission),
        new(ReviewPackageMaterials.LegalBases, "制定依据", "Legal bases", NormativeArticles.ReviewPackage, NormativeSteps.ReviewSubmission),
        new(ReviewPackageMaterials.ConsultationRecord, "征求意见情况", "Consultation record", NormativeArticles.ReviewPackage, NormativeSteps.Consultation),
        new("fair-competition-review", "公平竞争审查情况", "Fair-competition review", FairCompetitionRules.ArticleIn(procedure), NormativeSteps.FairCompetition),
        new("legality-review-opinion", "合法性审核意见", "Legality review opinion", NormativeArticles.NoDeliberationWithoutReview, NormativeSteps.LegalityReview),
    ]);

    /// <summary>The list for a matter of <paramref name="procedure"/>: a normative document's, else (a major decision) 第二十九条's.</summary>
    public static MeetingMaterialList For(ProcedureDefinition procedure) =>
        procedure.Id == NormativeSteps.Definition ? NormativeDocument(procedure) : MajorDecision;

    /// <summary>The rule that requires the list for a matter of the procedure <paramref name="procedureId"/> (<see cref="MeetingMaterialList.Article"/>).</summary>
    public static string ArticleFor(string procedureId) =>
        procedureId == NormativeSteps.Definition ? NormativeArticles.NoDeliberationWithoutReview : MajorDecision.Article;
}
