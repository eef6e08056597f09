namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>A boolean attribute of a matter that step conditions may test (e.g. <c>technical</c>).</summary>
public sealed record AttributeDefinition(string Name, string Title, string? TitleEn, string? Article);
