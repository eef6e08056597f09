namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>
/// Every definition version ever installed, with its exact text, so an instance pinned to an old version keeps
/// running after the file moves on, and the text it ran on can be shown years later.
/// </summary>
public sealed class StoredDefinition
{
    public required string DefinitionId { get; set; }
    public required int Version { get; set; }
    public required string Title { get; set; }
    public required string Json { get; set; }
    public required string ContentHash { get; set; }
    public required DateTimeOffset InstalledAt { get; set; }
}
