using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Organizations;

public sealed record OrganizationView(string Id, string Name, string? NameEn, string Kind, string? ParentId, string? JurisdictionId);

public sealed record VocabularyView(IReadOnlyList<RoleInfo> Roles, IReadOnlyList<ScopeInfo> Scopes);

public static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Organizations");

        group.MapGet("/organizations", async (WorkflowDbContext db, CancellationToken ct) =>
            (await db.Organizations.AsNoTracking().ToListAsync(ct))
                .OrderBy(o => o.ParentId is null ? 0 : 1).ThenBy(o => o.Id, StringComparer.Ordinal)
                .Select(o => new OrganizationView(o.Id, o.Name, o.NameEn, o.Kind, o.ParentId, o.JurisdictionId)).ToList())
            .WithSummary("Organizations: governments (decision organs), their departments and offices, outside bodies");

        group.MapGet("/roles", () => new VocabularyView(Roles.All, OrganizationScopes.All))
            .WithSummary("The roles people hold and the parts (scopes) organizations play in a matter");
    }
}
