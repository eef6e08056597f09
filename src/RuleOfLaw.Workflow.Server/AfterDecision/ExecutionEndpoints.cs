using RuleOfLaw.Workflow.AfterDecision;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Input;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// Execution (第三十四条至第三十七条): the execution unit's progress and problem reports, the public's objections
/// (accepted without sign-in), suspension of execution by the chief executive, and the new linked matter of a major
/// adjustment.
/// </summary>
/// <remarks>
/// Suspension of <i>execution</i> is a domain record, not the engine's Suspend: art. 37 stops the carrying out of
/// the decision, while filing and archiving of what was decided must go on; the engine's Suspend would freeze every
/// task of the instance. While execution is suspended, the <c>execution</c> task cannot be reported as executed.
/// </remarks>
public static class ExecutionEndpoints
{
    /// <summary>The public's identity in the journal (no account).</summary>
    public static Actor Public { get; } = new("public", "社会公众 / the public", new HashSet<Membership>());

    public static void MapExecutionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}").WithTags("Execution");
        group.MapGet("/execution", Get).WithSummary("Execution reports, suspension, public objections and adjustment matters").Produces<ExecutionView>();
        group.MapPost("/execution/reports", Report).WithSummary("The execution unit reports progress (第三十四条) or a problem (第三十五条)")
            .Produces<ExecutionEventView>(StatusCodes.Status201Created);
        group.MapPost("/execution/suspension", (Guid id, ReasonBody body, [FromHeader(Name = IdempotencyKey.Header)] string? key, CurrentActor current,
                ModuleWriter records, TimeProvider clock, CancellationToken ct) => Suspend(id, body, key, current, records, clock, suspend: true, ct))
            .WithSummary("The chief executive suspends execution, with the reason (第三十七条)").Produces<ExecutionEventView>(StatusCodes.Status201Created);
        group.MapPost("/execution/resumption", (Guid id, ReasonBody body, [FromHeader(Name = IdempotencyKey.Header)] string? key, CurrentActor current,
                ModuleWriter records, TimeProvider clock, CancellationToken ct) => Suspend(id, body, key, current, records, clock, suspend: false, ct))
            .WithSummary("The chief executive resumes a suspended execution, with the reason").Produces<ExecutionEventView>(StatusCodes.Status201Created);
        group.MapPost("/adjustments", Adjust).WithSummary("A major adjustment opens a new matter linked to this one (第三十五条、第三十七条)")
            .Produces<MatterView>(StatusCodes.Status201Created);

        // The same per-client limit as public comments (Participation): an anonymous form must not be floodable.
        app.MapPost("/api/public/matters/{id:guid}/objections", Object).AllowAnonymous().WithTags("Public")
            .RequireRateLimiting(Participation.PublicEndpoints.RateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Accepts<ObjectionRequest>("application/json")
            .WithSummary("A public objection to a decision in execution, without sign-in; returns a receipt number (第三十五条)")
            .Produces<ObjectionReceipt>(StatusCodes.Status201Created);
    }

    /// <summary>The decision is issued once the Party committee report is done (第三十一条).</summary>
    internal static bool Issued(MatterProcedure loaded) =>
        loaded.State.Steps.GetValueOrDefault(AfterDecisionSteps.PartyCommitteeReport)?.Status == StepStatus.Completed;

    internal static async Task<(bool Suspended, string? Reason)> SuspensionAsync(ModuleWriter records, Guid matterId, CancellationToken ct)
    {
        var last = (await records.Db.Set<ExecutionEvent>().AsNoTracking()
                .Where(e => e.MatterId == matterId && (e.Kind == ExecutionEventKinds.Suspended || e.Kind == ExecutionEventKinds.Resumed)).ToListAsync(ct))
            .OrderBy(e => e.RecordedAt).LastOrDefault();
        return last?.Kind == ExecutionEventKinds.Suspended ? (true, last.Text) : (false, null);
    }

    /// <summary>Also read by the execution step page (<c>Pages/AfterDecision/Execution</c>).</summary>
    internal static async Task<IResult> Get(Guid id, CurrentActor current, ModuleWriter records, CancellationToken ct)
    {
        var (loaded, _, problem) = await AfterDecisionEndpoints.LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        var db = records.Db;
        var events = await db.Set<ExecutionEvent>().AsNoTracking().Where(e => e.MatterId == id).ToListAsync(ct);
        var objections = await db.Set<PublicObjection>().AsNoTracking().Where(o => o.MatterId == id).ToListAsync(ct);
        var links = await db.Set<MatterLink>().AsNoTracking().Where(l => l.OriginalMatterId == id || l.NewMatterId == id).ToListAsync(ct);
        var (suspended, reason) = await SuspensionAsync(records, id, ct);
        return Results.Json(new ExecutionView(loaded!.Matter.Id, suspended, reason,
            events.OrderBy(e => e.RecordedAt).Select(e => new ExecutionEventView(e.Id, e.Kind, e.Text, e.RecordedByName, e.RecordedAt)).ToList(),
            objections.OrderBy(o => o.ReceivedAt).Select(o => new ObjectionView(o.ReceiptNumber, o.Text, o.SubmitterName, o.ReceivedAt)).ToList(),
            links.Select(l => new LinkView(l.OriginalMatterId, l.NewMatterId, l.Kind, l.Reason, l.CreatedAt)).ToList()), ApiJson.Options);
    }

    /// <summary>Also the execution step page's report form.</summary>
    internal static async Task<IResult> Report(
        Guid id, ExecutionReportRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        var (loaded, actor, problem) = await AfterDecisionEndpoints.LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!actor.Holds(Roles.ExecutionOfficer, loaded!.Assigned(OrganizationScopes.ExecutionUnit)))
        {
            return ApiProblem.Forbidden("只有决策执行单位可以报告执行情况。Only the execution unit reports.", "第三十四条");
        }
        if (request.Kind is not (ExecutionEventKinds.Progress or ExecutionEventKinds.Problem) || string.IsNullOrWhiteSpace(request.Text))
        {
            return ApiProblem.Invalid("invalid-report", "报告类型应为 progress 或 problem，并写明内容。Kind progress or problem, with text.", "第三十四条、第三十五条");
        }
        if (!Issued(loaded))
        {
            return ApiProblem.Conflict("decision-not-issued", "决策尚未出台，不能报告执行情况。The decision has not been issued.", "第三十四条");
        }
        return await EventAsync(records, loaded, actor, clientKey, request.Kind, request.Text, "ExecutionReported",
            request.Kind == ExecutionEventKinds.Problem ? "第三十五条" : "第三十四条", $"POST execution/reports", request, clock, ct);
    }

    private static async Task<IResult> Suspend(
        Guid id, ReasonBody body, string? clientKey, CurrentActor current, ModuleWriter records, TimeProvider clock, bool suspend, CancellationToken ct)
    {
        const string article = "第三十七条";
        var (loaded, actor, problem) = await AfterDecisionEndpoints.LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!actor.Holds(Roles.ChiefExecutive, loaded!.Matter.DecisionOrganId))
        {
            return ApiProblem.Forbidden("只有决策机关行政首长可以决定中止或恢复执行。Only the chief executive suspends or resumes execution.", article);
        }
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return ApiProblem.Invalid("reason-required", "必须写明理由。A reason is required.", article);
        }
        if (!Issued(loaded))
        {
            return ApiProblem.Conflict("decision-not-issued", "决策尚未出台。The decision has not been issued.", article);
        }
        var (suspended, _) = await SuspensionAsync(records, id, ct);
        if (suspended == suspend)
        {
            return ApiProblem.Conflict(suspend ? "already-suspended" : "not-suspended",
                suspend ? "决策执行已中止。Execution is already suspended." : "决策执行未中止。Execution is not suspended.", article);
        }
        return await EventAsync(records, loaded, actor, clientKey, suspend ? ExecutionEventKinds.Suspended : ExecutionEventKinds.Resumed, body.Reason,
            suspend ? "ExecutionSuspended" : "ExecutionResumed", article, suspend ? "POST execution/suspension" : "POST execution/resumption", body, clock, ct);
    }

    private static async Task<IResult> EventAsync(
        ModuleWriter records, MatterProcedure loaded, Actor actor, string? clientKey, string kind, string text, string type, string article,
        string operation, object request, TimeProvider clock, CancellationToken ct)
    {
        var key = IdempotencyKey.For(actor.Id, clientKey, $"{kind}:{Guid.NewGuid()}", operation, request);
        var rowId = ModuleWrites.RowId(key, "execution");
        ExecutionEvent Row() => new()
        {
            Id = rowId, MatterId = loaded.Matter.Id, Kind = kind, Text = text, RecordedBy = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = clock.GetUtcNow(),
        };
        if (loaded.State.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            // The procedure has ended (e.g. completed after execution was reported): the fact is still recorded, in
            // its own row; the journal accepts no more entries (see docs/decisions.md).
            records.Db.Add(Row());
            await records.Db.SaveChangesAsync(ct);
            return Results.Json(View(Row()), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
        var result = await records.RecordAsync(key, loaded, type, AfterDecisionSteps.Execution, text, new { kind, article }, actor, (_, _) =>
        {
            records.Db.Add(Row());
            return Task.CompletedTask;
        }, ct);
        return await AfterDecisionEndpoints.RowResultAsync<ExecutionEvent>(records, result, rowId, View, ct);
    }

    private static ExecutionEventView View(ExecutionEvent e) => new(e.Id, e.Kind, e.Text, e.RecordedByName, e.RecordedAt);

    /// <remarks>
    /// The body is read by hand with its own small limit (32 KB, not the server's 2 MB): anyone may call this, so an
    /// oversized body is refused by its Content-Length (413) or, without one, after 32 KB have been read.
    /// </remarks>
    private static async Task<IResult> Object(
        Guid id, HttpRequest http, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ModuleWriter records, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        if (http.ContentLength > ObjectionRequest.MaxBody)
        {
            return TooLarge();
        }
        var buffer = new byte[ObjectionRequest.MaxBody + 1];
        var read = 0;
        for (int n; read < buffer.Length && (n = await http.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0;)
        {
            read += n;
        }
        if (read > ObjectionRequest.MaxBody)
        {
            return TooLarge();
        }
        ObjectionRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ObjectionRequest>(buffer.AsSpan(0, read), ApiJson.Options);
        }
        catch (JsonException)
        {
            request = null;
        }
        return await ObjectAsync(id, request, clientKey, records, commands, clock, ct);
    }

    /// <summary>
    /// Whether the public may object to this matter now (第三十五条): an issued, disclosable decision whose procedure
    /// was not cancelled. The public decision page shows its objection form on the same condition.
    /// </summary>
    internal static bool AcceptsObjections(MatterProcedure loaded) =>
        Issued(loaded) && JsonSerializer.Deserialize<Dictionary<string, bool>>(loaded.Matter.AttributesJson)?.GetValueOrDefault("notDisclosable") != true
        && loaded.State.Status is not (InstanceStatus.Cancelled or InstanceStatus.Faulted);

    /// <summary>An objection once its body is read: the checks, the receipt, the journal entry. Also the public portal's objection form.</summary>
    internal static async Task<IResult> ObjectAsync(
        Guid id, ObjectionRequest? request, string? clientKey, ModuleWriter records, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第三十五条";
        if (request is null || string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > ObjectionRequest.MaxText
            || request.Name?.Length > 100 || request.Contact?.Length > 200)
        {
            return ApiProblem.Invalid("invalid-objection",
                $"意见内容为1至{ObjectionRequest.MaxText}字，姓名不超过100字，联系方式不超过200字。Text 1-{ObjectionRequest.MaxText} characters, name ≤ 100, contact ≤ 200.", article);
        }
        // Read by the handler (and by the portal's form), not bound: the input rules are applied here.
        if (InputInspector.Find("", request) is { } refusal)
        {
            return InputProblem.Result(refusal);
        }
        var loaded = await records.LoadAsync(id, ct);
        if (loaded is null || !AcceptsObjections(loaded))
        {
            return ApiProblem.NotFound("没有正在执行的已公布决策。No issued decision in execution with this id.");
        }
        var db = records.Db;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, ApiJson.Options))));
        if (!string.IsNullOrWhiteSpace(clientKey) && await db.Set<PublicObjection>().AsNoTracking().SingleOrDefaultAsync(o => o.MatterId == id && o.ClientKey == clientKey, ct) is { } seen)
        {
            return seen.RequestHash == hash
                ? new ReplayedJson(new ObjectionReceipt(seen.ReceiptNumber, id, seen.ReceivedAt))
                : ApiProblem.Conflict("idempotency-key-reused", "该 Idempotency-Key 已用于另一份意见。The key was used for a different objection.");
        }
        var now = clock.GetUtcNow();
        var row = new PublicObjection
        {
            Id = Guid.NewGuid(), MatterId = id, ReceiptNumber = $"YY{records.Calendar(loaded.State).LocalDay(now):yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}",
            Text = request.Text, SubmitterName = request.Name, Contact = request.Contact, ClientKey = string.IsNullOrWhiteSpace(clientKey) ? null : clientKey,
            RequestHash = hash, ReceivedAt = now,
        };
        if (loaded.State.Status is InstanceStatus.Running or InstanceStatus.Suspended)
        {
            var key = IdempotencyKey.For(Public.Id, null, $"objection:{row.Id}", "POST objections", request);
            var result = await commands.ExecuteAsync(key, loaded.Record.Id,
                new WorkflowCommand.Record("PublicObjectionReceived", AfterDecisionSteps.Execution, null,
                    JsonSerializer.Serialize(new { receiptNumber = row.ReceiptNumber, length = request.Text.Length, sha256 = hash }, ApiJson.Options)),
                Public, StatusCodes.Status201Created, ct, (_, _) => { db.Add(row); return Task.CompletedTask; });
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        else
        {
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }
        return Results.Json(new ObjectionReceipt(row.ReceiptNumber, id, row.ReceivedAt), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult TooLarge() => ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "request-too-large",
        "请求过大 / Request too large", $"意见不得超过{ObjectionRequest.MaxBody / 1024}KB。An objection is limited to {ObjectionRequest.MaxBody / 1024} KB.");

    /// <remarks>Also a value result (200 and the receipt), so a page calling the handler reads the receipt back.</remarks>
    private sealed class ReplayedJson(object body) : IResult, IValueHttpResult, IStatusCodeHttpResult
    {
        public object? Value => body;

        public int? StatusCode => StatusCodes.Status200OK;


        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Json(body, ApiJson.Options).ExecuteAsync(httpContext);
        }
    }

    private static async Task<IResult> Adjust(
        Guid id, AdjustmentRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        ModuleWriter records, TimeProvider clock, CancellationToken ct)
    {
        const string article = "第三十五条、第三十七条";
        var (loaded, actor, problem) = await AfterDecisionEndpoints.LoadVisibleAsync(records, current, id, ct);
        if (problem is not null)
        {
            return problem;
        }
        var original = loaded!.Matter;
        if (!(actor.Holds(Roles.ChiefExecutive, original.DecisionOrganId) || actor.Holds(Roles.DraftingHead, original.DraftingUnitId)))
        {
            return ApiProblem.Forbidden("决策机关行政首长或承办单位负责人可以启动调整程序。The chief executive or the drafting unit's head opens an adjustment.", article);
        }
        if (string.IsNullOrWhiteSpace(request.Title) || string.IsNullOrWhiteSpace(request.Reason))
        {
            return ApiProblem.Invalid("reason-required", "须写明调整事项名称和理由。Title and reason are required.", article);
        }
        if (!Issued(loaded))
        {
            return ApiProblem.Conflict("decision-not-issued", "决策尚未出台，无需调整程序。The decision has not been issued.", article);
        }
        var db = records.Db;
        var key = IdempotencyKey.For(actor.Id, clientKey, $"adjust:{Guid.NewGuid()}", "POST adjustments", request);
        var newId = ModuleWrites.RowId(key, "adjustment-matter");
        var calendar = records.Calendar(loaded.State);
        async Task AddAsync(CancellationToken c)
        {
            var now = clock.GetUtcNow();
            db.Add(new Matter
            {
                Id = newId, Number = await MatterCreation.NextNumberAsync(db, calendar.LocalDay(now).Year, c), Title = request.Title.Trim(),
                Summary = request.Summary, Category = original.Category, DefinitionId = original.DefinitionId, DecisionOrganId = original.DecisionOrganId,
                DraftingUnitId = original.DraftingUnitId, JurisdictionId = original.JurisdictionId, AttributesJson = original.AttributesJson,
                AssignmentsJson = original.AssignmentsJson, CreatedBy = actor.Id, CreatedAt = now,
            });
            db.Add(new MatterLink
            {
                Id = ModuleWrites.RowId(key, "adjustment-link"), OriginalMatterId = original.Id, NewMatterId = newId, Kind = "adjustment",
                Reason = request.Reason, CreatedBy = actor.Id, CreatedAt = now,
            });
        }
        if (loaded.State.Status is InstanceStatus.Running or InstanceStatus.Suspended)
        {
            var result = await records.RecordAsync(key, loaded, "AdjustmentMatterOpened", null, request.Reason,
                new { newMatterId = newId, title = request.Title }, actor, (_, c) => AddAsync(c), ct);
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        else
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                await AddAsync(ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                    break;
                }
                catch (DbUpdateException e) when (attempt < 5 && DatabaseFailure.IsConflict(e))
                {
                    // A concurrent matter drew the same number; draw again.
                }
            }
        }
        var created = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == newId, ct);
        return Results.Json(MatterEndpoints.View(created, null, null), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
