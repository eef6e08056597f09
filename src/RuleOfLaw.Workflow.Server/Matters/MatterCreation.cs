using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>
/// Creating a decision matter, shared by <c>POST /api/matters</c> and the web form so both accept and refuse exactly
/// the same requests. Returns the stored answer (new or replayed under the idempotency key) or the error.
/// </summary>
public sealed class MatterCreation(
    WorkflowDbContext db, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, AssignmentResolver resolver,
    DeadlineCalculator deadlines, TimeProvider clock)
{
    public async Task<(CommandResult? Result, CommandError? Error)> CreateAsync(
        CreateMatterRequest request, string? clientKey, Actor actor, CancellationToken ct)
    {
        var key = IdempotencyKey.For(actor.Id, clientKey, "create-matter:" + Guid.NewGuid(), "POST /api/matters", request);
        if (await CommandReplay.FindAsync(db, key, ct) is { } seen)
        {
            return (seen, null);
        }

        var definition = registry.Latest(request.DefinitionId ?? MatterEndpoints.DefaultDefinition);
        if (definition is null)
        {
            return Invalid("definition-not-installed", $"程序定义 {request.DefinitionId} 未安装。Definition {request.DefinitionId} is not installed.", "definitionId");
        }
        if (request.Category is not null && MatterCategories.Excluded.TryGetValue(request.Category, out var excluded))
        {
            return (null, new CommandError(StatusCodes.Status422UnprocessableEntity, "category-excluded", excluded, "第三条第二款", "category"));
        }
        if (request.Category is not null && !MatterCategories.All.ContainsKey(request.Category))
        {
            return Invalid("unknown-category",
                $"事项类别应为第三条所列之一：{string.Join("、", MatterCategories.All.Keys)}。The category must be one of art. 3's kinds.", "category",
                new Dictionary<string, string[]> { ["category"] = [.. MatterCategories.All.Keys] });
        }
        var unknown = (request.Attributes?.Keys.AsEnumerable() ?? []).Where(a => definition.Attributes.All(d => d.Name != a)).ToList();
        if (unknown.Count > 0)
        {
            return Invalid("unknown-attribute", $"未定义的事项属性：{string.Join("、", unknown)}。Unknown attributes.", "attributes",
                new Dictionary<string, string[]> { ["attributes"] = [.. definition.Attributes.Select(a => a.Name)] });
        }

        var draftingUnitId = request.DraftingUnitId
            ?? actor.Memberships.FirstOrDefault(m => m.Role is Roles.DraftingOfficer or Roles.DraftingHead)?.OrganizationId;
        if (draftingUnitId is null || !(actor.Holds(Roles.DraftingOfficer, draftingUnitId) || actor.Holds(Roles.DraftingHead, draftingUnitId)))
        {
            return (null, new CommandError(StatusCodes.Status403Forbidden, "forbidden",
                "只有承办单位的经办人或负责人可以创建决策事项。Only a drafting-unit officer or head of that unit may create a matter.", "第十条", "draftingUnitId"));
        }
        var draftingUnit = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == draftingUnitId, ct);
        var resolved = await resolver.ResolveAsync(definition, draftingUnit, request.Assignments, ct);
        if (resolved.Problems.Count > 0)
        {
            return Invalid("assignment-unresolved", string.Join(" ", resolved.Problems), "assignments");
        }
        // The decision organ's jurisdiction (a department has none of its own: it is the government's).
        var jurisdictionId = await db.Organizations.AsNoTracking().Where(o => o.Id == resolved.DecisionOrganId).Select(o => o.JurisdictionId).SingleAsync(ct)
            ?? JurisdictionSettings.DefaultId;
        if (jurisdictions.Get(jurisdictionId) is null)
        {
            return Invalid("jurisdiction-not-found",
                $"决策机关 {resolved.DecisionOrganId} 所属辖区 {jurisdictionId} 没有设置文件。Jurisdiction {jurisdictionId} of {resolved.DecisionOrganId} has no settings file.", null);
        }

        var now = clock.GetUtcNow();
        var matter = new Matter
        {
            Id = Guid.NewGuid(),
            Number = await NextNumberAsync(deadlines.LocalDay(now).Year, ct),
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
            response = ApiJson.Serialize(MatterEndpoints.View(matter, null, null));
            processed?.ResponseJson = response;
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (attempt < 5 && DatabaseFailure.IsConflict(e))
            {
                // The same key stored meanwhile by a concurrent request (a double submission): its answer is ours.
                if (processed is not null && await CommandReplay.FindAsync(db, key, ct) is { } concurrent)
                {
                    return (concurrent, null);
                }
                // Two matters created at once drew the same number; the unique index refused one: draw again (the
                // winner's number is now the highest, so the next one is free unless yet another request won).
                matter.Number = await NextNumberAsync(deadlines.LocalDay(now).Year, ct);
            }
        }
        return (new CommandResult(StatusCodes.Status201Created, response, false, []), null);
    }

    private static (CommandResult?, CommandError?) Invalid(string code, string message, string? field, IDictionary<string, string[]>? errors = null) =>
        (null, new CommandError(StatusCodes.Status422UnprocessableEntity, code, message, null, field, errors));

    /// <summary>
    /// Numbers like 2026-0007, per local year of creation: one above the year's highest number (not the year's count:
    /// a number skipped in a race would otherwise be drawn again and again until creation fails); the unique index
    /// catches a race. Compared as numbers, not strings, so 2026-10000 follows 2026-9999.
    /// </summary>
    private Task<string> NextNumberAsync(int localYear, CancellationToken ct) => NextNumberAsync(db, localYear, ct);

    /// <inheritdoc cref="NextNumberAsync(int, CancellationToken)"/>
    internal static async Task<string> NextNumberAsync(WorkflowDbContext db, int localYear, CancellationToken ct)
    {
        var prefix = $"{localYear}-";
        var numbers = await db.Matters.AsNoTracking().Where(m => m.Number.StartsWith(prefix)).Select(m => m.Number).ToListAsync(ct);
        var highest = numbers.Select(n => int.TryParse(n.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0)
            .DefaultIfEmpty(0).Max();
        return $"{prefix}{highest + 1:D4}";
    }
}
