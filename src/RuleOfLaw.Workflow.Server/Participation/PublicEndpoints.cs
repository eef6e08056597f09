using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// The public side (no sign-in): open consultations, commenting (rate-limited per client, idempotent, only while the
/// consultation is open by the server's clock: <see cref="CommentIntake"/>), and the published feedback report.
/// </summary>
public static class PublicEndpoints
{
    public const string RateLimitPolicy = "public-comments";

    public static void MapPublicParticipationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/consultations").WithTags("Public participation").AllowAnonymous();

        // Mapped outside the group so that the path has no trailing slash.
        app.MapGet("/api/public/consultations", async (ParticipationQueries queries, CancellationToken ct) => Results.Ok(await queries.OpenForCommentAsync(ct)))
            .WithTags("Public participation").AllowAnonymous().WithSummary("Consultations open for comment now").Produces<List<PublicConsultationView>>();

        group.MapGet("/{id:guid}", async (Guid id, ParticipationQueries queries, CancellationToken ct) =>
                await queries.PublicConsultationAsync(id, ct) is { } view ? Results.Ok(view) : NoSuchConsultation())
            .WithSummary("One consultation: draft, explanation, period").Produces<PublicConsultationView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/comments", async (Guid id, PublicCommentRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                CommentIntake intake, CancellationToken ct) =>
                await intake.SubmitAsync(id, request.ToContent(), clientKey, ct) switch
                {
                    { Problem: { } problem } => ParticipationResults.Problem(problem),
                    { Replayed: true, Value: var receipt } => new ReplayedReceipt(receipt!, Location(receipt!)),
                    { Value: var receipt } => Results.Created(Location(receipt!), receipt),
                })
            .RequireRateLimiting(RateLimitPolicy)
            .WithSummary("Send a comment (no sign-in). Accepted only while the consultation is open; Idempotency-Key makes a retry return the same receipt; rate-limited per client (429 with Retry-After)")
            .Produces<CommentReceipt>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/{id:guid}/feedback", async (Guid id, ParticipationQueries queries, CancellationToken ct) =>
                await queries.PublishedFeedbackAsync(id, ct) is { } feedback
                    ? Results.Ok(feedback)
                    : ParticipationResults.Problem(ParticipationProblem.NotFound("not-found.feedback")))
            .WithSummary("The published feedback report (意见采纳情况反馈)").Produces<FeedbackView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult NoSuchConsultation() => ParticipationResults.Problem(ParticipationProblem.NotFound("not-found.consultation"));

    private static string Location(CommentReceipt receipt) => $"/api/public/consultations/{receipt.ConsultationId}/comments/{receipt.ReceiptNumber}";

    /// <summary>The first answer again (201 and the same receipt), marked as a replay.</summary>
    private sealed class ReplayedReceipt(CommentReceipt receipt, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Created(location, receipt).ExecuteAsync(httpContext);
        }
    }
}
