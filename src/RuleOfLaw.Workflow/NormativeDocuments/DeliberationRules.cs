using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>The meeting that deliberates a document (集体审议).</summary>
public static class DeliberationMeetings
{
    /// <summary>政府常务会议或者全体会议: government documents.</summary>
    public const string ExecutiveMeeting = "executive-meeting";
    /// <summary>部门办公会议: department documents.</summary>
    public const string OfficeMeeting = "office-meeting";

    public static string For(string documentKind) =>
        documentKind == NormativeDocumentKinds.Government ? ExecutiveMeeting : OfficeMeeting;
}

/// <summary>Whether a document may be put to collective deliberation.</summary>
public static class DeliberationRules
{
    /// <summary>
    /// Notice 37: "未经合法性审核或者经审核不合法的，不得提交集体审议". A document that is also a major decision must
    /// have completed that procedure (its linked matter) first.
    /// </summary>
    public static Refusal? CheckCanDeliberate(string? reviewConclusion, bool majorDecision, bool majorDecisionComplete)
    {
        if (reviewConclusion is null)
        {
            return NormativeTexts.Catalog.Conflict("not-reviewed", NormativeArticles.NoDeliberationWithoutReview);
        }
        if (reviewConclusion == ReviewConclusions.Unlawful)
        {
            return NormativeTexts.Catalog.Conflict("review-found-unlawful", NormativeArticles.NoDeliberationWithoutReview);
        }
        return majorDecision && !majorDecisionComplete
            ? NormativeTexts.Catalog.Conflict("major-decision-incomplete", "《重大行政决策程序暂行条例》第三条、" + NormativeArticles.Notice37)
            : null;
    }

    /// <summary>
    /// Notice 37 ("严格落实集体审议制度"): the record of the meeting names its date, who attended and its conclusion
    /// (<paramref name="decided"/>: whether adopted or not was stated; the API's request always states it).
    /// </summary>
    public static Refusal? CheckRecord(DateOnly? meetingDate, string? attendees, bool decided) =>
        meetingDate is null || string.IsNullOrWhiteSpace(attendees) || !decided
            ? NormativeTexts.Catalog.Invalid("deliberation-record-incomplete", NormativeArticles.Notice37)
            : null;

    /// <summary>
    /// Notice 37 ("严格落实集体审议制度"): a government document is deliberated at the government's executive meeting. On the
    /// procedure (<c>workflows/normative-document.json</c>) that meeting is the meetings module's (agenda, members' opinions,
    /// the head's decision), so the department's office-meeting record is refused for it. From version 3 a department
    /// document's office meeting is the meetings module's too (<paramref name="recordedByHead"/> false: its procedure has
    /// no <c>office-meeting</c> step), so the head's record is refused for it as well; a document pinned to version 2 keeps it.
    /// </summary>
    public static Refusal? CheckOfficeMeeting(string documentKind, bool onProcedure, bool recordedByHead = true) =>
        !onProcedure ? null
        : documentKind == NormativeDocumentKinds.Government
            ? NormativeTexts.Catalog.Conflict("deliberation-at-executive-meeting", NormativeArticles.CollectiveDeliberation)
        : !recordedByHead
            ? NormativeTexts.Catalog.Conflict("deliberation-at-office-meeting", NormativeArticles.CollectiveDeliberation)
            : null;
}

/// <summary>Where the major-decision procedure of a document that is also a major decision stands.</summary>
public enum MajorDecisionRunStatus
{
    /// <summary>No major-decision instance: none linked (version 3 and before) and no sub-procedure started.</summary>
    None,

    /// <summary>An instance runs (or is suspended): deliberation waits.</summary>
    Running,

    /// <summary>An instance completed with its collective decision adopting the decision: deliberation may proceed.</summary>
    Adopted,

    /// <summary>Every instance ended without that: cancelled, faulted, or completed after a withdrawal or a rejection.</summary>
    NotAdopted,
}

/// <summary>
/// 《重大行政决策程序暂行条例》第三条 with Notice 37: a normative document that is also a major decision goes to collective
/// deliberation only after the major-decision procedure has run. That procedure is the matter linked at drafting
/// (<c>majorDecisionMatterId</c>, definition version 3 and before) or the child the document's
/// <see cref="NormativeSteps.MajorDecisionProcedure"/> step started (version 4). Either counts, and only when it
/// <b>completed with an adopted decision</b>: a major-decision instance also completes when the drafting unit withdraws
/// the draft after an unlawful finding or a rejection (its branch ends there), and that decided nothing; a cancelled or
/// faulted one decided nothing either.
/// </summary>
public static class MajorDecisionRuns
{
    /// <summary>Whether this major-decision instance completed with its meeting's decision adopted (第三十条).</summary>
    public static bool Adopted(InstanceState run) =>
        run.Status == InstanceStatus.Completed
        && run.Steps.GetValueOrDefault(NormativeSteps.CollectiveDecision)?.Outcome is HeadOutcomes.Approved or HeadOutcomes.ApprovedWithAmendments;

    /// <summary>Where the document's major-decision procedure stands, over every run it has (linked or children).</summary>
    public static MajorDecisionRunStatus Judge(IEnumerable<InstanceState> runs)
    {
        var all = runs.ToList();
        return all.Count == 0 ? MajorDecisionRunStatus.None
            : all.Any(Adopted) ? MajorDecisionRunStatus.Adopted
            : all.Any(r => r.Status is InstanceStatus.Running or InstanceStatus.Suspended) ? MajorDecisionRunStatus.Running
            : MajorDecisionRunStatus.NotAdopted;
    }
}
