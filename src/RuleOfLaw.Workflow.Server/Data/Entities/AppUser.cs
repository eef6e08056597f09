using Microsoft.AspNetCore.Identity;

namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>A person who signs in. Their roles are held per organization (<see cref="OrganizationMembership"/>).</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
}
