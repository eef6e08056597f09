namespace RuleOfLaw.Workflow.Meetings;

/// <summary>
/// The meetings that deliberate collectively: the government's executive meetings — standing or plenary (第三十条;
/// a government normative document, Notice 37) — and a department's office meeting (部门办公会议: a department
/// normative document, Notice 37 "严格落实集体审议制度"). The kind fixes which organ holds it: a people's government, or
/// a department; the record (attendance, members' opinions, the head last) is the same.
/// </summary>
public static class MeetingKinds
{
    public const string Standing = "standing";
    public const string Plenary = "plenary";
    /// <summary>部门办公会议: a department's meeting of its leadership, chaired and decided by the department's head.</summary>
    public const string Office = "office";

    public static bool IsKnown(string? kind) => kind is Standing or Plenary or Office;

    /// <summary>Whether a meeting of this kind is held by a department (else by a people's government).</summary>
    public static bool HeldByDepartment(string kind) => kind == Office;

    public static string Name(string kind) => kind switch
    {
        Standing => "常务会议",
        Office => "部门办公会议",
        _ => "全体会议",
    };

    public static string NameEn(string kind) => kind switch
    {
        Standing => "standing meeting",
        Office => "office meeting",
        _ => "plenary meeting",
    };
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
