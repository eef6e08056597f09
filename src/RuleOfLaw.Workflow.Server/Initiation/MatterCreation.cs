using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Initiation;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Initiation;

/// <summary>
/// Creating a decision matter, shared by <c>POST /api/matters</c> and the web form so both accept and refuse exactly
/// the same requests. The rules are <see cref="MatterCreationRules"/> (domain project); like them, creation belongs to
/// initiation (决策启动), which registers it and maps <c>POST /api/matters</c> (<see cref="InitiationModule"/>). It answers
/// as a command does (idempotency key, stored answer), so it sits above <c>Instances/</c>, while <c>Matters/</c> (who
/// sees a matter, its organizations, its number, the reads of <c>/api/matters</c>) sits below it.
/// </summary>
public sealed class MatterCreation(
    WorkflowDbContext db, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, AssignmentResolver resolver,
    DeadlineCalculator deadlines, TimeProvider clock)
{
    /// <summary>
    /// The stored answer (201 new, or the first answer replayed under the same key), or the refusals of
    /// <see cref="MatterCreationRules"/>; an unknown category or attribute also lists the allowed values under
    /// <c>errors</c>, as the API has always answered.
    /// </summary>
    public async Task<ModuleOutcome<CommandResult>> CreateAsync(
        CreateMatterRequest request, string? clientKey, Actor actor, CancellationToken ct)
    {
        var key = IdempotencyKey.For(actor.Id, clientKey, "create-matter:" + Guid.NewGuid(), "POST /api/matters", request);
        if (await CommandReplay.FindAsync(db, key, ct) is { } seen)
        {
            return ModuleOutcome<CommandResult>.Ok(seen);
        }

        var definition = registry.Latest(request.DefinitionId ?? MatterEndpoints.DefaultDefinition);
        if (definition is null)
        {
            return MatterCreationRules.DefinitionNotInstalled(request.DefinitionId);
        }
        if (MatterCreationRules.Category(request.Category) is { } category)
        {
            return category.Code == "unknown-category" ? Allowed(category, "category", MatterCategories.All.Keys) : category;
        }
        var defined = definition.Attributes.Select(a => a.Name).ToList();
        if (MatterCreationRules.UnknownAttributes(request.Attributes?.Keys ?? Enumerable.Empty<string>(), defined) is { } attributes)
        {
            return Allowed(attributes, "attributes", defined);
        }

        var draftingUnitId = request.DraftingUnitId
            ?? actor.Memberships.FirstOrDefault(m => m.Role is Roles.DraftingOfficer or Roles.DraftingHead)?.OrganizationId;
        if (MatterCreationRules.DraftingUnit(draftingUnitId is not null
            && (actor.Holds(Roles.DraftingOfficer, draftingUnitId) || actor.Holds(Roles.DraftingHead, draftingUnitId))) is { } forbidden)
        {
            return forbidden;
        }
        var draftingUnit = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == draftingUnitId, ct);
        var resolved = await resolver.ResolveAsync(definition, draftingUnit, request.Assignments, ct);
        if (resolved.Problems.Count > 0)
        {
            return MatterCreationRules.AssignmentUnresolved(resolved.Problems);
        }
        // The decision organ's jurisdiction (a department has none of its own: it is the government's).
        var jurisdictionId = await db.Organizations.AsNoTracking().Where(o => o.Id == resolved.DecisionOrganId).Select(o => o.JurisdictionId).SingleAsync(ct)
            ?? JurisdictionSettings.DefaultId;
        if (jurisdictions.Get(jurisdictionId) is null)
        {
            return MatterCreationRules.JurisdictionNotFound(resolved.DecisionOrganId, jurisdictionId);
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
            catch (DbUpdateException e) when (attempt < MatterNumbers.MaxDraws && DatabaseFailure.IsConflict(e))
            {
                // The same key stored meanwhile by a concurrent request (a double submission): its answer is ours.
                if (processed is not null && await CommandReplay.FindAsync(db, key, ct) is { } concurrent)
                {
                    return ModuleOutcome<CommandResult>.Ok(concurrent);
                }
                // Two matters created at once drew the same number; the unique index refused one: draw again (the
                // winner's number is now the highest, so the next one is free unless yet another request won).
                await MatterNumbers.BackOffAsync(attempt, ct);
                matter.Number = await NextNumberAsync(deadlines.LocalDay(now).Year, ct);
            }
        }
        return ModuleOutcome<CommandResult>.Ok(new CommandResult(StatusCodes.Status201Created, response, false, []));
    }

    /// <summary>The refusal with the values <paramref name="property"/> may take, under <c>errors</c> (for a client to correct its request).</summary>
    private static ModuleOutcome<CommandResult> Allowed(Refusal refusal, string property, IEnumerable<string> values) =>
        ModuleOutcome<CommandResult>.Refused([refusal],
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [property] = [.. values] } });

    /// <inheritdoc cref="MatterNumbers.NextAsync"/>
    private Task<string> NextNumberAsync(int localYear, CancellationToken ct) => MatterNumbers.NextAsync(db, localYear, ct);
}
