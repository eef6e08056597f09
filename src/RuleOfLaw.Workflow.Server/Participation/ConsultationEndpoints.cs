using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Publishing, extending and closing an open consultation (art. 15).</summary>
public static class ConsultationEndpoints
{
    public static void MapConsultationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{matterId:guid}/consultations", Publish).WithTags("Participation")
            .WithSummary("Publish an open consultation (公开征求意见, art. 15): the period is at least the definition's minimum (the jurisdiction's consultationMinimum) unless the matter is urgent and the reason is given now")
            .Produces<ConsultationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/consultations/{id:guid}/extend", Extend).WithTags("Participation")
            .WithSummary("Extend a running consultation's period, with a reason (journaled)")
            .Produces<ConsultationView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/consultations/{id:guid}/close", Close).WithTags("Participation")
            .WithSummary("Close a consultation whose period has ended: journals the number of comments and a hash over them")
            .Produces<ConsultationView>().ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> Publish(
        Guid matterId, PublishConsultationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, WorkflowEngine engine, DefinitionRegistry registry, DomainTimers timers, ConsultationMail mail, TimeProvider clock,
        CancellationToken ct)
    {
        var (target, problem) = await writer.LoadAsync(matterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var db = writer.Db;
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/matters/{matterId}/consultations", request);
        var id = ParticipationWriter.IdFor(key, "consultation");
        if (await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 })
        {
            return await ViewAsync(db, id, clock, StatusCodes.Status201Created, ct);
        }
        var previous = await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == matterId).ToListAsync(ct);
        if (previous.FirstOrDefault(c => c.ClosedAt is null) is { } running)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "consultation-already-open",
                $"本事项已有未结束的公开征求意见（{running.Title}），结束后才能再次发布。A consultation of this matter is still running.", "第十五条");
        }

        var now = Truncate(clock.GetUtcNow());
        var opensAt = request.OpensAt is { } o ? Truncate(o.ToUniversalTime()) : now;
        if (opensAt < now)
        {
            return ApiProblem.Validation("opens-in-past", "开始时间不能早于发布时间（不得倒签）。The consultation cannot open before it is published.", article: "第十五条");
        }
        // The period rule is the definition's (第十五条: public-participation's consultationMinimum unless urgent, with the
        // reason stated now); the engine judges the closing moment asked for against it.
        var definition = await registry.GetAsync(target.State.DefinitionId, target.State.DefinitionVersion, db, ct);
        var urgencyReason = string.IsNullOrWhiteSpace(request.UrgencyReason) ? null : request.UrgencyReason.Trim();
        // A minimum ending in a year without a holiday calendar is provisional (issue 16 item 6): the consultation opens
        // and runs at least until its earliest possible end; loading that year's calendar makes the end final.
        var rule = MinimumRule(engine, registry, definition, target.State, now, opensAt, null, null);
        if (rule?.Check.Refusals is [var counting, ..])
        {
            return ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, counting.Code, counting.Message, counting.Article ?? "第十五条");
        }
        var minimum = rule?.Check.Minimum;
        if ((request.ClosesAt ?? minimum?.EndsAtUtc) is not { } end)
        {
            return ApiProblem.Validation("invalid-period",
                "本程序的定义没有规定公开征求意见的最短期限，须写明截止时间。The procedure's definition sets no minimum period; give the closing moment.");
        }
        var closesAt = Truncate(end.ToUniversalTime());
        if (closesAt <= opensAt)
        {
            return ApiProblem.Validation("invalid-period", "截止时间必须晚于开始时间。The consultation must close after it opens.");
        }
        var shortened = minimum is not null && closesAt < minimum.EndsAtUtc;
        var provisionalYear = minimum is { ProvisionalYear: { } missing } && !shortened ? missing : (int?)null;
        if (MinimumRule(engine, registry, definition, target.State, now, opensAt, closesAt, urgencyReason)?.Check.Refusals.FirstOrDefault() is { } refusal)
        {
            return refusal.Code switch
            {
                RequestedDateCheck.TooEarly => ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "consultation-period-too-short",
                    $"公开征求意见的期限不得少于{rule!.Period}（本次应至{minimum!.LastDay:yyyy-MM-dd}届满：{rule.Check.Rule}）；只有情况紧急的事项才能缩短。" +
                    $"The period must be at least {rule.Period} (until the end of {minimum.LastDay:yyyy-MM-dd}); only an urgent matter may shorten it.", refusal.Article ?? "第十五条"),
                RequestedDateCheck.ReasonRequired => ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "urgency-reason-required",
                    $"因情况紧急缩短公开征求意见期限（少于{rule!.Period}）的，应当在公开征求意见时说明理由。A shortened period needs the reason stated at publication.",
                    refusal.Article ?? "第十五条"),
                _ => ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, refusal.Code, refusal.Message, refusal.Article ?? "第十五条"),
            };
        }

        var sequence = previous.Count == 0 ? 0 : previous.Max(p => p.CommentSequence);
        var documents = request.DocumentVersionIds ?? [];
        var data = new
        {
            consultationId = id, request.Title, opensAt, closesAt, minimumClosesAt = minimum?.EndsAtUtc, minimumRule = rule?.Check.Rule,
            shortened, urgencyReason = shortened ? urgencyReason : null, provisionalYear, documentVersionIds = documents,
            draftTextHash = CommentGrouping.Sha256(request.DraftText), explanationHash = CommentGrouping.Sha256(request.Explanation),
        };
        var result = await writer.RecordAsync(target, key, "ConsultationPublished", ParticipationWriter.Step, request.Title, data, async token =>
        {
            var consultation = new Consultation
            {
                Id = id,
                MatterId = matterId,
                Title = request.Title.Trim(),
                DraftText = request.DraftText,
                Explanation = request.Explanation,
                DocumentVersionIdsJson = JsonSerializer.Serialize(documents),
                OpensAt = opensAt,
                ClosesAt = closesAt,
                MinimumClosesAt = minimum?.EndsAtUtc ?? closesAt,
                MinimumRule = rule?.Check.Rule ?? "",
                ProvisionalYear = provisionalYear,
                Shortened = shortened,
                UrgencyReason = shortened ? urgencyReason : null,
                PublishedBy = target.Actor.Id,
                PublishedByName = target.Actor.DisplayName,
                PublishedAt = now,
                CommentSequence = sequence,
            };
            db.Set<Consultation>().Add(consultation);
            // It closes by itself at the end of the period (第十五条); the timer commits with the publication. A provisional
            // end gets its timer when the calendar makes it final (ProvisionalPeriods), so nothing closes it early.
            if (provisionalYear is null)
            {
                await ConsultationCloseTimer.ScheduleAsync(timers, consultation, target.State.Id, closesAt, token);
            }
            await mail.EnqueueAsync(MailKinds.ConsultationOpened, consultation, target.State.Jurisdiction?.TimeZone, token);
        }, ct);
        return result.Refusals.Count > 0 ? ApiProblem.Refused(result.Refusals) : await ViewAsync(db, id, clock, StatusCodes.Status201Created, ct);
    }

    internal static async Task<IResult> Extend(
        Guid id, ExtendConsultationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, DomainTimers timers, TimeProvider clock, CancellationToken ct)
    {
        var db = writer.Db;
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return ApiProblem.NotFound("没有这个公开征求意见。No such consultation.");
        }
        var (target, problem) = await writer.LoadAsync(consultation.MatterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/consultations/{id}/extend", request);
        if (await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 })
        {
            return await ViewAsync(db, id, clock, StatusCodes.Status200OK, ct);
        }
        var now = Truncate(clock.GetUtcNow());
        if (consultation.SealedAt is not null || consultation.ClosedAt is not null || now >= consultation.ClosesAt)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "consultation-ended",
                "征求意见期限已届满，不能再延长；如需继续听取意见，请重新发布公开征求意见。The period has ended and cannot be extended; publish a new consultation instead.", "第十五条");
        }
        var closesAt = Truncate(request.ClosesAt!.Value.ToUniversalTime());
        if (closesAt <= consultation.ClosesAt)
        {
            return ApiProblem.Validation("extension-not-later", $"延长后的截止时间必须晚于原截止时间（{consultation.ClosesAt:O}）。The new end must be later than the current one.");
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "reason-required", "延长期限必须写明理由。An extension needs a reason.", "第十五条");
        }
        var data = new { consultationId = id, previousClosesAt = consultation.ClosesAt, closesAt, reason = request.Reason.Trim() };
        var result = await writer.RecordAsync(target, key, "ConsultationExtended", ParticipationWriter.Step, request.Reason.Trim(), data, async token =>
        {
            var row = await db.Set<Consultation>().SingleAsync(c => c.Id == id, token);
            var previous = row.ClosesAt;
            row.ClosesAt = closesAt;
            // The automatic close moves with the end: the old timer is cancelled (and would do nothing if it fired).
            await ConsultationCloseTimer.CancelAsync(db, id, previous, token);
            await ConsultationCloseTimer.ScheduleAsync(timers, row, target.State.Id, closesAt, token);
        }, ct);
        return result.Refusals.Count > 0 ? ApiProblem.Refused(result.Refusals) : await ViewAsync(db, id, clock, StatusCodes.Status200OK, ct);
    }

    internal static async Task<IResult> Close(
        Guid id, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ParticipationWriter writer, ConsultationMail mail, TimeProvider clock, CancellationToken ct)
    {
        var db = writer.Db;
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return ApiProblem.NotFound("没有这个公开征求意见。No such consultation.");
        }
        var (target, problem) = await writer.LoadAsync(consultation.MatterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/consultations/{id}/close", new { id });
        if (await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 })
        {
            return await ViewAsync(db, id, clock, StatusCodes.Status200OK, ct);
        }
        if (consultation.ClosedAt is not null)
        {
            // Closed already (usually by the system at the end of the period, ConsultationCloseTimer): the close the
            // caller asked for has happened; it is journaled once.
            return await ViewAsync(db, id, clock, StatusCodes.Status200OK, ct);
        }
        var now = Truncate(clock.GetUtcNow());
        if (consultation.ProvisionalYear is { } year)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, ProvisionalPeriods.StillProvisional,
                $"征求意见期限至少至{consultation.ClosesAt:O}，最终期限待{year}年节假日日历加载后确定，确定前不能结束（不得缩短期限）。" +
                $"The period runs at least until {consultation.ClosesAt:O} and becomes final when the {year} holiday calendar is loaded; it cannot be closed before.", "第十五条");
        }
        if (now < consultation.ClosesAt)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "consultation-still-open",
                $"征求意见期限至{consultation.ClosesAt:O}届满，届满前不能结束（不得缩短已公布的期限）。The period runs until {consultation.ClosesAt:O}; it cannot be cut short.", "第十五条");
        }
        var closing = await ConsultationClosing.PrepareAsync(db, consultation, now, bySystem: false, ct);
        var result = await writer.RecordAsync(target, key, ConsultationClosing.JournalType, ParticipationWriter.Step, closing.Comment, closing.Data,
            token => closing.ApplyAsync(db, mail, target.State.Jurisdiction?.TimeZone, token), ct);
        return result.Refusals.Count > 0 && result.Refusals[0].Code != ConsultationClosing.AlreadyClosed
            ? ApiProblem.Refused(result.Refusals) : await ViewAsync(db, id, clock, StatusCodes.Status200OK, ct);
    }

    /// <summary>
    /// The shortest period of a consultation opening at <paramref name="opensAt"/> (第十五条) as the definition states it
    /// (version 4: <c>public-participation</c>'s <c>consultationMinimum</c>, waived when <c>urgent</c>, a shorter period
    /// then needing the reason), judged by the engine for <paramref name="closesAt"/> (null: only the minimum). Null when
    /// the procedure sets no such rule. See <see cref="RequestedDateRules"/>.
    /// </summary>
    internal static RequestedDateRule? MinimumRule(
        WorkflowEngine engine, DefinitionRegistry registry, ProcedureDefinition definition, InstanceState state, DateTimeOffset now,
        DateTimeOffset opensAt, DateTimeOffset? closesAt, string? reason) =>
        RequestedDateRules.Check(engine, registry, definition, state, ParticipationWriter.Step, now, opensAt, closesAt, reason, allowProvisional: true);

    internal static async Task<IResult> ViewAsync(WorkflowDbContext db, Guid id, TimeProvider clock, int status, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        var view = ConsultationView.From(matter, await ConsultationDigest.LoadAsync(db, consultation, ct), clock.GetUtcNow());
        return status == StatusCodes.Status201Created ? Results.Created($"/api/consultations/{id}", view) : Results.Ok(view);
    }

    internal static DateTimeOffset Truncate(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
}
