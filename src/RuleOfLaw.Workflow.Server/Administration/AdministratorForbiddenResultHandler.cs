using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>A signed-in user who is not an administrator (or operator) gets a 403 problem that says why; everything else as usual.</summary>
public sealed class AdministratorForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AdministratorRequirement>().FirstOrDefault() is { } failed)
        {
            await (failed.OperatorsOnly
                ? ApiProblem.Refused(AdministrationTexts.Catalog.Forbidden("forbidden.operators-only"))
                : ApiProblem.Refused(AdministrationTexts.Catalog.Forbidden("forbidden.administrators-only"))).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
