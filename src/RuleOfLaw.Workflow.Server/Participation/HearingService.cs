using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Hearings (arts. 16-17) for the API: announce, deliver the materials, hold and record, confirm the record, call off.
/// The rules are <see cref="Hearings"/>'s; this loads the row, journals the act and applies it in one transaction.
/// </summary>
public sealed class HearingService(ParticipationActs writer, WorkflowEngine engine, TimeProvider clock)
{
    public async Task<ParticipationOutcome<HearingView>> AnnounceAsync(Guid matterId, AnnounceHearingRequest request, string? clientKey, CancellationToken ct)
    {
        var (target, denied) = await writer.LoadAsync(matterId, ParticipationTerms.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var db = writer.Db;
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/matters/{matterId}/hearings", request);
        var id = ModuleWrites.RowId(key, "hearing");
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            if (Hearings.MayAnnounceAnother(await db.Set<Hearing>().CountAsync(h => h.MatterId == matterId, ct)) is { } tooMany)
            {
                return tooMany;
            }
            var now = Consultations.Instant(clock.GetUtcNow());
            var jurisdiction = target.State.Jurisdiction;
            var (announcement, refusal) = Hearings.Announce(now, request.ScheduledAt!.Value, request.Participants,
                jurisdiction?.Periods.GetValueOrDefault("hearingMaterialsLeadTime"), engine.DeadlinesIn(jurisdiction?.TimeZone));
            if (refusal is not null)
            {
                return refusal;
            }
            var (scheduledAt, participants, dueOn) = announcement!;
            var data = new { hearingId = id, scheduledAt, request.Place, request.SelectionMethod, participants, materialsDueOn = dueOn };
            var result = await writer.RecordAsync(target, key, "HearingAnnounced", ParticipationTerms.Step,
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
                return ParticipationProblem.FromEngine(result.Refusals);
            }
        }
        return HearingView.From(await db.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == id, ct));
    }

    public Task<ParticipationOutcome<HearingView>> DeliverMaterialsAsync(Guid id, string? clientKey, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "materials-delivered", new { id }, ct, (hearing, target, now) =>
            Hearings.MayDeliverMaterials(hearing.Facts(engine.TimeZoneOf(target.State)), now, engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone)) is { } refusal
                ? (null, refusal)
                : (new("HearingMaterialsDelivered", "听证会材料已送达听证参加人。", new { hearingId = hearing.Id, deliveredAt = now, hearing.MaterialsDueOn },
                    h => h.MaterialsDeliveredAt = now), null));

    public Task<ParticipationOutcome<HearingView>> HoldAsync(Guid id, HearingRecordRequest request, string? clientKey, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "record", request, ct, (hearing, target, now) =>
        {
            if (Hearings.MayHold(hearing.Facts(engine.TimeZoneOf(target.State)), now) is { } refusal)
            {
                return (null, refusal);
            }
            var summary = request.Summary.Trim();
            return (new("HearingHeld", summary, new { hearingId = hearing.Id, heldAt = now, recordHash = CommentGrouping.Sha256(summary) },
                h => { h.HeldAt = now; h.RecordSummary = summary; }), null);
        });

    public Task<ParticipationOutcome<HearingView>> ConfirmAsync(Guid id, ConfirmHearingRecordRequest request, string? clientKey, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "confirmations", request, ct, (hearing, target, now) =>
        {
            if (Hearings.MayConfirm(hearing.Facts(engine.TimeZoneOf(target.State)), request.Participant, request.Declined, request.Note) is { } refusal)
            {
                return (null, refusal);
            }
            var participant = request.Participant.Trim();
            var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            var confirmation = new HearingConfirmation(participant, request.Declined, note, now);
            return (new(request.Declined ? "HearingRecordDeclined" : "HearingRecordConfirmed", $"{participant}{(request.Declined ? "拒绝签字：" + note : "确认笔录")}",
                new { hearingId = hearing.Id, participant, request.Declined, note },
                h => h.ConfirmationsJson = JsonSerializer.Serialize(HearingRows.Confirmations(h).Append(confirmation).ToList(), ApiJson.Options)), null);
        });

    public Task<ParticipationOutcome<HearingView>> CancelAsync(Guid id, CancelHearingRequest request, string? clientKey, CancellationToken ct) =>
        ChangeAsync(id, clientKey, "cancel", request, ct, (hearing, target, now) =>
        {
            if (Hearings.MayCancel(hearing.Facts(engine.TimeZoneOf(target.State)), request.Reason) is { } refusal)
            {
                return (null, refusal);
            }
            var reason = request.Reason.Trim();
            return (new("HearingCancelled", reason, new { hearingId = hearing.Id, reason }, h => { h.CancelledAt = now; h.CancelReason = reason; }), null);
        });

    /// <summary>What an act on a hearing journals and how it changes the row.</summary>
    private sealed record HearingChange(string Type, string Comment, object Data, Action<Hearing> Apply);

    /// <summary>Loads the hearing and its matter, lets <paramref name="decide"/> refuse (by the rules) or describe the change, journals it and applies it.</summary>
    private async Task<ParticipationOutcome<HearingView>> ChangeAsync(
        Guid id, string? clientKey, string action, object body, CancellationToken ct,
        Func<Hearing, ParticipationTarget, DateTimeOffset, (HearingChange?, Refusal?)> decide)
    {
        var db = writer.Db;
        var hearing = await db.Set<Hearing>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (hearing is null)
        {
            return ParticipationProblem.NotFound("not-found.hearing");
        }
        var (target, denied) = await writer.LoadAsync(hearing.MatterId, ParticipationTerms.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/hearings/{id}/{action}", body);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            var (change, refusal) = decide(hearing, target, Consultations.Instant(clock.GetUtcNow()));
            if (refusal is not null)
            {
                return refusal;
            }
            var result = await writer.RecordAsync(target, key, change!.Type, ParticipationTerms.Step, change.Comment, change.Data, async token =>
                change.Apply(await db.Set<Hearing>().SingleAsync(h => h.Id == id, token)), ct);
            if (result.Refusals.Count > 0)
            {
                return ParticipationProblem.FromEngine(result.Refusals);
            }
        }
        return HearingView.From(await db.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == id, ct));
    }
}
