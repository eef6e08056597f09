using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Server.Input;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// Execution: the execution unit's progress and problem reports, the public's objections (accepted without sign-in),
/// suspension of execution by the chief executive, and the new linked matter of a major adjustment. Thin: each
/// handler calls <see cref="ExecutionService"/> (the rules are <see cref="Execution"/>'s).
/// </summary>
public static class ExecutionEndpoints
{
    public static void MapExecutionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}").WithTags("Execution");
        group.MapGet("/execution", async (Guid id, ExecutionService service, CancellationToken ct) => (await service.GetAsync(id, ct)).ToHttp())
            .WithSummary("Execution reports, suspension, public objections and adjustment matters").Produces<ExecutionView>();
        group.MapPost("/execution/reports", async (Guid id, ExecutionReportRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                ExecutionService service, CancellationToken ct) => (await service.ReportAsync(id, request, key, ct)).ToHttp())
            .WithSummary("The execution unit reports progress (第三十四条) or a problem (第三十五条)")
            .Produces<ExecutionEventView>(StatusCodes.Status201Created);
        group.MapPost("/execution/suspension", async (Guid id, ReasonBody body, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                ExecutionService service, CancellationToken ct) => (await service.SuspendAsync(id, body, key, suspend: true, ct)).ToHttp())
            .WithSummary("The chief executive suspends execution, with the reason (第三十七条)").Produces<ExecutionEventView>(StatusCodes.Status201Created);
        group.MapPost("/execution/resumption", async (Guid id, ReasonBody body, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                ExecutionService service, CancellationToken ct) => (await service.SuspendAsync(id, body, key, suspend: false, ct)).ToHttp())
            .WithSummary("The chief executive resumes a suspended execution, with the reason").Produces<ExecutionEventView>(StatusCodes.Status201Created);
        group.MapPost("/adjustments", async (Guid id, AdjustmentRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                ExecutionService service, CancellationToken ct) => (await service.AdjustAsync(id, request, key, ct)).ToHttp())
            .WithSummary("A major adjustment opens a new matter linked to this one (第三十五条、第三十七条)")
            .Produces<MatterView>(StatusCodes.Status201Created);

        // The same per-client limit as public comments (Participation): an anonymous form must not be floodable.
        app.MapPost("/api/public/matters/{id:guid}/objections", Object).AllowAnonymous().WithTags("Public")
            .RequireRateLimiting(Participation.PublicEndpoints.RateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Accepts<ObjectionRequest>("application/json")
            .WithSummary("A public objection to a decision in execution, without sign-in; returns a receipt number (第三十五条)")
            .Produces<ObjectionReceipt>(StatusCodes.Status201Created);
    }

    /// <remarks>
    /// The body is read by hand with its own small limit (32 KB, not the server's 2 MB): anyone may call this, so an
    /// oversized body is refused by its Content-Length (413) or, without one, after 32 KB have been read.
    /// </remarks>
    private static async Task<IResult> Object(
        Guid id, HttpRequest http, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ExecutionService service, CancellationToken ct)
    {
        if (http.ContentLength > ObjectionRequest.MaxBody)
        {
            return ApiProblem.Refused(Execution.TooLarge());
        }
        var buffer = new byte[ObjectionRequest.MaxBody + 1];
        var read = 0;
        for (int n; read < buffer.Length && (n = await http.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0;)
        {
            read += n;
        }
        if (read > ObjectionRequest.MaxBody)
        {
            return ApiProblem.Refused(Execution.TooLarge());
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
        // Read here, not bound: the input rules are applied here (the portal's form by the page filter).
        if (InputInspector.Find("", request) is { } refusal)
        {
            return InputProblem.Result(refusal);
        }
        return (await service.ObjectAsync(id, request, clientKey, ct)).ToHttp();
    }
}
