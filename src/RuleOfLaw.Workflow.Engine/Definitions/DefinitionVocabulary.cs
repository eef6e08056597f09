namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// The roles, organization scopes and period settings a definition may name. The engine is generic; the domain
/// layer supplies these, so that a misspelt role or setting fails at load instead of producing a task nobody can
/// see or a deadline nobody can count.
/// </summary>
public sealed record DefinitionVocabulary(IReadOnlySet<string> Roles, IReadOnlySet<string> Scopes, IReadOnlySet<string> PeriodSettings);
