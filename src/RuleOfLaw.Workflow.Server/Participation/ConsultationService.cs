using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Publishing, extending and closing an open consultation (art. 15) for the API and the step page alike: the rules are
/// <see cref="Consultations"/>'s; this loads the rows, asks the engine for the definition's period rule, journals the
/// act with the rows in one transaction (<see cref="ParticipationActs"/>) and schedules or moves the automatic close.
/// </summary>
public sealed class ConsultationService(
    ParticipationActs writer, WorkflowEngine engine, DefinitionRegistry registry, DomainTimers timers, ConsultationMail mail,
    ParticipationQueries queries, TimeProvider clock)
{
    public async Task<ParticipationOutcome<ConsultationView>> PublishAsync(Guid matterId, PublishConsultationRequest request, string? clientKey, CancellationToken ct)
    {
        var (target, denied) = await writer.LoadAsync(matterId, ParticipationTerms.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var db = writer.Db;
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/matters/{matterId}/consultations", request);
        var id = ModuleWrites.RowId(key, "consultation");
        if (await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 })
        {
            return await ViewAsync(id, ct);
        }
        var previous = await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == matterId).ToListAsync(ct);
        var zone = engine.TimeZoneOf(target.State);
        if (Consultations.MayPublish(previous.Select(c => c.Facts(zone))) is { } running)
        {
            return running;
        }
        var now = Consultations.Instant(clock.GetUtcNow());
        var definition = await registry.GetAsync(target.State.DefinitionId, target.State.DefinitionVersion, db, ct);
        var (period, refused) = Consultations.Period(now, request.OpensAt, request.ClosesAt, request.UrgencyReason,
            (opensAt, closesAt, reason) => Judge(definition, target.State, now, opensAt, closesAt, reason));
        if (refused is not null)
        {
            return refused;
        }
        var sequence = previous.Count == 0 ? 0 : previous.Max(p => p.CommentSequence);
        var documents = request.DocumentVersionIds ?? [];
        var data = new
        {
            consultationId = id, request.Title, period!.OpensAt, period.ClosesAt, minimumClosesAt = period.MinimumClosesAt, minimumRule = period.MinimumRule,
            period.Shortened, urgencyReason = period.UrgencyReason, provisionalYear = period.ProvisionalYear, documentVersionIds = documents,
            draftTextHash = CommentGrouping.Sha256(request.DraftText), explanationHash = CommentGrouping.Sha256(request.Explanation),
        };
        var result = await writer.RecordAsync(target, key, "ConsultationPublished", ParticipationTerms.Step, request.Title, data, async token =>
        {
            var consultation = new Consultation
            {
                Id = id,
                MatterId = matterId,
                Title = request.Title.Trim(),
                DraftText = request.DraftText,
                Explanation = request.Explanation,
                DocumentVersionIdsJson = JsonSerializer.Serialize(documents),
                OpensAt = period.OpensAt,
                ClosesAt = period.ClosesAt,
                MinimumClosesAt = period.MinimumClosesAt ?? period.ClosesAt,
                MinimumRule = period.MinimumRule ?? "",
                ProvisionalYear = period.ProvisionalYear,
                Shortened = period.Shortened,
                UrgencyReason = period.UrgencyReason,
                PublishedBy = target.Actor.Id,
                PublishedByName = target.Actor.DisplayName,
                PublishedAt = now,
                CommentSequence = sequence,
            };
            db.Set<Consultation>().Add(consultation);
            // It closes by itself at the end of the period (第十五条); the timer commits with the publication. A provisional
            // end gets its timer when the calendar makes it final (ProvisionalPeriods), so nothing closes it early.
            if (period.ProvisionalYear is null)
            {
                await ConsultationCloseTimer.ScheduleAsync(timers, consultation, target.State.Id, period.ClosesAt, token);
            }
            await mail.EnqueueAsync(MailKinds.ConsultationOpened, consultation, target.State.Jurisdiction?.TimeZone, token);
        }, ct);
        return result.Refusals.Count > 0 ? ParticipationProblem.FromEngine(result.Refusals) : await ViewAsync(id, ct);
    }

    public async Task<ParticipationOutcome<ConsultationView>> ExtendAsync(Guid id, ExtendConsultationRequest request, string? clientKey, CancellationToken ct)
    {
        var db = writer.Db;
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return ParticipationProblem.NotFound("not-found.consultation");
        }
        var (target, denied) = await writer.LoadAsync(consultation.MatterId, ParticipationTerms.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/consultations/{id}/extend", request);
        if (await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 })
        {
            return await ViewAsync(id, ct);
        }
        if (Consultations.MayExtend(consultation.Facts(engine.TimeZoneOf(target.State)), clock.GetUtcNow(), request.ClosesAt!.Value, request.Reason) is { } refusal)
        {
            return refusal;
        }
        var closesAt = Consultations.Instant(request.ClosesAt.Value.ToUniversalTime());
        var reason = request.Reason.Trim();
        var data = new { consultationId = id, previousClosesAt = consultation.ClosesAt, closesAt, reason };
        var result = await writer.RecordAsync(target, key, "ConsultationExtended", ParticipationTerms.Step, reason, data, async token =>
        {
            var row = await db.Set<Consultation>().SingleAsync(c => c.Id == id, token);
            var previous = row.ClosesAt;
            row.ClosesAt = closesAt;
            // The automatic close moves with the end: the old timer is cancelled (and would do nothing if it fired).
            await ConsultationCloseTimer.CancelAsync(db, id, previous, token);
            if (row.ProvisionalYear is null)
            {
                await ConsultationCloseTimer.ScheduleAsync(timers, row, target.State.Id, closesAt, token);
            }
        }, ct);
        return result.Refusals.Count > 0 ? ParticipationProblem.FromEngine(result.Refusals) : await ViewAsync(id, ct);
    }

    public async Task<ParticipationOutcome<ConsultationView>> CloseAsync(Guid id, string? clientKey, CancellationToken ct)
    {
        var db = writer.Db;
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return ParticipationProblem.NotFound("not-found.consultation");
        }
        var (target, denied) = await writer.LoadAsync(consultation.MatterId, ParticipationTerms.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/consultations/{id}/close", new { id });
        // A replay, or closed already (usually by the system at the end of the period, ConsultationCloseTimer): the close
        // the caller asked for has happened; it is journaled once.
        if (consultation.ClosedAt is not null || await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 })
        {
            return await ViewAsync(id, ct);
        }
        var now = Consultations.Instant(clock.GetUtcNow());
        if (Consultations.MayClose(consultation.Facts(engine.TimeZoneOf(target.State)), now) is { } refusal)
        {
            return refusal;
        }
        var closing = await ConsultationClosing.PrepareAsync(db, consultation, now, bySystem: false, ct);
        var result = await writer.RecordAsync(target, key, ConsultationClosing.JournalType, ParticipationTerms.Step, closing.Comment, closing.Data,
            token => closing.ApplyAsync(db, mail, target.State.Jurisdiction?.TimeZone, token), ct);
        return result.Refusals.Count > 0 && result.Refusals[0].Code != ConsultationClosing.AlreadyClosed
            ? ParticipationProblem.FromEngine(result.Refusals) : await ViewAsync(id, ct);
    }

    /// <summary>
    /// The shortest period of a consultation published now (第十五条) as the definition states it, and whether it is
    /// binding (false: the matter is urgent, a shorter period is allowed with the reason); null when the procedure sets
    /// no such rule. The step page shows it next to the form.
    /// </summary>
    public RequestedDateCheck? MinimumIfPublishedNow(ProcedureDefinition definition, InstanceState state)
    {
        var now = Consultations.Instant(clock.GetUtcNow());
        return Judge(definition, state, now, now, null, null);
    }

    /// <summary>
    /// The engine's judgment of a closing moment against the definition's period rule (version 4:
    /// <c>public-participation</c>'s <c>consultationMinimum</c>, waived when <c>urgent</c>); see <see cref="RequestedDateRules"/>.
    /// </summary>
    private RequestedDateCheck? Judge(
        ProcedureDefinition definition, InstanceState state, DateTimeOffset now, DateTimeOffset opensAt, DateTimeOffset? closesAt, string? reason) =>
        RequestedDateRules.Check(engine, registry, definition, state, ParticipationTerms.Step, now, opensAt, closesAt, reason, allowProvisional: true)?.Check;

    private async Task<ParticipationOutcome<ConsultationView>> ViewAsync(Guid id, CancellationToken ct) => (await queries.ConsultationAsync(id, ct))!;
}
