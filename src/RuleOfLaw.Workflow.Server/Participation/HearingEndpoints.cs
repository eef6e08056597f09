using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

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
        var participants = Hearings.Participants(h);
        var confirmations = Hearings.Confirmations(h);
        return new(h.Id, h.MatterId, h.ScheduledAt, h.Place, h.SelectionMethod, participants, h.MaterialsDueOn, h.AnnouncedAt, h.MaterialsDeliveredAt,
            h.HeldAt, h.RecordSummary, confirmations, [.. participants.Where(p => confirmations.All(c => c.Participant != p))], h.CancelledAt, h.CancelReason);
    }
}

/// <summary>Hearings (arts. 16-17): announce, deliver the materials in time (enforced), hold and record, confirm the record.</summary>
public static class Hearings
{
    private static readonly SettingPeriod NationalLeadTime = new() { Days = 7, Counting = DayCounting.Calendar, Article = "《重大行政决策程序暂行条例》第十七条" };

    public static List<string> Participants(Hearing h) => JsonSerializer.Deserialize<List<string>>(h.ParticipantsJson) ?? [];

    public static List<HearingConfirmation> Confirmations(Hearing h) => JsonSerializer.Deserialize<List<HearingConfirmation>>(h.ConfirmationsJson, ApiJson.Options) ?? [];

    public static void MapHearingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{matterId:guid}/hearings", Announce).WithTags("Participation")
            .WithSummary("Announce a hearing: time, place, selection method, participants (art. 16); refused when the materials can no longer reach the participants 7 days before (art. 17)")
            .Produces<HearingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/hearings/{id:guid}/materials-delivered", DeliverMaterials).WithTags("Participation")
            .WithSummary("Record that the hearing materials were delivered to the participants now; refused after the last lawful day (art. 17)")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/hearings/{id:guid}/record", Hold).WithTags("Participation")
            .WithSummary("Record the hearing as held with its record (笔录); refused before its time or without materials delivered in time (art. 17)")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/hearings/{id:guid}/confirmations", Confirm).WithTags("Participation")
            .WithSummary("A participant's confirmation of the hearing record (or refusal to sign, with a note)")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/hearings/{id:guid}/cancel", Cancel).WithTags("Participation")
            .WithSummary("Call off a hearing that has not been held, with a reason (journaled); a new one can be announced")
            .Produces<HearingView>().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Announce(
        Guid matterId, AnnounceHearingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, WorkflowEngine engine, TimeProvider clock, CancellationToken ct)
    {
        var (target, problem) = await writer.LoadAsync(matterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var db = writer.Db;
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/matters/{matterId}/hearings", request);
        var id = ParticipationWriter.IdFor(key, "hearing");
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            var participants = request.Participants.Select(p => p?.Trim() ?? "").ToList();
            if (participants.Any(p => p.Length is 0 or > 200) || participants.Distinct().Count() != participants.Count)
            {
                return ApiProblem.Validation("invalid-participants", "听证参加人名单不得有空白或重复的姓名（每个不超过200字符）。Participant names must be distinct and non-empty.");
            }
            var now = ConsultationEndpoints.Truncate(clock.GetUtcNow());
            var scheduledAt = ConsultationEndpoints.Truncate(request.ScheduledAt!.Value.ToUniversalTime());
            if (scheduledAt <= now)
            {
                return ApiProblem.Validation("hearing-in-past", "听证会时间应当在公告之后（提前公布）。A hearing is announced in advance.", article: "第十六条");
            }
            var calculator = engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone);
            var lead = target.State.Jurisdiction?.Periods.GetValueOrDefault("hearingMaterialsLeadTime") ?? NationalLeadTime;
            var dueOn = calculator.LatestDayBefore(calculator.LocalDay(scheduledAt), lead.Days);
            if (calculator.LocalDay(now) > dueOn)
            {
                return ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "hearing-lead-time-impossible",
                    $"听证会材料应当于召开听证会{lead}前送达听证参加人，即最迟{dueOn:yyyy-MM-dd}；该日已过，请另定听证会时间。" +
                    $"The materials must reach the participants {lead.Days} days before, by {dueOn:yyyy-MM-dd}, which has passed; choose a later date.", "第十七条");
            }
            var data = new { hearingId = id, scheduledAt, request.Place, request.SelectionMethod, participants, materialsDueOn = dueOn };
            var result = await writer.RecordAsync(target, key, "HearingAnnounced", ParticipationWriter.Step,
                $"听证会{scheduledAt:O}于{request.Place}举行，参加人{participants.Count}名。", data, _ =>
                {
                    db.Set<Hearing>().Add(new Hearing
                    {
                        Id = id,
                        MatterId = matterId,
                        ScheduledAt = scheduledAt,
                        Place = request.Place.Trim(),
                        SelectionMethod = request.SelectionMethod.Trim(),
                        ParticipantsJson = JsonSerializer.Serialize(participants),
                        MaterialsDueOn = dueOn,
                        AnnouncedAt = now,
                        AnnouncedBy = target.Actor.Id,
                    });
                    return Task.CompletedTask;
                }, ct);
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        var row = await db.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == id, ct);
        return Results.Created($"/api/matters/{matterId}/participation", HearingView.From(row));
    }

    private static Task<IResult> DeliverMaterials(Guid id, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, WorkflowEngine engine, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "materials-delivered", new { id }, writer, clock, ct, (hearing, target, now) =>
        {
            if (hearing.MaterialsDeliveredAt is not null)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-materials-already-delivered", "听证材料已记录送达。Already recorded."));
            }
            if (engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone).LocalDay(now) > hearing.MaterialsDueOn)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-materials-late",
                    $"听证会材料最迟应于{hearing.MaterialsDueOn:yyyy-MM-dd}送达（听证会7日前），现已逾期；请另定听证会时间。" +
                    $"The materials were due by {hearing.MaterialsDueOn:yyyy-MM-dd}; reschedule the hearing.", "第十七条"));
            }
            return (("HearingMaterialsDelivered", "听证会材料已送达听证参加人。", (object)new { hearingId = hearing.Id, deliveredAt = now, hearing.MaterialsDueOn },
                (Action<Hearing>)(h => h.MaterialsDeliveredAt = now)), null);
        });

    private static Task<IResult> Hold(Guid id, HearingRecordRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "record", request, writer, clock, ct, (hearing, _, now) =>
        {
            if (hearing.HeldAt is not null)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-already-recorded", "听证会笔录已记录。Already recorded."));
            }
            if (hearing.MaterialsDeliveredAt is null)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-materials-not-delivered",
                    "听证会材料未于听证会7日前送达听证参加人，不能按此安排举行听证会。The materials were not delivered in time; the hearing cannot be held as announced.", "第十七条"));
            }
            if (now < hearing.ScheduledAt)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-not-yet-held",
                    $"听证会定于{hearing.ScheduledAt:O}举行，尚未到时间。The hearing is scheduled for {hearing.ScheduledAt:O}.", "第十六条"));
            }
            var summary = request.Summary.Trim();
            return (("HearingHeld", summary, (object)new { hearingId = hearing.Id, heldAt = now, recordHash = CommentGrouping.Sha256(summary) },
                (Action<Hearing>)(h => { h.HeldAt = now; h.RecordSummary = summary; })), null);
        });

    private static Task<IResult> Confirm(Guid id, ConfirmHearingRecordRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "confirmations", request, writer, clock, ct, (hearing, _, now) =>
        {
            var participant = request.Participant.Trim();
            if (hearing.HeldAt is null)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-not-recorded", "听证会笔录尚未记录。The hearing record does not exist yet.", "第十七条"));
            }
            if (!Participants(hearing).Contains(participant))
            {
                return (null, ApiProblem.Validation("not-a-participant", $"“{participant}”不在公布的听证参加人名单中。Not on the published participant list."));
            }
            if (Confirmations(hearing).Any(c => c.Participant == participant))
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "already-confirmed", "该参加人已确认（或拒绝签字）。Already recorded for this participant."));
            }
            var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            if (request.Declined && note is null)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "reason-required", "参加人拒绝签字的，应当注明情况。Note why the participant declined."));
            }
            var confirmation = new HearingConfirmation(participant, request.Declined, note, now);
            return ((request.Declined ? "HearingRecordDeclined" : "HearingRecordConfirmed", $"{participant}{(request.Declined ? "拒绝签字：" + note : "确认笔录")}",
                (object)new { hearingId = hearing.Id, participant, request.Declined, note },
                (Action<Hearing>)(h => h.ConfirmationsJson = JsonSerializer.Serialize(Confirmations(h).Append(confirmation).ToList(), ApiJson.Options))), null);
        });

    private static Task<IResult> Cancel(Guid id, CancelHearingRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "cancel", request, writer, clock, ct, (hearing, _, now) =>
        {
            var reason = request.Reason.Trim();
            if (hearing.HeldAt is not null)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-already-recorded", "听证会已经举行，不能取消。The hearing was held."));
            }
            if (reason.Length == 0)
            {
                return (null, ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "reason-required", "取消听证会必须写明理由。A reason is required."));
            }
            return (("HearingCancelled", reason, (object)new { hearingId = hearing.Id, reason },
                (Action<Hearing>)(h => { h.CancelledAt = now; h.CancelReason = reason; })), null);
        });

    /// <summary>Loads the hearing and its matter, lets <paramref name="decide"/> refuse or describe the change, journals it and applies it.</summary>
    private static async Task<IResult> ChangeAsync(
        Guid id, string? clientKey, string action, object body, ParticipationWriter writer, TimeProvider clock, CancellationToken ct,
        Func<Hearing, ParticipationTarget, DateTimeOffset, ((string Type, string Comment, object Data, Action<Hearing> Apply)?, IResult?)> decide)
    {
        var db = writer.Db;
        var hearing = await db.Set<Hearing>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (hearing is null)
        {
            return ApiProblem.NotFound("没有这个听证会。No such hearing.");
        }
        var (target, problem) = await writer.LoadAsync(hearing.MatterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/hearings/{id}/{action}", body);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            if (hearing.CancelledAt is not null)
            {
                return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "hearing-cancelled", $"该听证会已取消：{hearing.CancelReason}。The hearing was called off.");
            }
            var (change, refusal) = decide(hearing, target, ConsultationEndpoints.Truncate(clock.GetUtcNow()));
            if (refusal is not null)
            {
                return refusal;
            }
            var (type, comment, data, apply) = change!.Value;
            var result = await writer.RecordAsync(target, key, type, ParticipationWriter.Step, comment, data, async token =>
                apply(await db.Set<Hearing>().SingleAsync(h => h.Id == id, token)), ct);
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        return Results.Ok(HearingView.From(await db.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == id, ct)));
    }
}
