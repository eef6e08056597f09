using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Procedure;

/// <summary>Who asks for a late scope assignment, as the rule sees them.</summary>
public sealed record ScopeAssigner(bool ChiefExecutive, bool DraftingHead, bool Administrator);

/// <summary>The organization named for a scope: its kind and the government it belongs to (null: no such organization).</summary>
public sealed record NamedOrganization(string Id, string Kind, string? Government);

/// <summary>
/// Late assignment of a scope (the engine's <c>AssignScope</c>): a scope whose every step is conditional may be left
/// open at the start and named when it is needed — the evaluation body when an evaluation is ordered (第三十六条), the
/// expert pool when argumentation applies (第十九条), the risk-assessment body (第二十二条). The party that organizes
/// the step names it: the decision organ for the evaluation, the drafting unit (or the organ) for the others; an
/// administrator of the matter may always. The organization must be one of the organ's own, of the scope's kind,
/// as at the start (<c>AssignmentResolver</c>): a unit cannot name itself its own evaluator.
/// </summary>
public static class ScopeAssignment
{
    private static ProcedureTexts T => ProcedureTexts.Catalog;

    /// <summary>The article that makes a scope's choice someone's duty (cited in refusals), or null.</summary>
    public static string? ArticleOf(string scope) => scope switch
    {
        OrganizationScopes.EvaluationBody => "第三十六条",
        OrganizationScopes.ExpertPool => "第十九条",
        OrganizationScopes.RiskAssessmentBody => "第二十二条",
        _ => null,
    };

    /// <summary>
    /// The request as a whole, before the engine sees it: a known scope, a reason, a permitted assigner and an
    /// organization of the organ and of the scope's kind. The engine then refuses a scope already held.
    /// </summary>
    public static Refusal? Check(string? scope, string? organizationId, string? reason, ScopeAssigner who, string decisionOrgan, NamedOrganization? named)
    {
        if (string.IsNullOrWhiteSpace(scope) || OrganizationScopes.All.All(s => s.Id != scope))
        {
            return T.Invalid("unknown-scope", null, ("scope", scope), ("scopes", OrganizationScopes.All.Select(s => s.Id).ToList()));
        }
        var article = ArticleOf(scope);
        // The decision organ orders the evaluation and chooses who carries it out; the drafting unit organizes
        // argumentation and assessment (the organ and administrators may act for it).
        var allowed = who.Administrator || who.ChiefExecutive || (scope != OrganizationScopes.EvaluationBody && who.DraftingHead);
        if (!allowed)
        {
            return T.Forbidden(scope == OrganizationScopes.EvaluationBody ? "forbidden.assign-scope.organ" : "forbidden.assign-scope", article);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return T.Invalid("assignment-reason-required", article);
        }
        if (string.IsNullOrWhiteSpace(organizationId) || named is null)
        {
            return T.Invalid("unknown-organization.scope", article, ("organization", organizationId));
        }
        if (named.Government != decisionOrgan)
        {
            return T.Invalid("organization-outside-organ", article, ("organization", named.Id), ("organ", decisionOrgan));
        }
        // The execution unit may be any unit of the organ; every other scope is an organization of that kind.
        if (scope != OrganizationScopes.ExecutionUnit && named.Kind != scope)
        {
            return T.Invalid("organization-wrong-kind", article, ("organization", named.Id), ("kind", named.Kind), ("scope", scope));
        }
        return null;
    }
}
