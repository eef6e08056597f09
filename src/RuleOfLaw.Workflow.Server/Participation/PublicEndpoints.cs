using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// The public side (no sign-in): open consultations, commenting (rate-limited per client, idempotent, only while the
/// consultation is open by the server's clock), and the published feedback report.
/// </summary>
public static class PublicEndpoints
{
    public const string RateLimitPolicy = "public-comments";

    public static void MapPublicParticipationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/consultations").WithTags("Public participation").AllowAnonymous();

        // Mapped outside the group so that the path has no trailing slash.
        app.MapGet("/api/public/consultations", async (WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var rows = await db.Set<Consultation>().AsNoTracking().Where(c => c.ClosedAt == null && c.SealedAt == null)
                .Join(db.Matters.AsNoTracking(), c => c.MatterId, m => m.Id, (c, m) => new { c, m }).ToListAsync(ct);
            return Results.Ok(rows.Where(r => ConsultationStatus.Of(r.c, now) == "open").OrderBy(r => r.c.ClosesAt)
                .Select(r => PublicConsultationView.From(r.m, r.c, now)).ToList());
        }).WithTags("Public participation").AllowAnonymous().WithSummary("Consultations open for comment now").Produces<List<PublicConsultationView>>();

        group.MapGet("/{id:guid}", async (Guid id, WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (consultation is null)
            {
                return ApiProblem.NotFound("没有这个公开征求意见。No such consultation.");
            }
            var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
            return Results.Ok(PublicConsultationView.From(matter, consultation, clock.GetUtcNow()));
        }).WithSummary("One consultation: draft, explanation, period").Produces<PublicConsultationView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/comments", Comment).RequireRateLimiting(RateLimitPolicy)
            .WithSummary("Send a comment (no sign-in). Accepted only while the consultation is open; Idempotency-Key makes a retry return the same receipt; rate-limited per client (429 with Retry-After)")
            .Produces<CommentReceipt>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/{id:guid}/feedback", async (Guid id, WorkflowDbContext db, CancellationToken ct) =>
        {
            var feedback = await PublishedFeedbackAsync(db, id, ct);
            return feedback is null
                ? ApiProblem.NotFound("该公开征求意见没有已公布的意见采纳情况反馈。No feedback report has been published for this consultation.")
                : Results.Ok(feedback);
        }).WithSummary("The published feedback report (意见采纳情况反馈)").Produces<FeedbackView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The published feedback report of a consultation, or null while none is published (the API's 404; also the public page's).</summary>
    internal static async Task<FeedbackView?> PublishedFeedbackAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return consultation is not { FeedbackPublishedAt: not null } ? null : Feedback.Build(await ConsultationDigest.LoadAsync(db, consultation, ct));
    }

    /// <summary>The comment endpoint's checks and intake; also called by the public portal's comment form (<c>Pages/PublicForms/Comment</c>).</summary>
    internal static async Task<IResult> Comment(
        Guid id, PublicCommentRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
        CommentIntake intake, CancellationToken ct)
    {
        if (Check(request) is { } problem)
        {
            return problem;
        }
        var (type, name, contact) = Submitter(request);
        return await intake.SubmitAsync(id, clientKey, type, name, contact, request.Text!, ct);
    }

    /// <summary>The checks every comment passes, online or entered from paper: text, length, submitter type and name.</summary>
    internal static IResult? Check(PublicCommentRequest request)
    {
        var (type, name, contact) = Submitter(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return ApiProblem.Validation("comment-text-required", "请填写意见内容。The comment text is required.");
        }
        if (request.Text.Length > ParticipationLimits.CommentLength)
        {
            return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "comment-too-long", "意见过长 / Comment too long",
                $"每条意见不得超过{ParticipationLimits.CommentLength}个字符（本条{request.Text.Length}个）；较长的意见请分条提交。" +
                $"A comment may have at most {ParticipationLimits.CommentLength} characters (this one has {request.Text.Length}).");
        }
        if (!ParticipationTerms.SubmitterTypes.Contains(type))
        {
            return ApiProblem.Validation("invalid-submitter-type", "submitterType 应为 individual、organization 或 anonymous。submitterType must be individual, organization or anonymous.");
        }
        if (type is "individual" or "organization" && name is null)
        {
            return ApiProblem.Validation("submitter-name-required", type == "organization"
                ? "以组织名义提出意见的，应当填写组织名称。An organization must give its name."
                : "以个人名义提出意见的，应当填写姓名；不愿署名的请选择匿名。An individual gives a name; choose anonymous otherwise.");
        }
        if (name is { Length: > 200 } || contact is { Length: > 200 })
        {
            return ApiProblem.Validation("field-too-long", "姓名（名称）和联系方式各不得超过200个字符。Name and contact are limited to 200 characters each.");
        }
        return null;
    }

    internal static (string Type, string? Name, string? Contact) Submitter(PublicCommentRequest request) =>
        (request.SubmitterType?.Trim().ToLowerInvariant() ?? "", Clean(request.Name), Clean(request.Contact));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
