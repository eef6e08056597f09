using RuleOfLaw.Workflow.Engine.Execution;
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
