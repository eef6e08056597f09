using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

public sealed record CounselOpinionRequest(string? Kind, string? Text);

public sealed record FindingsRequest(string? Authority, string? Procedure, string? Content, string? LegalRisk);

public sealed record CounselOpinionView(Guid Id, Guid CounselTaskId, string Kind, string Text, string Signature, string GivenBy, string GivenByName, DateTimeOffset GivenAt)
{
    public static CounselOpinionView From(CounselOpinion o) => new(o.Id, o.CounselTaskId, o.CounselKind, o.Text, o.Signature, o.GivenBy, o.GivenByName, o.GivenAt);
}

public sealed record FindingsView(Guid Id, Guid ReviewTaskId, string Authority, string Procedure, string Content, string? LegalRisk, string RecordedBy, DateTimeOffset RecordedAt,
    string? Signature = null, string? SignatureAlgorithm = null, string? SignerKeyId = null)
{
    public static FindingsView From(LegalityFindings f) =>
        new(f.Id, f.ReviewTaskId, f.Authority, f.Procedure, f.Content, f.LegalRisk, f.RecordedBy, f.RecordedAt, f.Signature, f.SignatureAlgorithm, f.SignerKeyId);
}

public sealed record SubmissionView(long JournalSequence, int? Iteration, string SubmittedBy, DateTimeOffset SubmittedAt, LegalitySubmissionPackage? Package);

public sealed record LegalityView(IReadOnlyList<SubmissionView> Submissions, IReadOnlyList<CounselOpinionView> CounselOpinions, IReadOnlyList<FindingsView> Findings);

/// <summary>
/// The legality review's endpoints (第二十五条至第二十八条; see docs/assessments.md): each calls <see cref="LegalityService"/>
/// and answers its outcome.
/// </summary>
public static class LegalityEndpoints
{
    public const int MaxText = LegalityRules.MaxText;
    /// <summary>The journal entry type of a package assembled ahead of the submission.</summary>
    public const string PackageAssembled = "LegalityPackageAssembled";

    public static void MapLegalityReview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/legality/queue", async (LegalityQueueQuery queue, CancellationToken ct) => (await queue.RunAsync(ct)).ToHttp())
            .WithTags("Legality review")
            .WithSummary("Legality reviewers and legal counsel: the open intake, counsel-opinion and review tasks of their review offices, soonest requested opinion date first (arts. 25-28); the page /legality shows the same list")
            .Produces<List<LegalityQueueItem>>().ProducesProblem(StatusCodes.Status403Forbidden);
        var group = app.MapGroup("/api/matters/{id:guid}/legality").WithTags("Legality review");
        group.MapGet("", async (Guid id, LegalityService legality, CancellationToken ct) => ModuleResults.Answer(await legality.GetAsync(id, ct)))
            .WithSummary("Submissions (with the system-assembled package), counsel opinions and findings").Produces<LegalityView>();
        group.MapPost("/submission", async (Guid id, LegalitySubmissionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                LegalityService legality, CancellationToken ct) => ModuleResults.Stored(await legality.SubmitAsync(id, request, clientKey, ct)))
            .WithSummary("Drafting head: submit for legality review; the system assembles the package and checks the requested opinion date (art. 26)")
            .Produces<Instances.InstanceView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/package", async (Guid id, LegalitySubmissionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                LegalityService legality, CancellationToken ct) => ModuleResults.Answer(await legality.PackageAsync(id, request, clientKey, ct)))
            .WithSummary("Drafting unit: assemble and journal the submission package without submitting yet; completing legality-submission then uses it")
            .Produces<LegalitySubmissionPackage>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/counsel-opinions", async (Guid id, CounselOpinionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                LegalityService legality, CancellationToken ct) => ModuleResults.Answer(await legality.CounselAsync(id, request, clientKey, ct)))
            .WithSummary("Legal counsel / staff lawyer: a signed written opinion (art. 28)")
            .Produces<CounselOpinionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/counsel-opinions/{opinionId:guid}/verify", async (Guid id, Guid opinionId, LegalityService legality, CancellationToken ct) =>
                ModuleResults.Answer(await legality.VerifyCounselAsync(id, opinionId, ct)))
            .WithSummary("Recompute a counsel opinion's signature").Produces<SignatureCheck>();
        group.MapPost("/findings", async (Guid id, FindingsRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                LegalityService legality, CancellationToken ct) => ModuleResults.Answer(await legality.FindingsAsync(id, request, clientKey, ct)))
            .WithSummary("Legality reviewer: findings on authority, procedure and content (art. 27); the legal risk for an exploratory reform (art. 25)")
            .Produces<FindingsView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/findings/{findingsId:guid}/verify", async (Guid id, Guid findingsId, LegalityService legality, CancellationToken ct) =>
                ModuleResults.Answer(await legality.VerifyFindingsAsync(id, findingsId, ct)))
            .WithSummary("Check the reviewer's SM2 signature on the findings (findings recorded before signatures: algorithm \"unsigned\")").Produces<SignatureCheck>();
    }
}
