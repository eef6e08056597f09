using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Procedure;
using static RuleOfLaw.Workflow.Tests.TestSupport.Refusals;

namespace RuleOfLaw.Workflow.Tests.Procedure;

/// <summary>Late scope assignment as a plain rule: who names which scope, and which organization may hold it.</summary>
public sealed class ScopeAssignmentTests
{
    private static readonly ScopeAssigner Chief = new(ChiefExecutive: true, DraftingHead: false, Administrator: false);
    private static readonly ScopeAssigner Head = new(ChiefExecutive: false, DraftingHead: true, Administrator: false);
    private static readonly ScopeAssigner Admin = new(ChiefExecutive: false, DraftingHead: false, Administrator: true);
    private static readonly ScopeAssigner Nobody = new(false, false, false);
    private static readonly NamedOrganization Centre = new("county-evaluation-2", OrganizationScopes.EvaluationBody, "county");
    private const string Evaluation = OrganizationScopes.EvaluationBody;

    [Fact]
    public void The_decision_organ_names_the_evaluation_body_with_a_reason_article_36()
    {
        Assert.Null(ScopeAssignment.Check(Evaluation, Centre.Id, "由第二评估中心承担。", Chief, "county", Centre));
        Assert.Null(ScopeAssignment.Check(Evaluation, Centre.Id, "由第二评估中心承担。", Admin, "county", Centre));
        // The drafting unit organizes argumentation and assessment, not the evaluation of its own decision.
        var forbidden = Refused(ScopeAssignment.Check(Evaluation, Centre.Id, "理由。", Head, "county", Centre), "forbidden", "第三十六条", RefusalClass.Forbidden);
        Assert.Contains("行政首长", forbidden.TextIn(TextCatalog.Chinese));
        Refused(ScopeAssignment.Check(Evaluation, Centre.Id, " ", Chief, "county", Centre), "assignment-reason-required", "第三十六条", RefusalClass.Invalid);
    }

    [Fact]
    public void The_drafting_head_names_the_expert_pool_and_nobody_else_does()
    {
        var pool = new NamedOrganization("county-experts-2", OrganizationScopes.ExpertPool, "county");
        Assert.Null(ScopeAssignment.Check(OrganizationScopes.ExpertPool, pool.Id, "专家库二。", Head, "county", pool));
        Refused(ScopeAssignment.Check(OrganizationScopes.ExpertPool, pool.Id, "专家库二。", Nobody, "county", pool), "forbidden", "第十九条", RefusalClass.Forbidden);
    }

    [Fact]
    public void The_organization_exists_belongs_to_the_organ_and_is_of_the_scopes_kind()
    {
        var unknown = Refused(ScopeAssignment.Check("evaluation-bodies", Centre.Id, "理由。", Chief, "county", Centre), "unknown-scope", null, RefusalClass.Invalid);
        Assert.Contains(Evaluation, (IEnumerable<string>)unknown.Arguments!["scopes"]!);
        Refused(ScopeAssignment.Check(Evaluation, "nowhere", "理由。", Chief, "county", null), "unknown-organization", "第三十六条", RefusalClass.Invalid);
        Refused(ScopeAssignment.Check(Evaluation, Centre.Id, "理由。", Chief, "city", Centre), "organization-outside-organ", "第三十六条", RefusalClass.Invalid);
        // A unit cannot be named its own evaluator: the evaluation body is an organization of that kind.
        var drafting = new NamedOrganization("county-drc", OrganizationScopes.DraftingUnit, "county");
        Refused(ScopeAssignment.Check(Evaluation, drafting.Id, "理由。", Chief, "county", drafting), "organization-wrong-kind", "第三十六条", RefusalClass.Invalid);
        // The execution unit may be any of the organ's units.
        Assert.Null(ScopeAssignment.Check(OrganizationScopes.ExecutionUnit, drafting.Id, "理由。", Chief, "county", drafting));
    }
}
