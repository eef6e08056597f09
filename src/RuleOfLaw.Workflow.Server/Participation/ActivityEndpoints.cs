using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Recording a participation method other than the open consultation (art. 14): <see cref="ActivityService"/> over HTTP.</summary>
public static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{matterId:guid}/participation/activities", async (Guid matterId, RecordActivityRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ActivityService activities, CancellationToken ct) =>
                ParticipationResults.Created(await activities.RecordAsync(matterId, request, clientKey, ct), _ => $"/api/matters/{matterId}/participation"))
            .WithTags("Participation")
            .WithSummary("Record a forum, field visit, written consultation, questionnaire, poll … held (art. 14); specificGroup=true records the consultation with the affected group")
            .Produces<ActivityView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
