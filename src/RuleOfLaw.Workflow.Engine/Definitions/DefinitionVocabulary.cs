namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// The roles and organization scopes a definition may name. The engine is generic; the domain layer supplies
/// these, so that a misspelt role fails at load instead of producing a task nobody can see.
/// </summary>
public sealed record DefinitionVocabulary(IReadOnlySet<string> Roles, IReadOnlySet<string> Scopes);
