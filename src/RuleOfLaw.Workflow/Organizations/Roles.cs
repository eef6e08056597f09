namespace RuleOfLaw.Workflow.Organizations;

/// <summary>A role a person holds in one organization, with its names for people.</summary>
public sealed record RoleInfo(string Id, string Name, string NameEn);

/// <summary>The roles of the major-decision procedure (see shared/domain, "Roles").</summary>
public static class Roles
{
    public const string DraftingOfficer = "drafting-officer";
    public const string DraftingHead = "drafting-head";
    public const string LegalityReviewer = "legality-reviewer";
    public const string LegalCounsel = "legal-counsel";
    public const string Expert = "expert";
    public const string RiskAssessor = "risk-assessor";
    public const string MeetingSecretary = "meeting-secretary";
    public const string MeetingMember = "meeting-member";
    public const string ChiefExecutive = "chief-executive";
    public const string ExecutionOfficer = "execution-officer";
    public const string Evaluator = "evaluator";
    /// <summary>Administers the accounts, roles and organizations of the subtree of the organization where it is held (<see cref="AdministrationScope"/>).</summary>
    public const string Administrator = "administrator";
    /// <summary>
    /// The deployment's operator (系统运维): administers every government, and what belongs to the whole deployment
    /// (holiday calendars, keys, journal checkpoints, the mail outbox, the jobs). Deployment-wide wherever it is held.
    /// </summary>
    public const string Operator = "operator";

    public static IReadOnlyList<RoleInfo> All { get; } =
    [
        new(DraftingOfficer, "承办单位经办人", "Drafting-unit officer"),
        new(DraftingHead, "承办单位负责人", "Drafting-unit head"),
        new(LegalityReviewer, "合法性审查人员", "Legality reviewer"),
        new(LegalCounsel, "法律顾问、公职律师", "Legal counsel"),
        new(Expert, "专家", "Expert"),
        new(RiskAssessor, "风险评估人员", "Risk assessor"),
        new(MeetingSecretary, "会议秘书", "Meeting secretary"),
        new(MeetingMember, "会议组成人员", "Meeting member"),
        new(ChiefExecutive, "行政首长", "Chief executive"),
        new(ExecutionOfficer, "执行单位经办人", "Execution-unit officer"),
        new(Evaluator, "评估人员", "Evaluator"),
        new(Administrator, "系统管理员", "Administrator"),
        new(Operator, "系统运维", "Operator (deployment-wide)"),
    ];

    public static bool Exists(string id) => All.Any(r => r.Id == id);
}
