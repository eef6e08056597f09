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

    /// <summary>
    /// 403 <c>outside-administration-scope</c>: what the request would touch lies outside what the administrator
    /// administers (<paramref name="what"/>: organization, parent, account, instance), or belongs to the whole
    /// deployment (operator-role, top-level), which only operators handle.
    /// </summary>
    public static IResult Outside(string what, params (string Name, object? Value)[] arguments) =>
        ApiProblem.Refused(AdministrationTexts.Catalog.Forbidden($"{OutsideScope}.{what}", null, arguments));
}
