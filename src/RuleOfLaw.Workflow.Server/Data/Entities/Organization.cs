namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>A government, department, office or outside body. <see cref="Kind"/> says which part it can play.</summary>
public sealed class Organization
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public required string Kind { get; set; }
    public string? ParentId { get; set; }
    /// <summary>
    /// The jurisdiction whose settings apply (a government's; <c>workflows/jurisdictions/{id}.json</c>). Departments
    /// leave it empty and inherit from the government above; a government without one belongs to <c>default</c>.
    /// </summary>
    public string? JurisdictionId { get; set; }
    public Organization? Parent { get; set; }
}
