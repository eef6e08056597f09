using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>A new user. The password must satisfy Identity's rules (at least 10 characters, upper and lower case, a digit, a symbol).</summary>
public sealed record CreateUserRequest(
    [property: Required, MaxLength(256)] string UserName,
    [property: Required, MaxLength(200)] string DisplayName,
    [property: MaxLength(256), EmailAddress] string? Email,
    [property: Required, MaxLength(256)] string Password);

public sealed record SetPasswordRequest([property: Required, MaxLength(256)] string Password);

/// <summary>
/// A user as administrators see it. <c>lockedOut</c> is on the server's clock; an administrator's lock has no end
/// (<c>lockoutEnd</c> 9999-12-31) until unlocked, a lock after failed sign-ins ends by itself.
/// </summary>
public sealed record AdminUserView(
    string Id, string UserName, string DisplayName, string? Email, bool LockedOut, DateTimeOffset? LockoutEnd, IReadOnlyList<MembershipView> Memberships);

public static class UserAdministration
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/users", async (WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(await LoadViewsAsync(db, clock.GetUtcNow(), null, ct)))
            .WithSummary("All users with their roles per organization and whether they are locked out").Produces<List<AdminUserView>>();
        admin.MapPost("/users", Create)
            .WithSummary("Create a user (no roles yet: add memberships)")
            .Produces<AdminUserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/users/{id}/password", SetPassword)
            .WithSummary("Set a new password for a user; their signed-in sessions end (API tokens stay valid)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static Task<IResult> Create(
        CreateUserRequest request, ClaimsPrincipal principal, WorkflowDbContext db, UserManager<AppUser> users, TimeProvider clock,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            // Checked before the password, so a taken name is reported as such whatever the password.
            if (await users.FindByNameAsync(request.UserName) is not null)
            {
                return AdministrationProblems.Conflict("user-exists", "userName", $"用户名 {request.UserName} 已被使用。The user name {request.UserName} is taken.");
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
            return Results.Json(await LoadViewAsync(db, clock.GetUtcNow(), user.Id, ct), statusCode: StatusCodes.Status201Created);
        }, ct);

    private static Task<IResult> SetPassword(
        string id, SetPasswordRequest request, ClaimsPrincipal principal, WorkflowDbContext db, UserManager<AppUser> users,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return AdministrationProblems.UserNotFound(id);
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

    /// <summary>One user's view (the user must exist).</summary>
    internal static async Task<AdminUserView> LoadViewAsync(WorkflowDbContext db, DateTimeOffset now, string userId, CancellationToken ct) =>
        (await LoadViewsAsync(db, now, userId, ct)).Single();

    /// <summary>Every user's view, or only <paramref name="userId"/>'s, by user name.</summary>
    internal static async Task<List<AdminUserView>> LoadViewsAsync(WorkflowDbContext db, DateTimeOffset now, string? userId, CancellationToken ct)
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
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new AdminUserView(u.Id, u.UserName!, u.DisplayName, u.Email, u.LockoutEnd is { } end && end > now, u.LockoutEnd,
                held[u.Id].OrderBy(m => m.OrganizationId, StringComparer.Ordinal).ThenBy(m => m.Role, StringComparer.Ordinal)
                    .Select(m => new MembershipView(m.OrganizationId, m.Name, m.Role, Roles.All.FirstOrDefault(r => r.Id == m.Role)?.Name ?? m.Role))
                    .ToList()))
            .ToList();
    }
}
