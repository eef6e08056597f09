using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <summary>A new organization. <c>id</c> is kebab-case (≤ 64), <c>kind</c> one of <see cref="OrganizationHierarchy.Kinds"/>.</summary>
public sealed record CreateOrganizationRequest(
    [property: Required] string Id,
    [property: Required, MaxLength(200)] string Name,
    [property: MaxLength(200)] string? NameEn,
    [property: Required, MaxLength(64)] string Kind,
    [property: MaxLength(64)] string? ParentId,
    [property: MaxLength(64)] string? JurisdictionId = null);

/// <summary>
/// New names (an absent <c>nameEn</c> clears it). <c>kind</c> and <c>parentId</c> absent or null keep the current
/// values; changing them is refused while matters refer to the organization or one below it.
/// </summary>
public sealed record UpdateOrganizationRequest(
    [property: Required, MaxLength(200)] string Name,
    [property: MaxLength(200)] string? NameEn,
    [property: MaxLength(64)] string? Kind,
    [property: MaxLength(64)] string? ParentId,
    [property: MaxLength(64)] string? JurisdictionId = null);

/// <summary>An organization as administrators see it: with how many memberships and matters refer to it.</summary>
public sealed record AdminOrganizationView(string Id, string Name, string? NameEn, string Kind, string? ParentId, string? JurisdictionId, int Memberships, int Matters);

public static class OrganizationAdministration
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/organizations", List)
            .WithSummary("The organizations you administer (operators: all), with their membership and matter counts").Produces<List<AdminOrganizationView>>();
        admin.MapPost("/organizations", Create)
            .WithSummary("Create a government, department, office or outside body under an organization you administer (top-level: operators only)")
            .Produces<AdminOrganizationView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPut("/organizations/{id}", Update)
            .WithSummary("Rename an organization; change its kind or parent only while no matter refers to it")
            .Produces<AdminOrganizationView>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> List(WorkflowDbContext db, AdministrationScopes scopes, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var organizations = (await db.Organizations.AsNoTracking().ToListAsync(ct)).Where(o => scope.Covers(o.Id)).ToList();
        var memberships = await db.Memberships.AsNoTracking().GroupBy(m => m.OrganizationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var matters = await MattersByOrganizationAsync(db, ct);
        return Results.Ok(organizations
            .OrderBy(o => o.ParentId is null ? 0 : 1).ThenBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => View(o, memberships.GetValueOrDefault(o.Id), matters.GetValueOrDefault(o.Id)?.Count ?? 0))
            .ToList());
    }

    private static Task<IResult> Create(
        CreateOrganizationRequest request, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, JurisdictionRegistry jurisdictions,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            if (!OrganizationHierarchy.IsValidId(request.Id))
            {
                return AdministrationProblems.Refused(AdministrationTexts.Catalog.Invalid("invalid-organization-id", null, (RequestField.Argument, "id"),
                    ("maxLength", OrganizationHierarchy.MaxIdLength)));
            }
            if (!OrganizationKinds.IsValid(request.Kind))
            {
                return UnknownKind(request.Kind);
            }
            var all = await db.Organizations.ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, ct);
            if (all.ContainsKey(request.Id))
            {
                return AdministrationProblems.Refused(AdministrationTexts.Catalog.Conflict("organization-exists", null, (RequestField.Argument, "id"), ("organization", request.Id)));
            }
            var organization = new Organization
            {
                Id = request.Id,
                Name = request.Name.Trim(),
                NameEn = Blank(request.NameEn),
                Kind = request.Kind,
                ParentId = Blank(request.ParentId),
                JurisdictionId = Blank(request.JurisdictionId),
            };
            if (JurisdictionProblem(organization, jurisdictions) is { } jurisdictionProblem)
            {
                return jurisdictionProblem;
            }
            if (organization.ParentId is null || all.ContainsKey(organization.ParentId))
            {
                // An unknown parent is reported by the tree check below (422), whoever asks.
                var scope = await scopes.GetAsync(ct);
                if (!scope.MayPlaceUnder(organization.ParentId))
                {
                    return organization.ParentId is null
                        ? AdministrationScopes.Outside("top-level")
                        : AdministrationScopes.Outside("parent", ("organization", organization.ParentId));
                }
            }
            all[organization.Id] = organization;
            if (OrganizationHierarchy.Check(organization, all) is { } problem)
            {
                return AdministrationProblems.Refused(problem);
            }
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(ct);
            var admin = AdminActor.From(principal);
            afterCommit(() => AdministrationLog.OrganizationCreated(logger, admin.UserName, admin.Id, organization.Id, organization.Name, organization.Kind, organization.ParentId));
            return Results.Json(View(organization, 0, 0), statusCode: StatusCodes.Status201Created);
        }, ct);

    private static Task<IResult> Update(
        string id, UpdateOrganizationRequest request, ClaimsPrincipal principal, WorkflowDbContext db, AdministrationScopes scopes, JurisdictionRegistry jurisdictions,
        ILogger<AdministrationLog> logger, CancellationToken ct) =>
        AdministrativeWrite.RunAsync(db, async afterCommit =>
        {
            var all = await db.Organizations.ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, ct);
            if (!all.TryGetValue(id, out var organization))
            {
                return ApiProblem.Refused(AdministrationTexts.Catalog.NotFound("not-found.organization", null, ("organization", id)));
            }
            var scope = await scopes.GetAsync(ct);
            if (!scope.Covers(id))
            {
                return AdministrationScopes.Outside("organization", ("organization", id));
            }
            var kind = Blank(request.Kind) ?? organization.Kind;
            var parentId = Blank(request.ParentId) ?? organization.ParentId;
            // Moving an organization (and its subtree) is allowed only under another organization of the scope.
            if (parentId != organization.ParentId && parentId is not null && all.ContainsKey(parentId) && !scope.MayPlaceUnder(parentId))
            {
                return AdministrationScopes.Outside("parent", ("organization", parentId));
            }
            if (!OrganizationKinds.IsValid(kind))
            {
                return UnknownKind(kind);
            }
            var matters = await MattersByOrganizationAsync(db, ct);
            if (kind != organization.Kind || parentId != organization.ParentId)
            {
                var field = kind != organization.Kind ? "kind" : "parentId";
                List<Organization> affected = [organization, .. OrganizationHierarchy.Descendants(organization, all)];
                var numbers = affected.SelectMany(o => matters.GetValueOrDefault(o.Id) ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
                if (numbers.Count > 0)
                {
                    var listed = string.Join(", ", numbers.Take(5)) + (numbers.Count > 5 ? $" … ({numbers.Count})" : "");
                    return AdministrationProblems.Refused(AdministrationTexts.Catalog.Conflict("organization-in-use", null, (RequestField.Argument, field),
                        ("matters", listed), ("organization", id)));
                }
                organization.Kind = kind;
                organization.ParentId = parentId;
                foreach (var changed in affected)
                {
                    if (OrganizationHierarchy.Check(changed, all) is { } problem)
                    {
                        // A problem of an organization below (its text names it) is reported under the field that was changed.
                        return AdministrationProblems.Refused(problem, changed == organization ? null : field);
                    }
                }
            }
            organization.Name = request.Name.Trim();
            organization.NameEn = Blank(request.NameEn);
            // Safe even while matters refer to it: a matter records its jurisdiction when created and a running
            // procedure keeps its snapshot of the settings, so only matters created afterwards follow the change.
            organization.JurisdictionId = Blank(request.JurisdictionId) ?? organization.JurisdictionId;
            if (JurisdictionProblem(organization, jurisdictions) is { } jurisdictionProblem)
            {
                return jurisdictionProblem;
            }
            await db.SaveChangesAsync(ct);
            var admin = AdminActor.From(principal);
            afterCommit(() => AdministrationLog.OrganizationUpdated(logger, admin.UserName, admin.Id, organization.Id, organization.Name, organization.Kind, organization.ParentId));
            var memberships = await db.Memberships.CountAsync(m => m.OrganizationId == id, ct);
            return Results.Ok(View(organization, memberships, matters.GetValueOrDefault(id)?.Count ?? 0));
        }, ct);

    private static IResult UnknownKind(string kind) =>
        AdministrationProblems.NotOneOf(AdministrationTexts.Catalog.Invalid("unknown-organization-kind", null, (RequestField.Argument, "kind"), ("kind", kind),
            ("allowed", OrganizationHierarchy.Kinds)), OrganizationHierarchy.Kinds);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static AdminOrganizationView View(Organization o, int memberships, int matters) =>
        new(o.Id, o.Name, o.NameEn, o.Kind, o.ParentId, o.JurisdictionId, memberships, matters);

    /// <summary>Only a government belongs to a jurisdiction (its departments inherit it), and it must be a loaded one.</summary>
    private static IResult? JurisdictionProblem(Organization organization, JurisdictionRegistry jurisdictions)
    {
        if (organization.JurisdictionId is not { } jurisdictionId)
        {
            return null;
        }
        if (organization.Kind != OrganizationKinds.Government)
        {
            return AdministrationProblems.Refused(AdministrationTexts.Catalog.Invalid("jurisdiction-on-non-government", null, (RequestField.Argument, "jurisdictionId")));
        }
        return jurisdictions.Get(jurisdictionId) is null
            ? AdministrationProblems.NotOneOf(AdministrationTexts.Catalog.Invalid("jurisdiction-not-found", null, (RequestField.Argument, "jurisdictionId"),
                ("jurisdiction", jurisdictionId)), [.. jurisdictions.All.Select(j => j.Id)])
            : null;
    }

    /// <summary>
    /// For each organization, the numbers of the matters that refer to it: as decision organ, drafting unit or in any
    /// assigned part. Read in memory because assignments are stored as JSON; a government's matters number in the
    /// hundreds a year (the matter list does the same).
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> MattersByOrganizationAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var matters = await db.Matters.AsNoTracking()
            .Select(m => new { m.Number, m.DecisionOrganId, m.DraftingUnitId, m.AssignmentsJson }).ToListAsync(ct);
        var byOrganization = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var matter in matters)
        {
            var assigned = JsonSerializer.Deserialize<Dictionary<string, string>>(matter.AssignmentsJson)?.Values.AsEnumerable() ?? [];
            foreach (var organizationId in assigned.Append(matter.DecisionOrganId).Append(matter.DraftingUnitId).Distinct(StringComparer.Ordinal))
            {
                if (!byOrganization.TryGetValue(organizationId, out var numbers))
                {
                    byOrganization[organizationId] = numbers = [];
                }
                numbers.Add(matter.Number);
            }
        }
        return byOrganization;
    }
}
