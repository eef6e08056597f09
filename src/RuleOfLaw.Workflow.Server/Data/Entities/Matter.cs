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

    /// <summary>
    /// Set on the matter of a sub-procedure's child instance (a normative document's major-decision procedure): the
    /// parent instance, the parent's sub-procedure step and that step's pass that started it. Null on every other matter.
    /// </summary>
    public Guid? ParentInstanceId { get; set; }

    /// <inheritdoc cref="ParentInstanceId"/>
    public string? ParentStepId { get; set; }

    /// <inheritdoc cref="ParentInstanceId"/>
    public int? ParentIteration { get; set; }
}
