using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// The administration API is for users who hold the <c>administrator</c> role in some organization or the
/// <c>operator</c> role, read fresh from the database on every request (a revoked role takes effect at once). Checked
/// by the authorization middleware, before the request body is read, so a non-administrator learns nothing from
/// validation answers. What an administrator may touch is then checked by each endpoint against their
/// <see cref="AdministrationScope"/> (their organization's subtree).
/// </summary>
public static class AdministratorPolicy
{
    public const string Name = "Administrator";

    public static AuthorizationPolicy Build() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement([Roles.Administrator, Roles.Operator])).Build();
}

/// <summary>
/// What belongs to the whole deployment (holiday calendars, keys and checkpoints, the mail outbox, the jobs
/// dashboard): for users who hold the <c>operator</c> role (系统运维) only.
/// </summary>
public static class OperatorPolicy
{
    public const string Name = "Operator";

    public static AuthorizationPolicy Build() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement([Roles.Operator])).Build();
}

/// <summary>Holds one of <see cref="Roles"/> in some organization.</summary>
public sealed class AdministratorRequirement(IReadOnlyList<string> roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    public bool OperatorsOnly => !Roles.Contains(RuleOfLaw.Workflow.Organizations.Roles.Administrator);
}

public sealed class AdministratorHandler(WorkflowDbContext db) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var ct = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        var roles = requirement.Roles;
        if (await db.Memberships.AsNoTracking().AnyAsync(m => m.UserId == userId && roles.Contains(m.Role), ct))
        {
            context.Succeed(requirement);
        }
    }
}
