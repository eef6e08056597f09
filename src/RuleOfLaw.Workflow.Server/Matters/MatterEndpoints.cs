using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>
/// The reads of <c>/api/matters</c> (a list and one matter) and a matter's view. Creating a matter
/// (<c>POST /api/matters</c>) is initiation's (<c>Initiation/MatterCreation</c>), which answers as a command does.
/// </summary>
public static class MatterEndpoints
{
    public const string DefaultDefinition = "major-administrative-decision";

    public static void MapMatterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters").WithTags("Matters");

        group.MapGet("/", List).WithSummary("Matters I can see, newest first, with filters").Produces<MatterPage>();

        group.MapGet("/{id:guid}", async (Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
            if (matter is null || !MatterAccess.CanSee(matter, await current.GetAsync(ct)))
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.matter-visible"));
            }
            var instance = await db.Instances.AsNoTracking().Where(i => i.MatterId == id).Select(i => new { i.Id, i.Status }).SingleOrDefaultAsync(ct);
            // The sub-procedure links (parent matter, child matters) are shown on the single matter, not in lists.
            var (parent, children) = await MatterLinks.ReadAsync(db, matter, instance?.Id, ct);
            return Results.Ok(View(matter, instance?.Id, instance?.Status) with { Parent = parent, Children = children });
        }).WithSummary("One matter").Produces<MatterView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> List(
        CurrentActor current, WorkflowDbContext db, CancellationToken ct,
        string? q = null, string? draftingUnitId = null, string? category = null, string? status = null, int page = 1, int pageSize = 20)
    {
        if (page < 1 || pageSize is < 1 or > 200)
        {
            return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-paging", null, ("maxPageSize", 200)));
        }
        var actor = await current.GetAsync(ct);
        var query = db.Matters.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(m => m.Title.Contains(q) || m.Number.Contains(q));
        }
        if (draftingUnitId is not null)
        {
            query = query.Where(m => m.DraftingUnitId == draftingUnitId);
        }
        if (category is not null)
        {
            query = query.Where(m => m.Category == category);
        }
        var rows = await query
            .Select(m => new { Matter = m, Instance = db.Instances.Where(i => i.MatterId == m.Id).Select(i => new { i.Id, i.Status }).FirstOrDefault() })
            .ToListAsync(ct);
        // The same rule as a single matter (any organization playing a part in it), applied in memory because the
        // parts are stored as JSON; a government's matters number in the hundreds a year.
        rows = rows.Where(r => MatterAccess.CanSee(r.Matter, actor)).ToList();
        if (status is not null)
        {
            rows = rows.Where(r => status == "notStarted" ? r.Instance is null : string.Equals(r.Instance?.Status, status, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        // Ordered in memory too: SQLite cannot order by DateTimeOffset in SQL.
        var items = rows.OrderByDescending(r => r.Matter.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => View(r.Matter, r.Instance?.Id, r.Instance?.Status)).ToList();
        return Results.Ok(new MatterPage(rows.Count, page, pageSize, items));
    }

    public static MatterView View(Matter m, Guid? instanceId, string? instanceStatus) => new(
        m.Id, m.Number, m.Title, m.Summary, m.Category, m.DefinitionId, m.DecisionOrganId, m.DraftingUnitId,
        JsonSerializer.Deserialize<Dictionary<string, bool>>(m.AttributesJson) ?? [], MatterAccess.Assignments(m),
        m.CreatedBy, m.CreatedAt, instanceId, instanceStatus is null ? null : Enum.Parse<InstanceStatus>(instanceStatus), m.JurisdictionId);
}
