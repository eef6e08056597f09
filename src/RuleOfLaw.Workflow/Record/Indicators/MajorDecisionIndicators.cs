namespace RuleOfLaw.Workflow.Record.Indicators;

/// <summary>
/// The indicators of the major-decision procedure (《重大行政决策程序暂行条例》), computed from the record for one decision
/// organ (optionally one drafting department) and one local year. docs/indicators.md repeats each definition.
/// "Decided in the year" is the base of the procedural shares: a matter whose <c>collective-decision</c> task was
/// completed <c>approved</c> or <c>approved-with-amendments</c> (第三十条) at an instant in that local year.
/// </summary>
public static class MajorDecisionIndicators
{
    public const string Procedure = "major-administrative-decision";

    public const string Decisions = "decisions";
    public const string Steps = "procedure";
    public const string Participation = "participation";
    public const string AfterDecision = "after-decision";

    /// <summary>The outcomes of <c>collective-decision</c> that make a decision (第三十条); not-approved and deferred do not.</summary>
    public static IReadOnlyList<string> ApprovingOutcomes { get; } = ["approved", "approved-with-amendments"];

    public static readonly IndicatorDefinition Started = new(
        "matters-started", Procedure, Decisions, "启动决策事项数", "Matters started",
        "年度内启动决策程序（日志 InstanceStarted）的事项数。",
        "Matters whose procedure was started in the year (journal InstanceStarted).",
        "第十条（决策启动）", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition Decided = new(
        "matters-decided", Procedure, Decisions, "作出重大行政决策数", "Decisions made",
        "年度内经集体讨论决定通过（collective-decision 结果 approved 或 approved-with-amendments）的事项数；以下程序比例均以此为基数。",
        "Matters approved by collective discussion in the year; the base of the procedural shares below.",
        "第三十条", IndicatorRequirement.Count, "collective-decision");

    public static readonly IndicatorDefinition PublicParticipation = Step(
        "public-participation-rate", "公众参与履行率", "Public participation done", "public-participation",
        "年度内作出的决策中，依法应当公开征求意见（未因依法不予公开而跳过）且已完成公众参与步骤的比例。",
        "Of the decisions made, those required to consult the public (the step was not skipped as not disclosable) that completed it.",
        "第十四条至第十八条", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition ExpertArgumentation = Step(
        "expert-argumentation-rate", "专家论证履行率", "Expert argumentation done where required", "expert-argumentation",
        "年度内作出的决策中，专业性、技术性较强（步骤未被跳过）且已完成专家论证的比例。",
        "Of the decisions made that were technical (the step was not skipped), those that completed expert argumentation.",
        "第十九条", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition RiskAssessment = Step(
        "risk-assessment-rate", "风险评估履行率", "Risk assessment done where required", "risk-assessment",
        "年度内作出的决策中，可能对社会稳定等造成不利影响（步骤未被跳过）且已完成风险评估的比例。",
        "Of the decisions made with a stability risk (the step was not skipped), those that completed the risk assessment.",
        "第二十二条", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition LegalityReview = Step(
        "legality-review-rate", "合法性审查率", "Legality review done", "legality-review",
        "年度内作出的决策中，提交讨论前经合法性审查的比例；未经合法性审查的不得提交讨论。",
        "Of the decisions made, those reviewed for legality before the discussion.",
        "第二十五条", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition CounselParticipation = Step(
        "counsel-participation-rate", "法律顾问、公职律师参与率", "Counsel and staff-lawyer participation", "legal-counsel-opinion",
        "年度内作出的决策中，合法性审查有法律顾问或公职律师提出书面法律意见的比例（各地要求100%）。",
        "Of the decisions made, those whose legality review had a written opinion of legal counsel or a staff lawyer (local target 100 %).",
        "第二十八条；地方法治政府建设要求参与率100%", IndicatorRequirement.Target);

    public static readonly IndicatorDefinition Publication = Step(
        "publication-rate", "决策公开率", "Decisions published", "publication",
        "年度内作出的决策中，依法应当公开（步骤未因依法不予公开而跳过）且已完成公布的比例。",
        "Of the decisions made that must be published, those published.",
        "第三十二条", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition Archiving = Step(
        "archiving-rate", "立卷归档率", "Dossiers archived", "archiving",
        "年度内作出的决策中，已完成立卷归档（归档步骤完成，归档完整性检查通过）的比例；尚未归档的列为未达标。",
        "Of the decisions made, those whose dossier was archived (the archiving step, with its completeness check, completed); not yet archived counts as not done.",
        "第三十三条", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition CommentsReceived = new(
        "comments-received", Procedure, Participation, "收到公众意见数", "Public comments received",
        "年度内收到（ReceivedAt 在年度内）的本机关事项征求意见的意见条数，含书面来信录入。",
        "Comments on the organ's consultations received in the year, paper ones included.",
        "第十六条", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition CommentsAnswered = new(
        "comments-answered", Procedure, Participation, "已反馈处理意见的公众意见数", "Comments answered",
        "上述意见中已逐条或按归类作出处理（采纳、部分采纳、不予采纳等）的条数。",
        "Of those, comments with a recorded response, one by one or by group.",
        "第十八条", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition CommentsAdopted = new(
        "comments-adopted", Procedure, Participation, "采纳的公众意见数", "Comments adopted",
        "上述意见中处理结果为采纳的条数。",
        "Of those, comments whose response is adopted.",
        "第十八条", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition HearingsHeld = new(
        "hearings-held", Procedure, Participation, "举行听证会次数", "Hearings held",
        "年度内举行（HeldAt 在年度内、未取消）的听证会次数。",
        "Hearings held in the year and not called off.",
        "第十七条", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition ExpertOpinionsSigned = new(
        "expert-opinions-signed", Procedure, Participation, "专家签署论证意见数", "Expert opinions signed",
        "年度内专家签署（SignedAt 在年度内）的论证意见份数。",
        "Expert opinions signed in the year.",
        "第二十条", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition EvaluationsStarted = new(
        "evaluations-started", Procedure, AfterDecision, "开展决策后评估数", "Evaluations started",
        "本机关年度内启动的决策后评估数，对照辖区每年最少评估件数（evaluationsPerOrganPerYear）。",
        "Evaluations the organ started in the year, against the jurisdiction's yearly minimum.",
        "第三十六条；辖区设置 evaluationsPerOrganPerYear", IndicatorRequirement.Target);

    public static readonly IndicatorDefinition EvaluationsCompleted = new(
        "evaluations-completed", Procedure, AfterDecision, "完成决策后评估数", "Evaluations completed",
        "上述评估中已作出评估结论的件数。",
        "Of those, evaluations with a conclusion.",
        "第三十六条", IndicatorRequirement.Count);

    public static readonly IndicatorDefinition FilingOnTime = new(
        "filing-on-time-rate", Procedure, AfterDecision, "备案及时率", "Filings on time",
        "年度内印发（IssuedOn 在年度内）的决策向各备案机关的报备中，在期限内报送（DaysLate = 0）的比例。",
        "Of the filings of decisions issued in the year (one per recipient), those submitted within the deadline.",
        "第四十三条；辖区备案规定", IndicatorRequirement.AllByLaw);

    public static readonly IndicatorDefinition CatalogueExecution = new(
        "catalogue-execution-rate", Procedure, Decisions, "决策事项目录执行率", "Catalogue items decided",
        "本年度已公布目录中未调出的事项，至年末已有关联事项经集体讨论决定通过的比例（调出的事项不计）。",
        "Of the items of the year's published catalogue not withdrawn, those with a linked matter approved by the end of the year.",
        "第十条第二款；目录应当执行（目标100%）", IndicatorRequirement.Target);

    /// <summary>Every indicator of this procedure, in the order pages and reports show them.</summary>
    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        Started, Decided, CatalogueExecution, PublicParticipation, ExpertArgumentation, RiskAssessment, LegalityReview, CounselParticipation, Publication,
        Archiving, CommentsReceived, CommentsAnswered, CommentsAdopted, HearingsHeld, ExpertOpinionsSigned, EvaluationsStarted,
        EvaluationsCompleted, FilingOnTime,
    ];

    /// <summary>The share-of-decided-matters indicators, each tied to one step of the definition.</summary>
    public static IReadOnlyList<IndicatorDefinition> StepShares { get; } =
        [PublicParticipation, ExpertArgumentation, RiskAssessment, LegalityReview, CounselParticipation, Publication, Archiving];

    /// <summary>Counsel participation's local target (the seeds: "法律顾问、公职律师参与率100%").</summary>
    public const long CounselTargetPercent = 100;

    public static IndicatorDefinition? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    private static IndicatorDefinition Step(
        string id, string name, string nameEn, string step, string definition, string definitionEn, string basis, IndicatorRequirement requirement) =>
        new(id, Procedure, Steps, name, nameEn, definition, definitionEn, basis, requirement, step);
}
