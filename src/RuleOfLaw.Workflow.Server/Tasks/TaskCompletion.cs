using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Tasks;

/// <summary>
/// Completing a task: <c>POST /api/tasks/{id}/complete</c>, <c>POST /api/matters/{id}/steps/{stepId}/complete</c>, the
/// generic task form (<c>Web/TaskPageModel</c>) and the legality review's pages all call this. The engine checks the
/// outcome, the role and the step's guards (<c>IStepCompletionGuard</c>); the idempotency key makes a retry, from the API
/// or a second click on a page (same key), answer the first answer instead of completing twice.
/// </summary>
public sealed class TaskCompletion(WorkflowDbContext db, InstanceCommandService commands)
{
    /// <summary>The stored answer (200, replayed on a retry), or the refusals: 422 (data too large), 404, or the engine's.</summary>
    public async Task<ModuleOutcome<CommandResult>> CompleteAsync(
        Guid id, CompleteTaskRequest request, string? clientKey, Actor actor, CancellationToken ct)
    {
        var data = request.Data?.ToJsonString();
        if (data is { Length: > CompleteTaskRequest.MaxDataLength })
        {
            return ProblemTexts.Catalog.Invalid("data-too-large", null, (ModuleActs.Field, "data"), ("limitKb", CompleteTaskRequest.MaxDataLength / 1024));
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"complete-task:{id}", $"POST /api/tasks/{id}/complete",
            new { request.Outcome, request.Comment, Data = data });
        // The task's instance is loaded through the task (one query); an unknown task is refused not-found.task (404).
        var result = await commands.CompleteTaskAsync(key, new WorkflowCommand.CompleteTask(id, request.Outcome, request.Comment, data),
            actor, StatusCodes.Status200OK, ct);
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }

    /// <summary>
    /// Completing the task of a matter's step without its id (<see cref="StepTaskLookup"/>): the same rules and
    /// idempotency as by task id, or <c>not-found</c> (404), <c>step-ambiguous</c> or <c>no-open-task</c> (409).
    /// </summary>
    public async Task<ModuleOutcome<CommandResult>> CompleteStepAsync(
        Guid matterId, string stepId, CompleteTaskRequest request, string? clientKey, Actor actor, CancellationToken ct)
    {
        var (taskId, refusal) = await StepTaskLookup.FindAsync(matterId, stepId, actor, db, ct);
        return refusal ?? await CompleteAsync(taskId!.Value, request, clientKey, actor, ct);
    }
}
