using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Meetings;

/// <summary>The meeting pages' names for the API's codes (meeting kinds, positions, the head's outcomes, material states).</summary>
public static class MeetingLabels
{
    public static string Kind(IStringLocalizer<SharedResource> T, string kind) =>
        kind switch
        {
            MeetingKinds.Standing => T["常务会议"],
            MeetingKinds.Office => T["部门办公会议"],
            _ => T["全体会议"],
        };

    public static string Position(IStringLocalizer<SharedResource> T, string position) => position switch
    {
        Positions.Agree => T["同意"],
        Positions.AgreeWithAmendments => T["修改后同意"],
        Positions.Disagree => T["不同意"],
        Positions.Abstain => T["弃权"],
        HeadOutcomes.Approved => T["通过"],
        HeadOutcomes.ApprovedWithAmendments => T["修改后通过"],
        HeadOutcomes.NotApproved => T["不予通过"],
        HeadOutcomes.Deferred => T["暂缓决定，另行提请讨论"],
        _ => position,
    };

    public static string Status(IStringLocalizer<SharedResource> T, string status) => status switch
    {
        "scheduled" => T["待讨论"],
        "decided" => T["已决定"],
        "deferred" => T["已暂缓"],
        _ => status,
    };

    public static string Material(IStringLocalizer<SharedResource> T, string status) => status switch
    {
        "present" => T["已具备"],
        "not-applicable" => T["不适用"],
        "missing" => T["缺失"],
        _ => status,
    };
}
