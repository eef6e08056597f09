using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Hiding a comment (never deleting it), responding to comments or groups, publishing the feedback report (art. 18).</summary>
public static class ModerationEndpoints
{
    public static void MapModerationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/consultations/{id:guid}/comments/{commentId:guid}/hide", Hide).WithTags("Participation")
            .WithSummary("Hide a comment from public view with a reason (journaled); it is kept, counted and exported as hidden")
            .Produces<CommentView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/consultations/{id:guid}/responses", Respond).WithTags("Participation")
            .WithSummary("Record the response to one comment or one group: adopted / partly-adopted / not-adopted (a reason unless adopted)")
            .Produces<GroupView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/consultations/{id:guid}/feedback", PublishFeedback).WithTags("Participation")
            .WithSummary("Publish the feedback report (意见采纳情况反馈) once the consultation is closed and every visible comment has a response")
            .Produces<FeedbackView>().ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> Hide(
        Guid id, Guid commentId, HideCommentRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, TimeProvider clock, CancellationToken ct)
    {
        var db = writer.Db;
        var comment = await db.Set<ConsultationComment>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == id, ct);
        var consultation = comment is null ? null : await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        if (comment is null || consultation is null)
        {
            return ApiProblem.NotFound("没有这条意见。No such comment.");
        }
        var (target, problem) = await writer.LoadAsync(consultation.MatterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/consultations/{id}/comments/{commentId}/hide", request);
        var replayed = await CommandReplay.FindAsync(db, key, ct) is { Refusals.Count: 0 };
        if (!replayed && comment.Hidden)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "comment-already-hidden", $"该意见已于{comment.HiddenAt:O}隐藏：{comment.HiddenReason}。Already hidden.");
        }
        if (!replayed)
        {
            var reason = request.Reason.Trim();
            if (reason.Length == 0)
            {
                return ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "reason-required", "隐藏意见必须写明理由。Hiding a comment needs a reason.");
            }
            var data = new { consultationId = id, commentId, receiptNumber = comment.ReceiptNumber, reason };
            var result = await writer.RecordAsync(target, key, "CommentHidden", ParticipationWriter.Step, reason, data, async token =>
            {
                var row = await db.Set<ConsultationComment>().SingleAsync(c => c.Id == commentId, token);
                row.Hidden = true;
                row.HiddenReason = reason;
                row.HiddenBy = target.Actor.Id;
                row.HiddenAt = ConsultationEndpoints.Truncate(clock.GetUtcNow());
            }, ct);
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        return Results.Ok(CommentView.From(digest, digest.Comments.Single(c => c.Id == commentId)));
    }

    internal static async Task<IResult> Respond(
        Guid id, RespondRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, TimeProvider clock, CancellationToken ct)
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
        if ((request.CommentId is null) == (request.GroupKey is null))
        {
            return ApiProblem.Validation("response-target-required", "请指定 commentId 或 groupKey 之一。Give exactly one of commentId and groupKey.");
        }
        if (!ParticipationTerms.Decisions.Contains(request.Decision))
        {
            return ApiProblem.Validation("invalid-decision", "decision 应为 adopted、partly-adopted 或 not-adopted。");
        }
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (request.Decision != "adopted" && reason is null)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity, "reason-required",
                "部分采纳或不予采纳的，应当说明理由。A reason is required unless the comment is adopted.", "第十八条");
        }
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        var group = request.GroupKey is { } groupKey ? digest.Groups.FirstOrDefault(g => g.Key == groupKey)
            : digest.Comments.FirstOrDefault(c => c.Id == request.CommentId) is { } one ? digest.GroupOf[one.Id] : null;
        if (group is null)
        {
            return ApiProblem.NotFound("该公开征求意见中没有这条意见或这一组意见。No such comment or group in this consultation.");
        }
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/consultations/{id}/responses", request);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            var data = new { consultationId = id, request.CommentId, request.GroupKey, groupLabel = group.Label, request.Decision, reason };
            var result = await writer.RecordAsync(target, key, "CommentResponded", ParticipationWriter.Step,
                $"{ParticipationTerms.DecisionText(request.Decision)}{(reason is null ? "" : "：" + reason)}", data, async token =>
                {
                    var row = await db.Set<CommentResponse>().SingleOrDefaultAsync(r => r.ConsultationId == id
                        && (request.CommentId != null ? r.CommentId == request.CommentId : r.GroupKey == request.GroupKey), token);
                    if (row is null)
                    {
                        row = new CommentResponse
                        {
                            Id = ParticipationWriter.IdFor(key, "response"),
                            ConsultationId = id,
                            CommentId = request.CommentId,
                            GroupKey = request.GroupKey,
                            Decision = request.Decision,
                            RespondedBy = target.Actor.Id,
                            RespondedByName = target.Actor.DisplayName,
                            RespondedAt = ConsultationEndpoints.Truncate(clock.GetUtcNow()),
                        };
                        db.Set<CommentResponse>().Add(row);
                    }
                    row.Decision = request.Decision;
                    row.Reason = reason;
                    row.RespondedBy = target.Actor.Id;
                    row.RespondedByName = target.Actor.DisplayName;
                    row.RespondedAt = ConsultationEndpoints.Truncate(clock.GetUtcNow());
                }, ct);
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        return Results.Ok(GroupView.From(digest.Groups.Single(g => g.Key == group.Key)));
    }

    internal static async Task<IResult> PublishFeedback(
        Guid id, PublishFeedbackRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        ParticipationWriter writer, TimeProvider clock, CancellationToken ct)
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
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/consultations/{id}/feedback", request);
        if (await CommandReplay.FindAsync(db, key, ct) is not { Refusals.Count: 0 })
        {
            if (consultation.FeedbackPublishedAt is not null)
            {
                return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "feedback-already-published", "意见采纳情况反馈已经公布。The feedback report is already published.");
            }
            if (consultation.ClosedAt is null)
            {
                return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "consultation-not-closed",
                    "公开征求意见结束后才能公布意见采纳情况反馈。Close the consultation before publishing the feedback report.", "第十五条");
            }
            var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
            if (digest.Unanswered.Count > 0)
            {
                return ParticipationWriter.Refuse(StatusCodes.Status409Conflict, "comments-unanswered",
                    $"尚有{digest.Unanswered.Count}条意见未作采纳答复（如{digest.Unanswered[0].ReceiptNumber}）。{digest.Unanswered.Count} visible comments have no response yet.", "第十八条");
            }
            var summary = request.Summary.Trim();
            var now = ConsultationEndpoints.Truncate(clock.GetUtcNow());
            var data = new { consultationId = id, summaryHash = CommentGrouping.Sha256(summary), commentCount = digest.Comments.Count, hidden = digest.Hidden };
            var result = await writer.RecordAsync(target, key, "FeedbackPublished", ParticipationWriter.Step, summary, data, async token =>
            {
                var row = await db.Set<Consultation>().SingleAsync(c => c.Id == id, token);
                row.FeedbackSummary = summary;
                row.FeedbackPublishedAt = now;
                row.FeedbackPublishedBy = target.Actor.Id;
            }, ct);
            if (result.Refusals.Count > 0)
            {
                return ApiProblem.Refused(result.Refusals);
            }
        }
        var published = await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        return Results.Ok(Feedback.Build(await ConsultationDigest.LoadAsync(db, published, ct)));
    }
}

/// <summary>The feedback report: per group of visible comments, the response it got (the group's, or each comment's own).</summary>
public static class Feedback
{
    public static FeedbackView Build(ConsultationDigest digest)
    {
        var items = new List<FeedbackItem>();
        foreach (var group in digest.Groups)
        {
            var visible = group.Comments.Where(c => !c.Hidden).ToList();
            foreach (var answered in visible.GroupBy(c => digest.ResponseFor(c).Response?.Id))
            {
                var first = answered.First();
                var response = digest.ResponseFor(first).Response;
                items.Add(new FeedbackItem(first.ReceiptNumber, answered.Count(), first.Text, response?.Decision,
                    response is null ? null : ParticipationTerms.DecisionText(response.Decision), response?.Reason));
            }
        }
        var c = digest.Consultation;
        return new FeedbackView(c.Id, c.Title, c.FeedbackSummary ?? "", c.FeedbackPublishedAt ?? default, digest.Comments.Count, digest.Hidden, items);
    }
}
