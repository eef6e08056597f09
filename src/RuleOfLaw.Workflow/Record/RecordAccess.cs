using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// Who may read a government's record as a whole (the indicators, the dashboard, the report, the accountability view):
/// the bodies that supervise decision-making and pursue liability (第三十八条至第四十一条) — the organ's chief executive
/// and its members (the leaders who answer for the organ's decisions), the legality reviewers of its justice office
/// (the body that supervises rule-of-law government building), and administrators. Drafting officers, experts and the
/// public see their own matters only.
/// </summary>
public static class RecordAccess
{
    public const string Article = "第三十八条至第四十一条";

    /// <param name="actor">the person asking</param>
    /// <param name="organId">the government whose record is asked for</param>
    /// <param name="reviewOfficeIds">the legality-review offices directly under that government</param>
    public static bool MaySupervise(Actor actor, string organId, IReadOnlyCollection<string> reviewOfficeIds) =>
        actor.Memberships.Any(m =>
            m.Role == Roles.Administrator
            || (m.OrganizationId == organId && m.Role is Roles.ChiefExecutive or Roles.MeetingMember)
            || (m.Role == Roles.LegalityReviewer && reviewOfficeIds.Contains(m.OrganizationId)));
}
