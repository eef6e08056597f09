using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow;

/// <summary>The roles, scopes and jurisdiction period settings that procedure definitions of this product may name.</summary>
public static class ProcedureVocabulary
{
    public static DefinitionVocabulary Instance { get; } = new(
        Roles.All.Select(r => r.Id).ToHashSet(),
        OrganizationScopes.All.Select(s => s.Id).ToHashSet(),
        JurisdictionSettings.PeriodSettingNames);
}
