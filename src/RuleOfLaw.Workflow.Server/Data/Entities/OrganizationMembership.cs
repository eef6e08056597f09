namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>A user holds a role in one organization; tasks check exactly this pair.</summary>
public sealed class OrganizationMembership
{
    public required string UserId { get; set; }
    public required string OrganizationId { get; set; }
    public required string Role { get; set; }
}
