using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>Hiding a comment (never deleting it), responding to comments or groups, publishing the feedback report (art. 18): <see cref="ModerationService"/> over HTTP.</summary>
public static class ModerationEndpoints
{
    public static void MapModerationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/consultations/{id:guid}/comments/{commentId:guid}/hide", async (Guid id, Guid commentId, HideCommentRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ModerationService moderation, CancellationToken ct) =>
                ParticipationResults.Ok(await moderation.HideAsync(id, commentId, request, clientKey, ct))).WithTags("Participation")
            .WithSummary("Hide a comment from public view with a reason (journaled); it is kept, counted and exported as hidden")
            .Produces<CommentView>().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/consultations/{id:guid}/responses", async (Guid id, RespondRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ModerationService moderation, CancellationToken ct) =>
                ParticipationResults.Ok(await moderation.RespondAsync(id, request, clientKey, ct))).WithTags("Participation")
            .WithSummary("Record the response to one comment or one group: adopted / partly-adopted / not-adopted (a reason unless adopted)")
            .Produces<GroupView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapPost("/api/consultations/{id:guid}/feedback", async (Guid id, PublishFeedbackRequest request,
                [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ModerationService moderation, CancellationToken ct) =>
                ParticipationResults.Ok(await moderation.PublishFeedbackAsync(id, request, clientKey, ct))).WithTags("Participation")
            .WithSummary("Publish the feedback report (意见采纳情况反馈) once the consultation is closed and every visible comment has a response")
            .Produces<FeedbackView>().ProducesProblem(StatusCodes.Status409Conflict);
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
