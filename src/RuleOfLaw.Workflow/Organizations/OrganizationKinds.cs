namespace RuleOfLaw.Workflow.Organizations;

/// <summary>What an organization is. Besides these two, an organization's kind may be any scope id it serves as.</summary>
public static class OrganizationKinds
{
    /// <summary>A people's government at county level or above: a decision organ (art. 2).</summary>
    public const string Government = "government";

    /// <summary>A government department; may be a drafting or execution unit.</summary>
    public const string Department = "department";

    public static bool IsValid(string kind) =>
        kind is Government or Department || OrganizationScopes.All.Any(s => s.Id == kind && s.Id is not (OrganizationScopes.DecisionOrgan or OrganizationScopes.DraftingUnit or OrganizationScopes.ExecutionUnit));
}
