using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Hiding a comment (never deleting it), responding to comments or groups, publishing the feedback report (art. 18),
/// for the API and the step page alike. The rules are <see cref="Moderation"/>'s.
/// </summary>
public sealed class ModerationService(ParticipationActs writer, WorkflowEngine engine, TimeProvider clock)
{
    public async Task<ParticipationOutcome<CommentView>> HideAsync(Guid id, Guid commentId, HideCommentRequest request, string? clientKey, CancellationToken ct)
    {
        var db = writer.Db;
        var comment = await db.Set<ConsultationComment>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == id, ct);
        var consultation = comment is null ? null : await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        if (comment is null || consultation is null)
        {
            return ParticipationProblem.NotFound("not-found.comment");
        }
        var (target, denied) = await writer.LoadAsync(consultation.MatterId, ParticipationTerms.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/consultations/{id}/comments/{commentId}/hide", request);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            if (Moderation.MayHide(comment.Facts(engine.TimeZoneOf(target.State)), request.Reason) is { } refusal)
            {
                return refusal;
            }
            var reason = request.Reason.Trim();
            var data = new { consultationId = id, commentId, receiptNumber = comment.ReceiptNumber, reason };
            var result = await writer.RecordAsync(target, key, "CommentHidden", ParticipationTerms.Step, reason, data, async token =>
            {
                var row = await db.Set<ConsultationComment>().SingleAsync(c => c.Id == commentId, token);
                row.Hidden = true;
                row.HiddenReason = reason;
                row.HiddenBy = target.Actor.Id;
                row.HiddenAt = Consultations.Instant(clock.GetUtcNow());
            }, ct);
            if (result.Refusals.Count > 0)
            {
                return ParticipationProblem.FromEngine(result.Refusals);
            }
        }
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        return CommentView.From(digest, digest.Comments.Single(c => c.Id == commentId), ContactReading.Masked);
    }

    public async Task<ParticipationOutcome<GroupView>> RespondAsync(Guid id, RespondRequest request, string? clientKey, CancellationToken ct)
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
        if (Moderation.MayRespond(request.CommentId, request.GroupKey, request.Decision, request.Reason) is { } refusal)
        {
            return refusal;
        }
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        var group = request.GroupKey is { } groupKey ? digest.Groups.FirstOrDefault(g => g.Key == groupKey)
            : digest.Comments.FirstOrDefault(c => c.Id == request.CommentId) is { } one ? digest.GroupOf[one.Id] : null;
        if (group is null)
        {
            return ParticipationProblem.NotFound("not-found.response-target");
        }
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/consultations/{id}/responses", request);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            var data = new { consultationId = id, request.CommentId, request.GroupKey, groupLabel = group.Label, request.Decision, reason };
            var result = await writer.RecordAsync(target, key, "CommentResponded", ParticipationTerms.Step,
                $"{ParticipationTerms.DecisionText(request.Decision)}{(reason is null ? "" : "：" + reason)}", data, async token =>
                {
                    var now = Consultations.Instant(clock.GetUtcNow());
                    var row = await db.Set<CommentResponse>().SingleOrDefaultAsync(r => r.ConsultationId == id
                        && (request.CommentId != null ? r.CommentId == request.CommentId : r.GroupKey == request.GroupKey), token);
                    if (row is null)
                    {
                        row = new CommentResponse
                        {
                            Id = ModuleWrites.RowId(key, "response"),
                            ConsultationId = id,
                            CommentId = request.CommentId,
                            GroupKey = request.GroupKey,
                            Decision = request.Decision,
                            RespondedBy = target.Actor.Id,
                            RespondedByName = target.Actor.DisplayName,
                            RespondedAt = now,
                        };
                        db.Set<CommentResponse>().Add(row);
                    }
                    // A later response replaces the earlier one (the journal keeps both).
                    row.Decision = request.Decision;
                    row.Reason = reason;
                    row.RespondedBy = target.Actor.Id;
                    row.RespondedByName = target.Actor.DisplayName;
                    row.RespondedAt = now;
                }, ct);
            if (result.Refusals.Count > 0)
            {
                return ParticipationProblem.FromEngine(result.Refusals);
            }
        }
        digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        return GroupView.From(digest.Groups.Single(g => g.Key == group.Key));
    }

    public async Task<ParticipationOutcome<FeedbackView>> PublishFeedbackAsync(Guid id, PublishFeedbackRequest request, string? clientKey, CancellationToken ct)
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
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/consultations/{id}/feedback", request);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
            if (Moderation.MayPublishFeedback(consultation.Facts(engine.TimeZoneOf(target.State)), [.. digest.Unanswered.Select(c => c.ReceiptNumber)]) is { } refusal)
            {
                return refusal;
            }
            var summary = request.Summary.Trim();
            var now = Consultations.Instant(clock.GetUtcNow());
            var data = new { consultationId = id, summaryHash = CommentGrouping.Sha256(summary), commentCount = digest.Comments.Count, hidden = digest.Hidden };
            var result = await writer.RecordAsync(target, key, "FeedbackPublished", ParticipationTerms.Step, summary, data, async token =>
            {
                var row = await db.Set<Consultation>().SingleAsync(c => c.Id == id, token);
                row.FeedbackSummary = summary;
                row.FeedbackPublishedAt = now;
                row.FeedbackPublishedBy = target.Actor.Id;
            }, ct);
            if (result.Refusals.Count > 0)
            {
                return ParticipationProblem.FromEngine(result.Refusals);
            }
        }
        var published = await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        return Feedback.Build(await ConsultationDigest.LoadAsync(db, published, ct));
    }
}
