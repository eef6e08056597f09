using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Starting a matter's procedure: the API's <c>POST /api/instances</c> and the dossier page's start button both call
/// this. Who may start is the drafting unit (art. 10: the unit that undertakes the matter drafts and carries it); the
/// jurisdiction's settings as they are now travel with the start and are kept in the instance (a snapshot).
/// </summary>
public sealed class ProcedureStart(WorkflowDbContext db, InstanceCommandService commands, JurisdictionRegistry jurisdictions)
{
    private static ProcedureTexts T => ProcedureTexts.Catalog;

    /// <summary>The stored answer (201 when new, replayed otherwise), or the refusals: 404, 403 (art. 10), 422, or the engine's.</summary>
    public async Task<ModuleOutcome<CommandResult>> StartAsync(Guid matterId, string? clientKey, Actor actor, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return T.NotFound("not-found.matter");
        }
        if (!MatterAccess.CanDraft(matter, actor))
        {
            return T.Forbidden("forbidden.start", "第十条");
        }
        if (jurisdictions.Get(matter.JurisdictionId) is not { } jurisdiction)
        {
            return T.Invalid("jurisdiction-not-found", null, ("jurisdiction", matter.JurisdictionId));
        }
        var attributes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, bool>>(matter.AttributesJson) ?? [];
        var key = IdempotencyKey.For(actor.Id, clientKey, $"start:{matter.Id}", "POST /api/instances", new StartInstanceRequest(matter.Id));
        // The instance id is derived from the matter, so a retry after a lost response cannot start a second one.
        var command = new WorkflowCommand.Start(matter.Id, matter.Id.ToString(), attributes, MatterAccess.Assignments(matter), jurisdiction.Snapshot());
        var result = await commands.ExecuteAsync(key, matter.Id, command, actor, StatusCodes.Status201Created, ct);
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }
}
