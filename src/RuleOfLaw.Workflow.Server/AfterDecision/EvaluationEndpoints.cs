using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>Post-decision evaluation. Thin: each handler calls <see cref="EvaluationService"/> (the rules are <c>RuleOfLaw.Workflow.AfterDecision.Evaluation</c>'s).</summary>
public static class EvaluationEndpoints
{
    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{id:guid}/evaluations", async (Guid id, StartEvaluationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                EvaluationService service, CancellationToken ct) => (await service.StartAsync(id, request, key, ct)).ToHttp())
            .WithTags("Evaluation")
            .WithSummary("Start a post-decision evaluation with an art. 36 trigger; the pre-decision assessor may not evaluate")
            .Produces<EvaluationView>(StatusCodes.Status201Created);
        app.MapGet("/api/matters/{id:guid}/evaluations", async (Guid id, EvaluationService service, CancellationToken ct) => (await service.ListAsync(id, ct)).ToHttp())
            .WithTags("Evaluation").WithSummary("The matter's evaluations").Produces<List<EvaluationView>>();
        app.MapPost("/api/evaluations/{id:guid}/inputs", async (Guid id, EvaluationInputRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                EvaluationService service, CancellationToken ct) => (await service.InputAsync(id, request, key, ct)).ToHttp())
            .WithTags("Evaluation")
            .WithSummary("Record input from the public, deputies, CPPCC members or organisations").Produces<EvaluationView>(StatusCodes.Status201Created);
        app.MapPost("/api/evaluations/{id:guid}/complete", async (Guid id, CompleteEvaluationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                EvaluationService service, CancellationToken ct) => (await service.CompleteAsync(id, request, key, ct)).ToHttp())
            .WithTags("Evaluation")
            .WithSummary("Conclude: continue, adjust, suspend or terminate").Produces<EvaluationView>();
        app.MapGet("/api/evaluations/summary", async (EvaluationService service, CancellationToken ct, int? year) => (await service.SummaryAsync(year, ct)).ToHttp())
            .WithTags("Evaluation")
            .WithSummary("Per decision organ and year: evaluations started and completed against the jurisdiction's yearly number").Produces<List<EvaluationCount>>();
    }
}
