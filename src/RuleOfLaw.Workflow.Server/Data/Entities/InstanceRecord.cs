namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>One running procedure: its engine state as JSON, and <see cref="Version"/> as the optimistic-concurrency token.</summary>
public sealed class InstanceRecord
{
    public required Guid Id { get; set; }
    public required Guid MatterId { get; set; }
    public required string DefinitionId { get; set; }
    public required int DefinitionVersion { get; set; }
    public required string Status { get; set; }
    public required string StateJson { get; set; }
    public required long Version { get; set; }
    public required DateTimeOffset StartedAt { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
}
