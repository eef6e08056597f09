namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>A decision matter (决策事项): what is decided, by whom, with the attributes that decide which steps apply.</summary>
public sealed class Matter
{
    public required Guid Id { get; set; }
    public required string Number { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public string? Category { get; set; }
    public required string DefinitionId { get; set; }
    public required string DecisionOrganId { get; set; }
    public required string DraftingUnitId { get; set; }
    /// <summary>The jurisdiction the matter was created under (its decision organ's); its settings are snapshot at start.</summary>
    public string JurisdictionId { get; set; } = "default";
    public required string AttributesJson { get; set; }
    public required string AssignmentsJson { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
}
