using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

public static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances");

        group.MapPost("/", Start)
            .WithSummary("Start the procedure of a matter (drafting-unit officer or head); idempotent per matter")
            .Produces<InstanceView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id:guid}", async (Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, CancellationToken ct) =>
        {
            var (record, matter) = await FindAsync(db, id, ct);
            if (record is null || !MatterAccess.CanSee(matter!, await current.GetAsync(ct)))
            {
                return NotFound();
            }
            var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
            return Results.Ok(InstanceView.From(InstanceStateJson.Deserialize(record.StateJson), definition));
        }).WithSummary("An instance with every step's state and its open tasks").Produces<InstanceView>();

        group.MapGet("/{id:guid}/journal", async (Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
        {
            var (record, matter) = await FindAsync(db, id, ct);
            if (record is null || !MatterAccess.CanSee(matter!, await current.GetAsync(ct)))
            {
                return NotFound();
            }
            var entries = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
            return Results.Ok(entries.Select(e => new JournalEntryView(e.Sequence, e.Type, e.StepId, e.Iteration, e.TaskId, e.ActorId, e.ActorName,
                e.OccurredAt, e.Outcome, e.Comment, e.DataJson, e.PreviousHash, e.Hash, e.HashAlgorithm)
            {
                CommentText = StoredTexts.Comment(e.Comment, e.DataJson, ReaderLanguage.Culture),
            }).ToList());
        }).WithSummary("The instance's journal: who did what, when, with which outcome and data").Produces<List<JournalEntryView>>();

        group.MapGet("/{id:guid}/journal/verify", async (Guid id, CurrentActor current, WorkflowDbContext db, JournalIntegrity integrity, CancellationToken ct) =>
        {
            var (record, matter) = await FindAsync(db, id, ct);
            if (record is null || !MatterAccess.CanSee(matter!, await current.GetAsync(ct)))
            {
                return NotFound();
            }
            return Results.Ok(await integrity.VerifyAsync(record, ct));
        }).WithSummary("Check the journal: its hash chain, each entry's MAC (key outside the database) and the latest signed checkpoint holding it; the first problem is reported")
            .Produces<JournalIntegrityView>();

        group.MapPost("/{id:guid}/cancel", (Guid id, ReasonRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, HttpContext http) =>
            Control(http, id, clientKey, "cancel", body, new WorkflowCommand.Cancel(body?.Reason ?? "")))
            .WithSummary("Cancel the procedure (drafting-unit head, chief executive, administrator); a reason is required").Produces<InstanceView>();

        group.MapPost("/{id:guid}/suspend", (Guid id, ReasonRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, HttpContext http) =>
            Control(http, id, clientKey, "suspend", body, new WorkflowCommand.Suspend(body?.Reason ?? "")))
            .WithSummary("Suspend the procedure (中止, art. 37); tasks cannot be completed until it is resumed").Produces<InstanceView>();

        group.MapPost("/{id:guid}/resume", (Guid id, ReasonRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, HttpContext http) =>
            Control(http, id, clientKey, "resume", body, new WorkflowCommand.Resume(body?.Reason)))
            .WithSummary("Resume a suspended procedure").Produces<InstanceView>();

        group.MapPost("/{id:guid}/signals", Signal)
            .WithSummary("Send a named signal: completes the event steps waiting for it and triggers the events attached to active steps or to the " +
                "instance (drafting-unit head, chief executive, administrator); journaled; replayed for a repeated Idempotency-Key; 409 when nothing waits for it")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{id:guid}/scopes", AssignScope)
            .WithSummary("Name the organization for a scope the start left open (late assignment: the evaluation body when an evaluation is " +
                "ordered, art. 36); the decision organ's chief executive (the drafting unit's head too, except for the evaluation body) or an " +
                "administrator; a reason is required; journaled (ScopeAssigned) and a step waiting for the scope gets its task; 409 when the scope is held")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> AssignScope(
        Guid id, AssignScopeRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ScopeAssignmentService scopes, CancellationToken ct)
    {
        var outcome = await scopes.AssignAsync(id, request, clientKey, await current.GetAsync(ct), ct);
        return outcome.Succeeded ? outcome.Value!.ToHttp(ApiProblem.Refused) : ApiProblem.Refused(outcome.Refusals);
    }

    private static async Task<IResult> Signal(
        Guid id, SignalRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, InstanceCommandService commands, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (record, matter) = await FindAsync(db, id, ct);
        if (record is null || !MatterAccess.CanSee(matter!, actor))
        {
            return NotFound();
        }
        if (!MatterAccess.CanControl(matter!, actor))
        {
            return ApiProblem.Refused(ProcedureTexts.Catalog.Forbidden("forbidden.signal"));
        }
        // Without a client key each request is its own command: a second signal finds nothing waiting (or triggers the
        // instance's event again, as a second suspension would); a retry with the same key gets the first answer.
        var key = IdempotencyKey.For(actor.Id, clientKey, $"signal:{id}:{Guid.NewGuid()}", $"POST /api/instances/{id}/signals", request);
        var command = new WorkflowCommand.Signal(request.Signal!, request.Comment, request.Data is { } data ? data.GetRawText() : null);
        return (await commands.ExecuteAsync(key, id, command, actor, StatusCodes.Status200OK, ct)).ToHttp(ApiProblem.Refused);
    }

    private static async Task<IResult> Start(
        StartInstanceRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ProcedureStart start, CancellationToken ct)
    {
        var outcome = await start.StartAsync(request.MatterId!.Value, clientKey, await current.GetAsync(ct), ct);
        return outcome.Succeeded ? outcome.Value!.ToHttp(ApiProblem.Refused) : ApiProblem.Refused(outcome.Refusals);
    }

    private static async Task<IResult> Control(HttpContext http, Guid id, string? clientKey, string operation, ReasonRequest? body, WorkflowCommand command)
    {
        var ct = http.RequestAborted;
        var actor = await http.RequestServices.GetRequiredService<CurrentActor>().GetAsync(ct);
        var outcome = await http.RequestServices.GetRequiredService<ProcedureControl>().ControlAsync(id, operation, command, body, clientKey, actor, ct);
        return outcome.Succeeded ? outcome.Value!.ToHttp(ApiProblem.Refused) : ApiProblem.Refused(outcome.Refusals);
    }

    internal static async Task<(InstanceRecord? Record, Matter? Matter)> FindAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (record is null)
        {
            return (null, null);
        }
        return (record, await db.Matters.AsNoTracking().SingleAsync(m => m.Id == record.MatterId, ct));
    }

    private static IResult NotFound() => ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.instance-visible"));
}
