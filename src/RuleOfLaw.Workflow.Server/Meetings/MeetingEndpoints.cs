using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// Meetings of the decision organ, the agenda and the record of the collective decision. Thin: each handler calls
/// <see cref="MeetingService"/> (the rules are <see cref="Agenda"/>'s and <see cref="CollectiveDecision"/>'s).
/// </summary>
public static class MeetingEndpoints
{
    /// <summary>The meetings module's services.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddScoped<MeetingService>();
        services.AddScoped<AgendaCandidatesQuery>();
        services.AddScoped<AgendaPoolQuery>();
        return services;
    }

    public static void MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").WithTags("Meetings");
        group.MapPost("/", async (CreateMeetingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key, MeetingService service, CancellationToken ct) =>
                (await service.CreateAsync(request, key, ct)).ToHttp())
            .WithSummary("Create a standing or plenary meeting of the decision organ (meeting secretary of its general office)")
            .Produces<MeetingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", async (MeetingService service, CancellationToken ct) => (await service.ListAsync(ct)).ToHttp())
            .WithSummary("Meetings of the organs I belong to").Produces<List<MeetingView>>();
        group.MapGet("/pool", async (AgendaPoolQuery pool, CancellationToken ct) => (await pool.RunAsync(ct)).ToHttp())
            .WithSummary("The agenda pool: matters awaiting a meeting (open meeting-scheduling tasks of my office; meeting secretaries only)")
            .Produces<List<PoolItem>>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:guid}", async (Guid id, MeetingService service, CancellationToken ct) => (await service.GetAsync(id, ct)).ToHttp())
            .WithSummary("A meeting with its agenda, materials and minutes (statements in the order spoken)").Produces<MeetingView>();
        group.MapGet("/{id:guid}/participants", async (Guid id, MeetingService service, CancellationToken ct) => (await service.ParticipantsAsync(id, ct)).ToHttp())
            .WithSummary("The organ's members and head who may sit in this meeting").Produces<List<Participant>>();
        group.MapGet("/{id:guid}/candidates", async (Guid id, bool? compliance, AgendaCandidatesQuery candidates, CancellationToken ct) =>
                (await candidates.RunAsync(id, compliance == true, ct)).ToHttp())
            .WithSummary("The running matters of the meeting's organ on no agenda, each with the agenda gates it does not meet (meeting secretary); with compliance=true also the compliance items required before the collective decision, for those awaiting scheduling (a report per matter)")
            .Produces<List<AgendaCandidate>>().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPut("/{id:guid}/attendance", async (Guid id, AttendanceRequest request, MeetingService service, CancellationToken ct) =>
                (await service.RecordAttendanceAsync(id, request, ct)).ToHttp())
            .WithSummary("Record who is present (meeting secretary), before any opinion is recorded").Produces<MeetingView>();
        group.MapPost("/{id:guid}/agenda", async (Guid id, PlaceOnAgendaRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? key,
                MeetingService service, CancellationToken ct) => (await service.PlaceAsync(id, request, key, ct)).ToHttp())
            .WithSummary("Put a matter on the agenda: refused with every unmet gate and its article; completes meeting-scheduling")
            .Produces<AgendaItemView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/agenda/{itemId:guid}/opinions", async (Guid id, Guid itemId, OpinionRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? key, MeetingService service, CancellationToken ct) =>
                (await service.RecordOpinionAsync(id, itemId, request, key, ct)).ToHttp())
            .WithSummary("Record a member's opinion verbatim (the member, or the meeting secretary for them)")
            .Produces<AgendaItemView>(StatusCodes.Status201Created);
        group.MapPost("/{id:guid}/agenda/{itemId:guid}/decision", async (Guid id, Guid itemId, HeadDecisionRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? key, MeetingService service, CancellationToken ct) =>
                (await service.DecideAsync(id, itemId, request, key, ct)).ToHttp())
            .WithSummary("The head's decision, last: every present member first; a reason when against the majority; completes collective-decision")
            .Produces<AgendaItemView>(StatusCodes.Status201Created);
        group.MapGet("/{id:guid}/agenda/{itemId:guid}/decision/verify", async (Guid id, Guid itemId, MeetingService service, CancellationToken ct) =>
                (await service.VerifyDecisionAsync(id, itemId, ct)).ToHttp())
            .WithSummary("Check the head's SM2 signature on the decision (a decision recorded before signatures: algorithm \"unsigned\")")
            .Produces<Integrity.SignatureCheck>();
        group.MapGet("/{id:guid}/agenda/{itemId:guid}/opinions/{opinionId:guid}/verify", async (Guid id, Guid itemId, Guid opinionId, MeetingService service,
                CancellationToken ct) => (await service.VerifyOpinionAsync(id, itemId, opinionId, ct)).ToHttp())
            .WithSummary("Check the member's SM2 signature on her opinion (an opinion recorded before members' opinions were signed: algorithm \"unsigned\")")
            .Produces<Integrity.SignatureCheck>();
    }
}
