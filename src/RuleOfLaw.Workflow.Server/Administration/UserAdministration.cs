using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// A new user. The password must satisfy Identity's rules (at least 10 characters, upper and lower case, a digit, a
/// symbol). <c>organizationId</c> and <c>role</c> give the first role at once; an administrator who is not an
/// operator must give them (in their own organizations), so that the new account is theirs to manage.
/// </summary>
public sealed record CreateUserRequest(
    [property: Required, MaxLength(256)] string UserName,
    [property: Required, MaxLength(200)] string DisplayName,
    [property: MaxLength(256), EmailAddress] string? Email,
    [property: Required, MaxLength(256)] string Password,
    [property: MaxLength(64)] string? OrganizationId = null,
    [property: MaxLength(64)] string? Role = null);

public sealed record SetPasswordRequest([property: Required, MaxLength(256)] string Password);

/// <summary>
/// A user as administrators see it. <c>lockedOut</c> is on the server's clock; an administrator's lock has no end
/// (<c>lockoutEnd</c> 9999-12-31) until unlocked. <c>memberships</c> are the roles in the organizations the
/// administrator administers; <c>manageable</c> says whether they may change the account itself (password, lock),
/// which needs every role the user holds to be theirs (<see cref="AdministrationScope.MayManageAccount"/>).
/// </summary>
public sealed record AdminUserView(
    string Id, string UserName, string DisplayName, string? Email, bool LockedOut, DateTimeOffset? LockoutEnd, IReadOnlyList<MembershipView> Memberships,
    bool Manageable = true);

public static class UserAdministration
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/users", async (WorkflowDbContext db, AdministrationScopes scopes, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(await LoadViewsAsync(db, await scopes.GetAsync(ct), clock.GetUtcNow(), null, ct)))
            .WithSummary("The users holding a role in an organization you administer (operators: all users), with those roles and whether they are locked out")
            .Produces<List<AdminUserView>>();
        admin.MapPost("/users", Create)
            .WithSummary("Create a user (no roles yet: add memberships)")
            .Produces<AdminUserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/users/{id}/password", SetPassword)
            .WithSummary("Set a new password for a user; their signed-in sessions end (API tokens stay valid)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static Task<IResult> Create(
        CreateUserRequest request, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, UserManager<AppUser> users, TimeProvider clock,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var scope = await scopes.GetAsync(ct);
            var firstRole = MembershipAdministration.Blank(request.OrganizationId) is { } organizationId
                ? (OrganizationId: organizationId, Role: request.Role?.Trim() ?? "")
                : ((string OrganizationId, string Role)?)null;
            if (firstRole is null && !scope.IsOperator)
            {
                return AdministrationProblems.Refused(AdministrationTexts.Catalog.Invalid("first-role-required", null, (RequestField.Argument, "organizationId")));
            }
            if (firstRole is { } first && await MembershipAdministration.CheckAsync(db, scope, first.OrganizationId, first.Role, ct) is { } refused)
            {
                return refused;
            }
            // Checked before the password, so a taken name is reported as such whatever the password.
            if (await users.FindByNameAsync(request.UserName) is not null)
            {
                return AdministrationProblems.Refused(AdministrationTexts.Catalog.Conflict("user-exists", null, (RequestField.Argument, "userName"), ("userName", request.UserName)));
            }
            var user = new AppUser
            {
                UserName = request.UserName,
                DisplayName = request.DisplayName.Trim(),
                Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            };
            var created = await users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
            {
                return AdministrationProblems.FromIdentity(created);
            }
            var admin = AdminActor.From(principal);
            afterCommit(() => AdministrationLog.UserCreated(logger, admin.UserName, admin.Id, user.UserName, user.Id));
            if (firstRole is { } role)
            {
                db.Memberships.Add(new OrganizationMembership { UserId = user.Id, OrganizationId = role.OrganizationId, Role = role.Role });
                await db.SaveChangesAsync(ct);
                afterCommit(() => AdministrationLog.MembershipAdded(logger, admin.UserName, admin.Id, user.UserName, user.Id, role.Role, role.OrganizationId));
            }
            return Results.Json(await LoadViewAsync(db, scope, clock.GetUtcNow(), user.Id, ct), statusCode: StatusCodes.Status201Created);
        }, ct);

    private static Task<IResult> SetPassword(
        string id, SetPasswordRequest request, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, UserManager<AppUser> users,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return AdministrationProblems.UserNotFound(id);
            }
            if (await OutsideAccountScopeAsync(db, await scopes.GetAsync(ct), user, ct) is { } outside)
            {
                return outside;
            }
            // Both steps renew the security stamp, so the user's cookies are rejected from their next request. A weak
            // password fails the second step, and the transaction takes the first back.
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded)
            {
                return AdministrationProblems.FromIdentity(removed);
            }
            var added = await users.AddPasswordAsync(user, request.Password);
            if (!added.Succeeded)
            {
                return AdministrationProblems.FromIdentity(added);
            }
            var admin = AdminActor.From(principal);
            afterCommit(() => AdministrationLog.PasswordReset(logger, admin.UserName, admin.Id, user.UserName!, user.Id));
            return Results.NoContent();
        }, ct);

    /// <summary>
    /// 403 unless the administrator may change <paramref name="user"/>'s account: every role the user holds is in their
    /// scope (a county administrator cannot reset the password of a city user and then sign in as them).
    /// </summary>
    internal static async Task<IResult?> OutsideAccountScopeAsync(WorkflowDbContext db, AdministrationScope scope, AppUser user, CancellationToken ct)
    {
        var held = (await AdministrationScopes.MembershipsAsync(db, user.Id, ct))[user.Id].ToList();
        return scope.MayManageAccount(held) ? null : AdministrationScopes.Outside("account", ("user", user.UserName));
    }

    /// <summary>One user's view as <paramref name="scope"/> sees it (the user must exist).</summary>
    internal static async Task<AdminUserView> LoadViewAsync(WorkflowDbContext db, AdministrationScope scope, DateTimeOffset now, string userId, CancellationToken ct) =>
        (await LoadViewsAsync(db, scope, now, userId, ct, includeUnseen: true)).Single();

    /// <summary>
    /// The views of the users <paramref name="scope"/> sees (or only <paramref name="userId"/>'s), by user name, with
    /// the memberships in the scope only.
    /// </summary>
    internal static async Task<List<AdminUserView>> LoadViewsAsync(
        WorkflowDbContext db, AdministrationScope scope, DateTimeOffset now, string? userId, CancellationToken ct, bool includeUnseen = false)
    {
        var users = db.Users.AsNoTracking();
        var memberships = db.Memberships.AsNoTracking();
        if (userId is not null)
        {
            users = users.Where(u => u.Id == userId);
            memberships = memberships.Where(m => m.UserId == userId);
        }
        var held = (await memberships
                .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.UserId, m.OrganizationId, o.Name, m.Role })
                .ToListAsync(ct))
            .ToLookup(m => m.UserId);
        return (await users.ToListAsync(ct))
            .Select(u => (User: u, Roles: held[u.Id].Select(m => new Membership(m.OrganizationId, m.Role)).ToList()))
            .Where(u => includeUnseen || scope.MaySee(u.Roles))
            .OrderBy(u => u.User.UserName, StringComparer.Ordinal)
            .Select(u => new AdminUserView(u.User.Id, u.User.UserName!, u.User.DisplayName, u.User.Email, u.User.LockoutEnd is { } end && end > now, u.User.LockoutEnd,
                held[u.User.Id].Where(m => scope.Covers(m.OrganizationId))
                    .OrderBy(m => m.OrganizationId, StringComparer.Ordinal).ThenBy(m => m.Role, StringComparer.Ordinal)
                    .Select(m => new MembershipView(m.OrganizationId, m.Name, m.Role, Roles.All.FirstOrDefault(r => r.Id == m.Role)?.Name ?? m.Role))
                    .ToList(),
                scope.MayManageAccount(u.Roles)))
            .ToList();
    }
}
