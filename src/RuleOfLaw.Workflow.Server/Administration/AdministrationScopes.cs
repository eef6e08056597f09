using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>
/// The signed-in user's <see cref="AdministrationScope"/>, read fresh from the database on each call (their roles and
/// the organization tree; not cached, so an administrative write run again after a serialization failure sees the
/// roles as they are now), and the refusal for a request outside it.
/// </summary>
public sealed class AdministrationScopes(IHttpContextAccessor http, WorkflowDbContext db)
{
    public const string OutsideScope = "outside-administration-scope";

    public async Task<AdministrationScope> GetAsync(CancellationToken ct)
    {
        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var memberships = userId is null
            ? []
            : await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => new Membership(m.OrganizationId, m.Role)).ToListAsync(ct);
        return await ForAsync(db, memberships, ct);
    }

    public static async Task<AdministrationScope> ForAsync(WorkflowDbContext db, IEnumerable<Membership> memberships, CancellationToken ct)
    {
        var parents = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.ParentId }).ToDictionaryAsync(o => o.Id, o => o.ParentId, StringComparer.Ordinal, ct);
        return AdministrationScope.Of(memberships, parents);
    }

    /// <summary>The memberships of <paramref name="userId"/> (or of every user), for the account rules.</summary>
    public static async Task<ILookup<string, Membership>> MembershipsAsync(WorkflowDbContext db, string? userId, CancellationToken ct)
    {
        var query = db.Memberships.AsNoTracking();
        if (userId is not null)
        {
            query = query.Where(m => m.UserId == userId);
        }
        return (await query.Select(m => new { m.UserId, m.OrganizationId, m.Role }).ToListAsync(ct))
            .ToLookup(m => m.UserId, m => new Membership(m.OrganizationId, m.Role));
    }

    /// <summary>403 <c>outside-administration-scope</c>: what the request would touch lies outside what the administrator administers.</summary>
    public static IResult Outside(string what) =>
        ApiProblem.Create(StatusCodes.Status403Forbidden, OutsideScope, "超出管理范围 / Outside your administration",
            $"{what} 不在您管理的组织范围内：管理员只管理其任职组织及其下级组织，跨政府的事项由系统运维人员办理。" +
            $"{what} is outside what you administer: administrators act within the organization where they hold the role and the organizations below it; " +
            "across governments, ask an operator.");

    /// <summary>403 for what belongs to the whole deployment.</summary>
    public static IResult OperatorsOnly(string what) =>
        ApiProblem.Create(StatusCodes.Status403Forbidden, OutsideScope, "超出管理范围 / Outside your administration",
            $"{what} 涉及整个系统，只有系统运维人员可以办理。{what} concerns the whole deployment; only operators may do it.");
}
