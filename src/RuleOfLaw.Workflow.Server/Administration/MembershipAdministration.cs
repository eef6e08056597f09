using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Rules;
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
                return AdministrationProblems.Refused(AdministrationTexts.Catalog.Conflict("membership-exists", null, (RequestField.Argument, "role"),
                    ("user", user.UserName), ("organization", request.OrganizationId), ("role", request.Role)));
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
            return AdministrationProblems.NotOneOf(AdministrationTexts.Catalog.Invalid("unknown-role", null, (RequestField.Argument, "role"), ("role", role),
                ("allowed", Roles.All.Select(r => r.Id).ToList())), Roles.All.Select(r => r.Id));
        }
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return AdministrationProblems.Refused(AdministrationTexts.Catalog.Invalid("unknown-organization", null, (RequestField.Argument, "organizationId"),
                ("organization", organizationId)));
        }
        return scope.MayAssign(role, organizationId)
            ? null
            : role == Roles.Operator
                ? AdministrationScopes.Outside("operator-role")
                : AdministrationScopes.Outside("organization", ("organization", organizationId));
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
                    ? AdministrationScopes.Outside("operator-role")
                    : AdministrationScopes.Outside("organization", ("organization", organizationId));
            }
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == id && m.OrganizationId == organizationId && m.Role == role, ct);
            if (membership is null)
            {
                return ApiProblem.Refused(AdministrationTexts.Catalog.NotFound("not-found.membership", null, ("user", user.UserName), ("organization", organizationId), ("role", role)));
            }
            db.Memberships.Remove(membership);
            await db.SaveChangesAsync(ct);
            var admin = AdminActor.From(principal);
            if (role == Roles.Operator && !await AdministrativeWrite.AnyActiveOperatorAsync(db, clock.GetUtcNow(), ct))
            {
                AdministrationLog.LastAdministratorRefused(logger, admin.UserName, admin.Id, "removing the operator role", user.UserName!, id);
                return ApiProblem.Refused(AdministrationTexts.Catalog.Conflict("last-operator.membership"));
            }
            afterCommit(() => AdministrationLog.MembershipRemoved(logger, admin.UserName, admin.Id, user.UserName!, id, role, organizationId));
            return Results.NoContent();
        }, ct);
}
