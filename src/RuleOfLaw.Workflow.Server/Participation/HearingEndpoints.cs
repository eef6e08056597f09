using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Participation;

public sealed record AnnounceHearingRequest(
    [property: Required] DateTimeOffset? ScheduledAt,
    [property: Required, MaxLength(200)] string Place,
    [property: Required, MaxLength(ParticipationLimits.ReasonLength)] string SelectionMethod,
    [property: Required, MinLength(1), MaxLength(500)] List<string> Participants);

public sealed record HearingRecordRequest([property: Required, MaxLength(ParticipationLimits.SummaryLength)] string Summary);

public sealed record ConfirmHearingRecordRequest([property: Required, MaxLength(200)] string Participant, bool Declined, [property: MaxLength(ParticipationLimits.ReasonLength)] string? Note);

public sealed record CancelHearingRequest([property: Required, MaxLength(ParticipationLimits.ReasonLength)] string Reason);

public sealed record HearingView(
    Guid Id, Guid MatterId, DateTimeOffset ScheduledAt, string Place, string SelectionMethod, List<string> Participants, DateOnly MaterialsDueOn,
    DateTimeOffset AnnouncedAt, DateTimeOffset? MaterialsDeliveredAt, DateTimeOffset? HeldAt, string? RecordSummary, List<HearingConfirmation> Confirmations,
    List<string> Unconfirmed, DateTimeOffset? CancelledAt, string? CancelReason)
{
    public static HearingView From(Hearing h)
    {
        var participants = HearingRows.Participants(h);
        var confirmations = HearingRows.Confirmations(h);
        return new(h.Id, h.MatterId, h.ScheduledAt, h.Place, h.SelectionMethod, participants, h.MaterialsDueOn, h.AnnouncedAt, h.MaterialsDeliveredAt,
            h.HeldAt, h.RecordSummary, confirmations, [.. participants.Where(p => confirmations.All(c => c.Participant != p))], h.CancelledAt, h.CancelReason);
    }
}

/// <summary>The hearing row's JSON columns read back.</summary>
public static class HearingRows
{
    public static List<string> Participants(Hearing h) => JsonSerializer.Deserialize<List<string>>(h.ParticipantsJson) ?? [];

    public static List<HearingConfirmation> Confirmations(Hearing h) => JsonSerializer.Deserialize<List<HearingConfirmation>>(h.ConfirmationsJson, ApiJson.Options) ?? [];
}

/// <summary>The hearing endpoints (arts. 16-17): each one calls <see cref="HearingService"/> and answers its outcome.</summary>
public static class HearingEndpoints
{
    public static void MapHearingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{matterId:guid}/hearings", async (Guid matterId, AnnounceHearingRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, HearingService hearings, CancellationToken ct) =>
                ParticipationResults.Created(await hearings.AnnounceAsync(matterId, request, clientKey, ct), _ => $"/api/matters/{matterId}/participation"))
            .WithTags("Participation")
            .WithSummary("Announce a hearing: time, place, selection method, participants (art. 16); refused when the materials can no longer reach the participants 7 days before (art. 17)")
            .Produces<HearingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/hearings/{id:guid}/materials-delivered", async (Guid id, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                HearingService hearings, CancellationToken ct) => ParticipationResults.Ok(await hearings.DeliverMaterialsAsync(id, clientKey, ct)))
            .WithTags("Participation")
            .WithSummary("Record that the hearing materials were delivered to the participants now; refused after the last lawful day (art. 17)")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/hearings/{id:guid}/record", async (Guid id, HearingRecordRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                HearingService hearings, CancellationToken ct) => ParticipationResults.Ok(await hearings.HoldAsync(id, request, clientKey, ct)))
            .WithTags("Participation")
            .WithSummary("Record the hearing as held with its record (笔录); refused before its time or without materials delivered in time (art. 17)")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/hearings/{id:guid}/confirmations", async (Guid id, ConfirmHearingRecordRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, HearingService hearings, CancellationToken ct) =>
                ParticipationResults.Ok(await hearings.ConfirmAsync(id, request, clientKey, ct)))
            .WithTags("Participation")
            .WithSummary("A participant's confirmation of the hearing record (or refusal to sign, with a note)")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/hearings/{id:guid}/cancel", async (Guid id, CancelHearingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                HearingService hearings, CancellationToken ct) => ParticipationResults.Ok(await hearings.CancelAsync(id, request, clientKey, ct)))
            .WithTags("Participation")
            .WithSummary("Call off a hearing that has not been held, with a reason (journaled); a new one can be announced")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
