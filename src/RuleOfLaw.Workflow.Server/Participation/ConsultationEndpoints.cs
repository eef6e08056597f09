using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Publishing, extending and closing an open consultation (art. 15): <see cref="ConsultationService"/> over HTTP.</summary>
public static class ConsultationEndpoints
{
    public static void MapConsultationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{matterId:guid}/consultations", async (Guid matterId, PublishConsultationRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ConsultationService consultations, CancellationToken ct) =>
                ParticipationResults.Created(await consultations.PublishAsync(matterId, request, clientKey, ct), view => $"/api/consultations/{view.Id}"))
            .WithTags("Participation")
            .WithSummary("Publish an open consultation (公开征求意见, art. 15): the period is at least the definition's minimum (the jurisdiction's consultationMinimum) unless the matter is urgent and the reason is given now")
            .Produces<ConsultationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/consultations/{id:guid}/extend", async (Guid id, ExtendConsultationRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ConsultationService consultations, CancellationToken ct) =>
                ParticipationResults.Ok(await consultations.ExtendAsync(id, request, clientKey, ct)))
            .WithTags("Participation")
            .WithSummary("Extend a running consultation's period, with a reason (journaled)")
            .Produces<ConsultationView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/consultations/{id:guid}/close", async (Guid id, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                ConsultationService consultations, CancellationToken ct) => ParticipationResults.Ok(await consultations.CloseAsync(id, clientKey, ct)))
            .WithTags("Participation")
            .WithSummary("Close a consultation whose period has ended: journals the number of comments and a hash over them")
            .Produces<ConsultationView>().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
