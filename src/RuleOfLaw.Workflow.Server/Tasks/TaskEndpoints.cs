using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Tasks;

/// <summary>Completing a task: the outcome (one the step defines), the opinion or reasons, and form data.</summary>
public sealed record CompleteTaskRequest(
    [property: Required, MaxLength(64)] string Outcome,
    [property: MaxLength(CompleteTaskRequest.MaxCommentLength)] string? Comment,
    JsonObject? Data)
{
    public const int MaxCommentLength = 10_000;
    public const int MaxDataLength = 64 * 1024;
}

public sealed record InboxItem(
    Guid Id, Guid InstanceId, Guid MatterId, string MatterNumber, string MatterTitle, string StepId, string Title, string? TitleEn,
    string Role, string OrganizationId, WorkTaskStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue);

public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");

        group.MapGet("/mine", Inbox).WithSummary("My inbox: tasks for the roles I hold in my organizations (status: open, completed, all)")
            .Produces<List<InboxItem>>();

        group.MapGet("/{id:guid}", async (Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, CancellationToken ct) =>
        {
            var row = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
            var actor = await current.GetAsync(ct);
            var (record, matter) = row is null ? (null, null) : await InstanceEndpoints.FindAsync(db, row.InstanceId, ct);
            if (record is null || !(actor.Holds(row!.Role, row.OrganizationId) || MatterAccess.CanSee(matter!, actor)))
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.task-visible"));
            }
            var state = InstanceStateJson.Deserialize(record.StateJson);
            var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
            // A finished task of an earlier pass is no longer in the (bounded) state: its row and journal entries say what it was.
            var task = state.Tasks.FirstOrDefault(t => t.Id == id) ?? await TaskHistory.FindAsync(db, record.Id, id, ct);
            return Results.Ok(InstanceView.Task(state, definition, task!));
        }).WithSummary("One task with its possible outcomes, due date and the rule that computed it").Produces<TaskView>();

        group.MapPost("/{id:guid}/complete", Complete)
            .WithSummary("Complete a task with an outcome; a retry (same key, or none) returns the first answer and never transitions twice")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapPost("/api/matters/{id:guid}/steps/{stepId}/complete", CompleteStep).WithTags("Tasks")
            .WithSummary("Complete the matter's open task at a step (the one you hold), without looking its id up; same rules and idempotency as by task id")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> CompleteStep(
        Guid id, string stepId, CompleteTaskRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        CurrentActor current, TaskCompletion completion, CancellationToken ct) =>
        ModuleResults.Stored(await completion.CompleteStepAsync(id, stepId, request, clientKey, await current.GetAsync(ct), ct));

    private static async Task<IResult> Inbox(CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, TimeProvider clock, CancellationToken ct, string status = "open")
    {
        if (status is not ("open" or "completed" or "all"))
        {
            return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-status", null, ("allowed", new[] { "open", "completed", "all" })));
        }
        var actor = await current.GetAsync(ct);
        var organizations = actor.Memberships.Select(m => m.OrganizationId).Distinct().ToList();
        var roles = actor.Memberships.Select(m => m.Role).Distinct().ToList();
        var query = db.Tasks.AsNoTracking().Where(t => organizations.Contains(t.OrganizationId) && roles.Contains(t.Role));
        query = status switch
        {
            "open" => query.Where(t => t.Status == nameof(WorkTaskStatus.Open)),
            "completed" => query.Where(t => t.Status == nameof(WorkTaskStatus.Completed)),
            _ => query,
        };
        var rows = (await query.Join(db.Matters, t => t.MatterId, m => m.Id, (t, m) => new { Task = t, m.Number, m.Title }).ToListAsync(ct))
            // The exact (organization, role) pair; a party's task (a member at the meeting) is hers alone.
            .Where(r => actor.Holds(r.Task.Role, r.Task.OrganizationId) && (r.Task.PartyId is null || r.Task.PartyId == actor.Id)).ToList();
        var titlesEn = await StepTitles.EnglishAsync(db, registry, rows.Select(r => (r.Task.InstanceId, r.Task.StepId)), ct);
        var now = clock.GetUtcNow();
        return Results.Ok(rows
            .OrderBy(r => r.Task.DueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Task.CreatedAt)
            .Select(r => new InboxItem(r.Task.Id, r.Task.InstanceId, r.Task.MatterId, r.Number, r.Title, r.Task.StepId, r.Task.Title,
                titlesEn[(r.Task.InstanceId, r.Task.StepId)],
                r.Task.Role, r.Task.OrganizationId, Enum.Parse<WorkTaskStatus>(r.Task.Status), r.Task.CreatedAt, r.Task.DueAt,
                r.Task.Status == nameof(WorkTaskStatus.Open) && r.Task.DueAt < now))
            .ToList());
    }

    private static async Task<IResult> Complete(
        Guid id, CompleteTaskRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        CurrentActor current, TaskCompletion completion, CancellationToken ct) =>
        ModuleResults.Stored(await completion.CompleteAsync(id, request, clientKey, await current.GetAsync(ct), ct));
}
