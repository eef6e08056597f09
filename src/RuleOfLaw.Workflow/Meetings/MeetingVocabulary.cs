namespace RuleOfLaw.Workflow.Meetings;

/// <summary>The meetings that discuss a major decision (第三十条): the government's standing or plenary meeting.</summary>
public static class MeetingKinds
{
    public const string Standing = "standing";
    public const string Plenary = "plenary";

    public static bool IsKnown(string? kind) => kind is Standing or Plenary;

    public static string Name(string kind) => kind == Standing ? "常务会议" : "全体会议";
}

/// <summary>A member's position on an agenda item, recorded verbatim (第三十条).</summary>
public static class Positions
{
    public const string Agree = "agree";
    public const string AgreeWithAmendments = "agree-with-amendments";
    public const string Disagree = "disagree";
    public const string Abstain = "abstain";

    public static IReadOnlyList<string> All { get; } = [Agree, AgreeWithAmendments, Disagree, Abstain];
}

/// <summary>The head's decision on an agenda item (第三十条): the outcomes of the collective-decision step.</summary>
public static class HeadOutcomes
{
    public const string Approved = "approved";
    public const string ApprovedWithAmendments = "approved-with-amendments";
    public const string NotApproved = "not-approved";
    public const string Deferred = "deferred";

    public static IReadOnlyList<string> All { get; } = [Approved, ApprovedWithAmendments, NotApproved, Deferred];
}
