using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>
/// The steps of <c>workflows/normative-document.json</c> (the second procedure on the engine). The module's services
/// name them through these constants; the module descriptor lists them, so the start-up check stops the server when a
/// definition version drops one. Three ids are the major-decision procedure's on purpose: the participation module
/// runs <see cref="Consultation"/> and the meetings module <see cref="MeetingScheduling"/> and
/// <see cref="CollectiveDecision"/> on a normative document exactly as on a major decision (same law, same records).
/// Every other id differs from the major-decision procedure's: a step guard is found by its step id, so a shared id
/// would put that procedure's guard (e.g. the decision's publication) on this one.
/// </summary>
public static class NormativeSteps
{
    /// <summary>The procedure's definition id.</summary>
    public const string Definition = "normative-document";

    /// <summary>起草: recorded when the document is opened (automatic step).</summary>
    public const string Drafting = "drafting";

    /// <summary>
    /// From version 4: 重大行政决策程序, the major-decision procedure run as this document's sub-procedure when the document
    /// is also a major decision (<see cref="NormativeAttributes.MajorDecision"/>). Its consultation and fair-competition
    /// review stand for the document's, which are then skipped; the document's legality review and deliberation follow
    /// once the child has ended (docs/normative-documents.md says why). Not in <see cref="All"/>: the module reads nothing
    /// of the step (the child is found by its matter's parent link), and a server whose workflows folder holds version 3
    /// or 2 only must still start.
    /// </summary>
    public const string MajorDecisionProcedure = "major-decision-procedure";

    /// <summary>The procedure the <see cref="MajorDecisionProcedure"/> step starts.</summary>
    public const string MajorDecisionDefinition = "major-administrative-decision";

    /// <summary>公平竞争审查, for a document tied to market actors (the fair-competition module's step).</summary>
    public const string FairCompetition = "fair-competition-review";

    /// <summary>公开征求意见 through the participation module (same step id as the major-decision procedure).</summary>
    public const string Consultation = "public-participation";

    /// <summary>报送合法性审核: completed by <see cref="NormativeCommands.ReviewSubmission"/>.</summary>
    public const string ReviewSubmission = "review-submission";

    /// <summary>合法性审核 by the justice office: completed by <see cref="NormativeCommands.ReviewOpinion"/>.</summary>
    public const string LegalityReview = "lawfulness-review";

    /// <summary>
    /// Version 2 only: the gate that sent a government document to the executive meeting, a department document to its
    /// office meeting (<see cref="OfficeMeeting"/>). From version 3 both go to <see cref="MeetingScheduling"/>.
    /// </summary>
    public const string DeliberationRoute = "deliberation-route";

    /// <summary>
    /// 列入集体审议会议议题 (the meetings module's agenda command): the government's executive meeting, or from version 3
    /// the department's office meeting.
    /// </summary>
    public const string MeetingScheduling = "meeting-scheduling";

    /// <summary>集体审议 at that meeting (the meetings module's record command).</summary>
    public const string CollectiveDecision = "collective-decision";

    /// <summary>
    /// Version 2 only: 部门办公会议审议 recorded by the department head, completed by <see cref="NormativeCommands.Deliberation"/>.
    /// Documents pinned to version 2 keep it (<c>POST …/deliberation</c>); from version 3 the office meeting is the meetings module's.
    /// </summary>
    public const string OfficeMeeting = "office-meeting";

    /// <summary>签署、统一登记、统一编号 by the justice office: completed by <see cref="NormativeCommands.Registration"/>.</summary>
    public const string Registration = "registration";

    /// <summary>统一印发、公布: completed by <see cref="NormativeCommands.Publication"/>.</summary>
    public const string Publication = "promulgation";

    /// <summary>报送备案 to every recipient within the filing deadline: completed by <see cref="NormativeCommands.Filing"/>.</summary>
    public const string Filing = "filing-submission";

    /// <summary>备案审查: waits for <see cref="NormativeCommands.FilingReviewConcluded"/>.</summary>
    public const string FilingReview = "filing-review";

    /// <summary>
    /// Every step id of the current version the module names (the descriptor's list, checked at start-up against the
    /// installed version). <see cref="DeliberationRoute"/> and <see cref="OfficeMeeting"/> are version 2's only: the
    /// module keeps serving documents pinned to it (<see cref="Version2Only"/>).
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
        [Drafting, FairCompetition, Consultation, ReviewSubmission, LegalityReview, MeetingScheduling, CollectiveDecision,
         Registration, Publication, Filing, FilingReview];

    /// <summary>The steps of version 2 that version 3 dropped (the department's office meeting recorded by its head).</summary>
    public static IReadOnlyList<string> Version2Only { get; } = [DeliberationRoute, OfficeMeeting];
}

/// <summary>The domain commands that alone complete the module's steps (the definition's <c>completedBy</c>), and its signal.</summary>
public static class NormativeCommands
{
    public const string ReviewSubmission = "normative-review-submission";
    public const string ReviewOpinion = "normative-review-opinion";
    public const string Deliberation = "normative-deliberation";
    public const string Registration = "normative-registration";
    public const string Publication = "normative-publication";
    public const string Filing = "normative-filing";

    /// <summary>The signal sent when every filing of the document has been reviewed and accepted.</summary>
    public const string FilingReviewConcluded = "filing-review-concluded";

    /// <summary>
    /// The filing module's command that alone sends <see cref="FilingReviewConcluded"/> (the <c>filing-review</c> step's
    /// <c>completedBy</c> from version 4): the last recipient's acceptance. The generic signal endpoint is refused
    /// <c>use-normative-filing-review</c>.
    /// </summary>
    public const string FilingReview = "normative-filing-review";

    /// <summary>The journal entry of the head's signature (签署), recorded while registration waits.</summary>
    public const string Signed = "NormativeDocumentSigned";
}

/// <summary>The definition's attributes (事项属性) and the outcomes its steps take from the module's records.</summary>
public static class NormativeAttributes
{
    /// <summary>Issued in a government's name: deliberated at the executive meeting (else the department's office meeting).</summary>
    public const string GovernmentDocument = "governmentDocument";

    /// <summary>Tied to market actors: fair-competition review and the longer consultation (the major-decision procedure's name).</summary>
    public const string AffectsMarket = "affectsMarket";

    /// <summary>Published for comment: a major effect on rights and duties or on people's vital interests (Notice 37).</summary>
    public const string PublicConsultation = "publicConsultation";

    /// <summary>
    /// Also a major decision: from version 4 the major-decision procedure runs as the document's sub-procedure; on version 3
    /// and before a linked major-decision matter. Either must be complete before deliberation.
    /// </summary>
    public const string MajorDecision = "majorDecision";
}

/// <summary>What the procedure takes from a draft: its attributes and the periods of its jurisdiction snapshot.</summary>
public static class NormativeProcedureRules
{
    /// <summary>The consultation minimum a definition names (<c>"minimum": { "setting": … }</c>): the one that applies to this draft.</summary>
    public const string ConsultationMinimumSetting = "normativeConsultationMinimum";

    /// <summary>The longest review time (Opinion 115: 15 working days), the legality review task's due date.</summary>
    public const string LegalityReviewMaximumSetting = "normativeLegalityReviewMaximum";

    /// <summary>The filing deadline (15 days from issuance), the filing task's due date.</summary>
    public const string FilingDeadlineSetting = "normativeFilingDeadline";

    /// <summary>The setting names the normative definition may use (added to the product's vocabulary).</summary>
    public static IReadOnlyList<string> SettingNames { get; } = [ConsultationMinimumSetting, LegalityReviewMaximumSetting, FilingDeadlineSetting];

    /// <summary>The instance's attributes, from the draft record and whether the draft is published for comment.</summary>
    public static Dictionary<string, bool> Attributes(DraftRecord draft, bool publicConsultation) => new(StringComparer.Ordinal)
    {
        [NormativeAttributes.GovernmentDocument] = draft.Kind == NormativeDocumentKinds.Government,
        [NormativeAttributes.AffectsMarket] = draft.AffectsMarketActors,
        [NormativeAttributes.PublicConsultation] = publicConsultation,
        [NormativeAttributes.MajorDecision] = draft.MajorDecision,
    };

    /// <summary>
    /// The snapshot an instance of this procedure starts with: the jurisdiction's own, plus the normative periods under the
    /// names the definition uses (<see cref="JurisdictionSettings.Snapshot"/> puts them in every snapshot). The consultation minimum is the one that applies to this draft (7 working days, or 30
    /// days when tied to market actors: <see cref="ConsultationRules.Minimum"/>), so the participation module's
    /// requested-date check on <c>public-participation</c> judges a normative consultation by the normative rule, and
    /// cites it.
    /// </summary>
    public static JurisdictionSnapshot Snapshot(JurisdictionSettings jurisdiction, bool affectsMarketActors)
    {
        var snapshot = jurisdiction.Snapshot();
        snapshot.Periods[ConsultationMinimumSetting] = Copy(ConsultationRules.Minimum(jurisdiction.NormativeDocuments, affectsMarketActors));
        return snapshot;
    }

    private static SettingPeriod Copy(SettingPeriod p) => new() { Days = p.Days, Counting = p.Counting, Article = p.Article };
}
