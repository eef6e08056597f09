using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

public sealed record AddMembershipRequest([property: Required, MaxLength(64)] string OrganizationId, [property: Required, MaxLength(64)] string Role);

/// <summary>
/// Roles per organization: what tasks, matters and this API check. An administrator gives and takes roles only in
/// the organizations they administer; the operator role only an operator (<see cref="AdministrationScope.MayAssign"/>).
/// </summary>
public static class MembershipAdministration
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/users/{id}/memberships", Add)
            .WithSummary("Give a user a role in an organization")
            .Produces<AdminUserView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/users/{id}/memberships", Remove)
            .WithSummary("Take a role in an organization from a user (never the last administrator who can sign in)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<IResult> Add(
        string id, AddMembershipRequest request, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, TimeProvider clock,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
            if (user is null)
            {
                return AdministrationProblems.UserNotFound(id);
            }
            var scope = await scopes.GetAsync(ct);
            if (await CheckAsync(db, scope, request.OrganizationId, request.Role, ct) is { } refused)
            {
                return refused;
            }
            if (await db.Memberships.AnyAsync(m => m.UserId == id && m.OrganizationId == request.OrganizationId && m.Role == request.Role, ct))
            {
                return AdministrationProblems.Conflict("membership-exists", "role",
                    $"{user.UserName} 已在 {request.OrganizationId} 担任 {request.Role}。{user.UserName} already holds {request.Role} in {request.OrganizationId}.");
            }
            db.Memberships.Add(new OrganizationMembership { UserId = id, OrganizationId = request.OrganizationId, Role = request.Role });
            await db.SaveChangesAsync(ct);
            var admin = AdminActor.From(principal);
            afterCommit(() => AdministrationLog.MembershipAdded(logger, admin.UserName, admin.Id, user.UserName!, id, request.Role, request.OrganizationId));
            return Results.Json(await UserAdministration.LoadViewAsync(db, scope, clock.GetUtcNow(), id, ct), statusCode: StatusCodes.Status201Created);
        }, ct);

    /// <summary>
    /// Whether <paramref name="scope"/> may give <paramref name="role"/> in <paramref name="organizationId"/>: a known
    /// role (422), an existing organization (422), within the scope (403); null if so.
    /// </summary>
    internal static async Task<IResult?> CheckAsync(WorkflowDbContext db, AdministrationScope scope, string organizationId, string role, CancellationToken ct)
    {
        if (!Roles.Exists(role))
        {
            return AdministrationProblems.NotOneOf("unknown-role", "role",
                $"没有角色 {role}，应为：{string.Join("、", Roles.All.Select(r => r.Id))}。Unknown role {role}; one of the listed roles is expected.",
                Roles.All.Select(r => r.Id));
        }
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return AdministrationProblems.Invalid("unknown-organization", "organizationId",
                $"组织 {organizationId} 不存在。Organization {organizationId} does not exist.");
        }
        return scope.MayAssign(role, organizationId)
            ? null
            : role == Roles.Operator
                ? AdministrationScopes.OperatorsOnly("系统运维角色 / The operator role")
                : AdministrationScopes.Outside($"组织 {organizationId} / Organization {organizationId}");
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Task<IResult> Remove(
        string id, string organizationId, string role, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, TimeProvider clock,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
            if (user is null)
            {
                return AdministrationProblems.UserNotFound(id);
            }
            // Before looking for the membership: outside the scope nothing is said about what a user holds.
            var scope = await scopes.GetAsync(ct);
            if (!scope.MayAssign(role, organizationId))
            {
                return role == Roles.Operator
                    ? AdministrationScopes.OperatorsOnly("系统运维角色 / The operator role")
                    : AdministrationScopes.Outside($"组织 {organizationId} / Organization {organizationId}");
            }
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == id && m.OrganizationId == organizationId && m.Role == role, ct);
            if (membership is null)
            {
                return ApiProblem.NotFound($"{user.UserName} 未在 {organizationId} 担任 {role}。{user.UserName} does not hold {role} in {organizationId}.");
            }
            db.Memberships.Remove(membership);
            await db.SaveChangesAsync(ct);
            var admin = AdminActor.From(principal);
            if (role == Roles.Operator && !await AdministrativeWrite.AnyActiveOperatorAsync(db, clock.GetUtcNow(), ct))
            {
                AdministrationLog.LastAdministratorRefused(logger, admin.UserName, admin.Id, "removing the operator role", user.UserName!, id);
                return AdministrationProblems.LastOperator(
                    "这是系统中最后一个可登录的系统运维角色，移除后将无人能够管理整个系统。请先为其他用户授予系统运维角色。" +
                    "This is the last operator membership of a user who can sign in; without it nobody could administer the whole deployment. " +
                    "Give another user the operator role first.");
            }
            afterCommit(() => AdministrationLog.MembershipRemoved(logger, admin.UserName, admin.Id, user.UserName!, id, role, organizationId));
            return Results.NoContent();
        }, ct);
}
