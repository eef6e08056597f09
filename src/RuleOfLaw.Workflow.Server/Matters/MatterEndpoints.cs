using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Matters;

public static class MatterEndpoints
{
    public const string DefaultDefinition = "major-administrative-decision";

    public static void MapMatterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters").WithTags("Matters");

        group.MapPost("/", Create)
            .WithSummary("Create a decision matter (drafting-unit officer or head)")
            .Produces<MatterView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", List).WithSummary("Matters I can see, newest first, with filters").Produces<MatterPage>();

        group.MapGet("/{id:guid}", async (Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
            if (matter is null || !MatterAccess.CanSee(matter, await current.GetAsync(ct)))
            {
                return ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it.");
            }
            var instance = await db.Instances.AsNoTracking().Where(i => i.MatterId == id).Select(i => new { i.Id, i.Status }).SingleOrDefaultAsync(ct);
            return Results.Ok(View(matter, instance?.Id, instance?.Status));
        }).WithSummary("One matter").Produces<MatterView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Create(
        CreateMatterRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, AssignmentResolver resolver, DeadlineCalculator deadlines,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var key = IdempotencyKey.For(actor.Id, clientKey, "create-matter:" + Guid.NewGuid(), "POST /api/matters", request);
        if (await ReplayAsync(db, key, ct) is { } seen)
        {
            return seen;
        }

        var definition = registry.Latest(request.DefinitionId ?? DefaultDefinition);
        if (definition is null)
        {
            return ApiProblem.Validation("definition-not-installed", $"程序定义 {request.DefinitionId} 未安装。Definition {request.DefinitionId} is not installed.");
        }
        if (request.Category is not null && MatterCategories.Excluded.TryGetValue(request.Category, out var excluded))
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "category-excluded", "请求内容不符合要求 / The request is not acceptable",
                excluded, "第三条第二款");
        }
        if (request.Category is not null && !MatterCategories.All.ContainsKey(request.Category))
        {
            return ApiProblem.Validation("unknown-category",
                $"事项类别应为第三条所列之一：{string.Join("、", MatterCategories.All.Keys)}。The category must be one of art. 3's kinds.", 
                new Dictionary<string, string[]> { ["category"] = [.. MatterCategories.All.Keys] });
        }
        var unknown = (request.Attributes?.Keys.AsEnumerable() ?? []).Where(a => definition.Attributes.All(d => d.Name != a)).ToList();
        if (unknown.Count > 0)
        {
            return ApiProblem.Validation("unknown-attribute", $"未定义的事项属性：{string.Join("、", unknown)}。Unknown attributes.",
                new Dictionary<string, string[]> { ["attributes"] = [.. definition.Attributes.Select(a => a.Name)] });
        }

        var draftingUnitId = request.DraftingUnitId
            ?? actor.Memberships.FirstOrDefault(m => m.Role is Roles.DraftingOfficer or Roles.DraftingHead)?.OrganizationId;
        if (draftingUnitId is null || !(actor.Holds(Roles.DraftingOfficer, draftingUnitId) || actor.Holds(Roles.DraftingHead, draftingUnitId)))
        {
            return ApiProblem.Forbidden("只有承办单位的经办人或负责人可以创建决策事项。Only a drafting-unit officer or head of that unit may create a matter.", "第十条");
        }
        var draftingUnit = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == draftingUnitId, ct);
        var resolved = await resolver.ResolveAsync(definition, draftingUnit, request.Assignments, ct);
        if (resolved.Problems.Count > 0)
        {
            return ApiProblem.Validation("assignment-unresolved", string.Join(" ", resolved.Problems));
        }
        // The decision organ's jurisdiction (a department has none of its own: it is the government's).
        var jurisdictionId = await db.Organizations.AsNoTracking().Where(o => o.Id == resolved.DecisionOrganId).Select(o => o.JurisdictionId).SingleAsync(ct)
            ?? JurisdictionSettings.DefaultId;
        if (jurisdictions.Get(jurisdictionId) is null)
        {
            return ApiProblem.Validation("jurisdiction-not-found",
                $"决策机关 {resolved.DecisionOrganId} 所属辖区 {jurisdictionId} 没有设置文件。Jurisdiction {jurisdictionId} of {resolved.DecisionOrganId} has no settings file.");
        }

        var now = clock.GetUtcNow();
        var matter = new Matter
        {
            Id = Guid.NewGuid(),
            Number = await NextNumberAsync(db, deadlines.LocalDay(now).Year, ct),
            Title = request.Title.Trim(),
            Summary = request.Summary,
            Category = request.Category,
            DefinitionId = definition.Id,
            DecisionOrganId = resolved.DecisionOrganId,
            DraftingUnitId = draftingUnit.Id,
            JurisdictionId = jurisdictionId,
            AttributesJson = JsonSerializer.Serialize(request.Attributes ?? []),
            AssignmentsJson = JsonSerializer.Serialize(resolved.Assignments),
            CreatedBy = actor.Id,
            CreatedAt = now,
        };
        db.Matters.Add(matter);
        var processed = string.IsNullOrWhiteSpace(clientKey) ? null : new ProcessedCommand
        {
            Key = key.Key, RequestHash = key.RequestHash, StatusCode = StatusCodes.Status201Created, ResponseJson = "", CreatedAt = now,
        };
        if (processed is not null)
        {
            db.ProcessedCommands.Add(processed);
        }
        string response;
        for (var attempt = 1; ; attempt++)
        {
            response = ApiJson.Serialize(View(matter, null, null));
            processed?.ResponseJson = response;
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // The same key stored meanwhile by a concurrent request (a double submission): its answer is ours.
                if (processed is not null && await ReplayAsync(db, key, ct) is { } concurrent)
                {
                    return concurrent;
                }
                // Two matters created at once drew the same number; the unique index refused one: draw again (the
                // winner's number is now the highest, so the next one is free unless yet another request won).
                matter.Number = await NextNumberAsync(db, deadlines.LocalDay(now).Year, ct);
            }
        }
        return new CommandResult(StatusCodes.Status201Created, response, false, []).ToHttp(ApiProblem.Refused);
    }

    private static async Task<IResult?> ReplayAsync(WorkflowDbContext db, IdempotencyKey key, CancellationToken ct) =>
        (await CommandReplay.FindAsync(db, key, ct))?.ToHttp(ApiProblem.Refused);

    private static async Task<IResult> List(
        CurrentActor current, WorkflowDbContext db, CancellationToken ct,
        string? q = null, string? draftingUnitId = null, string? category = null, string? status = null, int page = 1, int pageSize = 20)
    {
        if (page < 1 || pageSize is < 1 or > 200)
        {
            return ApiProblem.Validation("invalid-paging", "page 从1开始，pageSize 为1至200。page starts at 1; pageSize is 1-200.");
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

    /// <summary>
    /// Numbers like 2026-0007, per local year of creation: one above the year's highest number (not the year's count:
    /// a number skipped in a race would otherwise be drawn again and again until creation fails); the unique index
    /// catches a race. Compared as numbers, not strings, so 2026-10000 follows 2026-9999.
    /// </summary>
    internal static async Task<string> NextNumberAsync(WorkflowDbContext db, int localYear, CancellationToken ct)
    {
        var prefix = $"{localYear}-";
        var numbers = await db.Matters.AsNoTracking().Where(m => m.Number.StartsWith(prefix)).Select(m => m.Number).ToListAsync(ct);
        var highest = numbers.Select(n => int.TryParse(n.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0)
            .DefaultIfEmpty(0).Max();
        return $"{prefix}{highest + 1:D4}";
    }
}
