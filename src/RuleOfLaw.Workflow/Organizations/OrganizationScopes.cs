namespace RuleOfLaw.Workflow.Organizations;

/// <summary>A part an organization plays for one matter (e.g. the drafting unit), named in step definitions.</summary>
public sealed record ScopeInfo(string Id, string Name, string NameEn);

/// <summary>
/// The parts organizations play in a matter. When a matter is created each scope is resolved to one organization:
/// the drafting unit is given, the decision organ is the government above it, the others are that government's
/// organizations of the matching kind (an organization's <c>Kind</c> uses these same ids).
/// </summary>
public static class OrganizationScopes
{
    public const string DecisionOrgan = "decision-organ";
    public const string DraftingUnit = "drafting-unit";
    public const string LegalityReviewOffice = "legality-review-office";
    public const string GeneralOffice = "general-office";
    public const string ExecutionUnit = "execution-unit";
    public const string ExpertPool = "expert-pool";
    public const string RiskAssessmentBody = "risk-assessment-body";
    public const string EvaluationBody = "evaluation-body";
    /// <summary>本级人大常委会: a filing recipient of government normative documents (issue 14); placed under the government in the tree.</summary>
    public const string PeopleCongressStandingCommittee = "people-congress-standing-committee";

    public static IReadOnlyList<ScopeInfo> All { get; } =
    [
        new(DecisionOrgan, "决策机关", "Decision organ"),
        new(DraftingUnit, "决策承办单位", "Drafting unit"),
        new(LegalityReviewOffice, "合法性审查部门", "Legality review office"),
        new(GeneralOffice, "政府办公室", "General office"),
        new(ExecutionUnit, "决策执行单位", "Execution unit"),
        new(ExpertPool, "专家库", "Expert pool"),
        new(RiskAssessmentBody, "风险评估机构", "Risk assessment body"),
        new(EvaluationBody, "评估机构", "Evaluation body"),
        new(PeopleCongressStandingCommittee, "本级人大常委会", "People's congress standing committee"),
    ];
}
