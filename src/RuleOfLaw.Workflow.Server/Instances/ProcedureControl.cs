using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Cancelling, suspending (中止, art. 37) and resuming a procedure: the API's <c>POST /api/instances/{id}/cancel|suspend|resume</c>
/// and the dossier page both call this. The engine decides (a reason is required for the first two; a second cancel is
/// refused); this checks who may ask.
/// </summary>
public sealed class ProcedureControl(WorkflowDbContext db, InstanceCommandService commands)
{
    private static ProcedureTexts T => ProcedureTexts.Catalog;

    /// <summary>The stored answer (new or replayed), or the refusals: 404, 403 (art. 37 names who decides), or the engine's.</summary>
    public async Task<ModuleOutcome<CommandResult>> ControlAsync(Guid id, string operation, WorkflowCommand command, ReasonRequest? body,
        string? clientKey, Actor actor, CancellationToken ct)
    {
        var (record, matter) = await InstanceEndpoints.FindAsync(db, id, ct);
        if (record is null || !MatterAccess.CanSee(matter!, actor))
        {
            return T.NotFound("not-found.instance");
        }
        if (!MatterAccess.CanControl(matter!, actor))
        {
            return T.Forbidden("forbidden.control", "第三十七条");
        }
        // Without a client key, each request is its own command; the engine still refuses a second cancel or suspend.
        var key = IdempotencyKey.For(actor.Id, clientKey, $"{operation}:{id}:{Guid.NewGuid()}", $"POST /api/instances/{id}/{operation}", body);
        var result = await commands.ExecuteAsync(key, id, command, actor, StatusCodes.Status200OK, ct);
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }
}
