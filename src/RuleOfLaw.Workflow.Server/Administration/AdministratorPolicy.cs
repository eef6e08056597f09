using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// The administration API is for users who hold the <c>administrator</c> role in some organization, read fresh from
/// the database on every request (a revoked role takes effect at once). Checked by the authorization middleware,
/// before the request body is read, so a non-administrator learns nothing from validation answers.
/// </summary>
public static class AdministratorPolicy
{
    public const string Name = "Administrator";

    public static AuthorizationPolicy Build() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()).Build();
}

public sealed class AdministratorRequirement : IAuthorizationRequirement;

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
        if (await db.Memberships.AsNoTracking().AnyAsync(m => m.UserId == userId && m.Role == Roles.Administrator, ct))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>A signed-in user who is not an administrator gets a 403 problem that says why; everything else as usual.</summary>
public sealed class AdministratorForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AdministratorRequirement>().Any() == true)
        {
            await ApiProblem.Forbidden("只有系统管理员可以使用管理接口。Only administrators may use the administration API.").ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
