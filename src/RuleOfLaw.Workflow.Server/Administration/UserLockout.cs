using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// Locking a user stops everything they can do at once: sign-in refuses (with the answer of a wrong password), API tokens 401 (the token handler
/// checks the lockout), and signed-in sessions 401 from their next request, because the lock renews the user's
/// security stamp and session cookies are checked against it on every request (ValidationInterval zero, Program.cs).
/// Unlocking lets them sign in again and revives their tokens; old sessions stay ended.
/// </summary>
public static class UserLockout
{
    /// <summary>
    /// The end of an administrator's lock: "until unlocked". Not DateTimeOffset.MaxValue, which PostgreSQL
    /// (microseconds) cannot store exactly and Npgsql may map to infinity.
    /// </summary>
    public static readonly DateTimeOffset Indefinitely = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/users/{id}/lock", Lock)
            .WithSummary("Lock a user out until unlocked: sign-in, sessions and API tokens stop working")
            .Produces<AdminUserView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/users/{id}/unlock", Unlock)
            .WithSummary("Unlock a user: ends an administrator's lock and clears failed sign-ins and the delays they set")
            .Produces<AdminUserView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IResult> Lock(
        string id, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, UserManager<AppUser> users, TimeProvider clock,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return AdministrationProblems.UserNotFound(id);
            }
            var scope = await scopes.GetAsync(ct);
            if (await UserAdministration.OutsideAccountScopeAsync(db, scope, user, ct) is { } outside)
            {
                return outside;
            }
            // Identity ignores the lockout end of a user whose lockout is disabled.
            foreach (var step in new Func<Task<IdentityResult>>[]
                     {
                         () => users.SetLockoutEnabledAsync(user, true),
                         () => users.SetLockoutEndDateAsync(user, Indefinitely),
                         () => users.UpdateSecurityStampAsync(user),
                     })
            {
                if (await step() is { Succeeded: false } failed)
                {
                    return AdministrationProblems.FromIdentity(failed);
                }
            }
            var admin = AdminActor.From(principal);
            var isOperator = await db.Memberships.AnyAsync(m => m.UserId == id && m.Role == Roles.Operator, ct);
            if (isOperator && !await AdministrativeWrite.AnyActiveOperatorAsync(db, clock.GetUtcNow(), ct))
            {
                AdministrationLog.LastAdministratorRefused(logger, admin.UserName, admin.Id, "locking", user.UserName!, id);
                return ApiProblem.Refused(AdministrationTexts.Catalog.Conflict("last-operator.lock"));
            }
            afterCommit(() => AdministrationLog.UserLocked(logger, admin.UserName, admin.Id, user.UserName!, id));
            return Results.Ok(await UserAdministration.LoadViewAsync(db, scope, clock.GetUtcNow(), id, ct));
        }, ct);

    private static Task<IResult> Unlock(
        string id, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, UserManager<AppUser> users, Auth.SignInThrottle throttle, TimeProvider clock,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return AdministrationProblems.UserNotFound(id);
            }
            var scope = await scopes.GetAsync(ct);
            if (await UserAdministration.OutsideAccountScopeAsync(db, scope, user, ct) is { } outside)
            {
                return outside;
            }
            // Directly, not through SetLockoutEndDateAsync, which refuses users whose lockout is disabled (whose
            // lockout end the token handler would still honour).
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            // And the delays failed sign-ins set, in the same transaction (kept in the database: on every node at once).
            await throttle.ClearAsync(user.Id, ct);
            if (await users.UpdateAsync(user) is { Succeeded: false } failed)
            {
                return AdministrationProblems.FromIdentity(failed);
            }
            var admin = AdminActor.From(principal);
            afterCommit(() => AdministrationLog.UserUnlocked(logger, admin.UserName, admin.Id, user.UserName!, id));
            return Results.Ok(await UserAdministration.LoadViewAsync(db, scope, clock.GetUtcNow(), id, ct));
        }, ct);
}
