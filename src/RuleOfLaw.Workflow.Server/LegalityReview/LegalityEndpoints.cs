using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

public sealed record CounselOpinionRequest(string? Kind, string? Text);

public sealed record FindingsRequest(string? Authority, string? Procedure, string? Content, string? LegalRisk);

public sealed record CounselOpinionView(Guid Id, Guid CounselTaskId, string Kind, string Text, string Signature, string GivenBy, string GivenByName, DateTimeOffset GivenAt)
{
    public static CounselOpinionView From(CounselOpinion o) => new(o.Id, o.CounselTaskId, o.CounselKind, o.Text, o.Signature, o.GivenBy, o.GivenByName, o.GivenAt);
}

public sealed record FindingsView(Guid Id, Guid ReviewTaskId, string Authority, string Procedure, string Content, string? LegalRisk, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static FindingsView From(LegalityFindings f) => new(f.Id, f.ReviewTaskId, f.Authority, f.Procedure, f.Content, f.LegalRisk, f.RecordedBy, f.RecordedAt);
}

public sealed record SubmissionView(long JournalSequence, int? Iteration, string SubmittedBy, DateTimeOffset SubmittedAt, LegalitySubmissionPackage? Package);

public sealed record LegalityView(IReadOnlyList<SubmissionView> Submissions, IReadOnlyList<CounselOpinionView> CounselOpinions, IReadOnlyList<FindingsView> Findings);

/// <summary>
/// A stored signature checked: for <c>sm2-sm3</c>, <see cref="Recomputed"/> is the SM3 digest of the signed message and
/// <see cref="PublicKey"/> the signer's key, so anyone can check it offline; for the legacy <c>sha256-text</c> the digest recomputed.
/// </summary>
public sealed record SignatureCheck(bool Valid, string Stored, string Recomputed, string Algorithm = OpinionSignatures.LegacySha256Text,
    string? SignerKeyId = null, string? PublicKey = null, string? Problem = null);

/// <summary>The legality review's endpoints (第二十五条至第二十八条); see docs/assessments.md.</summary>
public static class LegalityEndpoints
{
    public const int MaxText = 20_000;
    /// <summary>The journal entry type of a package assembled ahead of the submission.</summary>
    public const string PackageAssembled = "LegalityPackageAssembled";
    private static readonly string[] CounselKinds = ["legal-counsel", "staff-lawyer"];

    public static void MapLegalityReview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}/legality").WithTags("Legality review");
        group.MapGet("", Get).WithSummary("Submissions (with the system-assembled package), counsel opinions and findings").Produces<LegalityView>();
        group.MapPost("/submission", Submit)
            .WithSummary("Drafting head: submit for legality review; the system assembles the package and checks the requested opinion date (art. 26)")
            .Produces<Instances.InstanceView>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/package", Package)
            .WithSummary("Drafting unit: assemble and journal the submission package without submitting yet; completing legality-submission then uses it")
            .Produces<LegalitySubmissionPackage>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/counsel-opinions", Counsel)
            .WithSummary("Legal counsel / staff lawyer: a signed written opinion (art. 28)")
            .Produces<CounselOpinionView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/counsel-opinions/{opinionId:guid}/verify", VerifyCounsel).WithSummary("Recompute a counsel opinion's signature").Produces<SignatureCheck>();
        group.MapPost("/findings", Findings)
            .WithSummary("Legality reviewer: findings on authority, procedure and content (art. 27); the legal risk for an exploratory reform (art. 25)")
            .Produces<FindingsView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> Get(Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, CancellationToken ct)
    {
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return problem!;
        }
        var instanceId = procedure.Record.Id;
        var submissions = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Type == JournalEntryTypes.TaskCompleted && j.StepId == LegalityGuards.Submission)
            .OrderBy(j => j.Sequence).ToListAsync(ct);
        var opinions = await db.Set<CounselOpinion>().AsNoTracking().Where(o => o.InstanceId == instanceId).ToListAsync(ct);
        var findings = await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.InstanceId == instanceId).ToListAsync(ct);
        return Results.Ok(new LegalityView(
            [.. submissions.Select(j => new SubmissionView(j.Sequence, j.Iteration, j.ActorName, j.OccurredAt, LegalitySubmissionPackage.Parse(j.DataJson)))],
            [.. opinions.OrderBy(o => o.GivenAt).Select(CounselOpinionView.From)],
            [.. findings.OrderBy(f => f.RecordedAt).Select(FindingsView.From)]));
    }

    internal static async Task<IResult> Submit(
        Guid id, LegalitySubmissionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, WorkflowEngine engine,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, task, package, problem) = await AssembleAsync(id, request, actor, db, registry, engine, clock, ct);
        if (problem is not null)
        {
            return problem;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"legality-submission:{task!.Id}", $"POST /api/matters/{id}/legality/submission", request);
        var result = await commands.ExecuteAsync(key, procedure!.Record.Id,
            new WorkflowCommand.CompleteTask(task.Id, "submitted", null, JsonSerializer.Serialize(package, ApiJson.Options)), actor, StatusCodes.Status200OK, ct);
        return result.ToHttp(ApiProblem.Refused);
    }

    private static async Task<IResult> Package(
        Guid id, LegalitySubmissionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, WorkflowEngine engine,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, task, package, problem) = await AssembleAsync(id, request, actor, db, registry, engine, clock, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!MatterAccess.CanDraft(procedure!.Matter, actor))
        {
            return ApiProblem.Forbidden("送审材料由决策承办单位准备。The drafting unit prepares the package.", LegalitySubmissionPackage.Article);
        }
        // Refused now rather than at submission: a date inside the guaranteed review time (第二十六条), as the engine
        // judges it by the definition's period rule.
        var requested = DateOnly.ParseExact(package!.RequestedOpinionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refusals = LegalitySubmissionPackage.Refusals(
            LegalitySubmissionPackage.ReviewTime(engine, registry, procedure.Definition, procedure.State, clock.GetUtcNow(), requested), requested);
        if (refusals.Count > 0)
        {
            return ApiProblem.Refused(refusals);
        }
        var key = ModuleWrites.Key(actor, clientKey, $"legality-package:{task!.Id}", $"POST /api/matters/{id}/legality/package", request);
        var result = await commands.ExecuteAsync(key, procedure.Record.Id,
            new WorkflowCommand.Record(PackageAssembled, LegalityGuards.Submission, null, JsonSerializer.Serialize(package, ApiJson.Options)), actor,
            StatusCodes.Status201Created, ct);
        return result.Refusals.Count > 0 ? ApiProblem.Refused(result.Refusals) : Results.Json(package, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Validates the request and assembles the package from the procedure as it stands (第二十六条).</summary>
    private static async Task<(MatterProcedure? Procedure, WorkTask? Task, LegalitySubmissionPackage? Package, IResult? Problem)> AssembleAsync(
        Guid id, LegalitySubmissionRequest request, Actor actor, WorkflowDbContext db, DefinitionRegistry registry, WorkflowEngine engine,
        TimeProvider clock, CancellationToken ct)
    {
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return (null, null, null, problem);
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.DraftReference) || request.DraftReference.Length > 500)
        {
            errors["draftReference"] = ["必填，至多500字。Required, at most 500 characters."];
        }
        if (request.DraftHash is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
        {
            errors["draftHash"] = ["应为64位十六进制 SHA-256。Must be a SHA-256 in 64 hex digits."];
        }
        if (request.LegalBases is not { Count: > 0 and <= 100 } || request.LegalBases.Any(b => string.IsNullOrWhiteSpace(b) || b.Length > 500))
        {
            errors["legalBases"] = ["至少一项法律依据，每项至多500字。At least one legal basis, each at most 500 characters."];
        }
        if (!DateOnly.TryParseExact(request.RequestedOpinionDate, "yyyy-MM-dd", out _))
        {
            errors["requestedOpinionDate"] = ["应为 yyyy-MM-dd。Must be yyyy-MM-dd."];
        }
        if (errors.Count > 0)
        {
            return (null, null, null, ApiProblem.Validation("invalid-submission", "送审材料不完整或格式不正确（第二十六条）。The submission is incomplete or malformed.", errors));
        }
        var task = procedure.OpenTask(LegalityGuards.Submission);
        if (task is null)
        {
            return (null, null, null, ModuleWrites.StepNotOpen(procedure.Definition, LegalityGuards.Submission));
        }
        var state = procedure.State;
        var guaranteed = LegalitySubmissionPackage.ReviewTime(engine, registry, procedure.Definition, state, clock.GetUtcNow(), null)?.Check;
        var package = new LegalitySubmissionPackage(
            request.DraftReference!.Trim(), request.DraftHash?.ToLowerInvariant(), [.. request.LegalBases!.Select(b => b.Trim())], request.RequestedOpinionDate!,
            guaranteed?.Minimum?.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", guaranteed?.Rule ?? "",
            LegalitySubmissionPackage.Account(procedure.Definition, state, engine.DeadlinesIn(state.Jurisdiction?.TimeZone)),
            state.JournalSequence, state.JournalHead);
        return (procedure, task, package, null);
    }

    internal static async Task<IResult> Counsel(
        Guid id, CounselOpinionRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, OpinionSignatures signatures, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        if (request.Kind is null || !CounselKinds.Contains(request.Kind) || string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxText)
        {
            return ApiProblem.Validation("invalid-counsel-opinion",
                "kind 应为 legal-counsel（法律顾问）或 staff-lawyer（公职律师），text 必填（至多20000字）。kind must be legal-counsel or staff-lawyer; text is required.");
        }
        var task = procedure.OpenTask(LegalityGuards.CounselStep);
        if (task is null)
        {
            return ModuleWrites.StepNotOpen(procedure.Definition, LegalityGuards.CounselStep);
        }
        if (!actor.Holds(Roles.LegalCounsel, task.OrganizationId))
        {
            return ApiProblem.Forbidden("只有合法性审查部门组织的法律顾问、公职律师可以提出法律意见。Only a legal counsel of the review office may give this opinion.", "第二十八条");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"counsel-opinion:{task.Id}", $"POST /api/matters/{id}/legality/counsel-opinions", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var at = ModuleWrites.Millis(clock.GetUtcNow());
        var signed = await signatures.SignAsync(actor.Id,
            OpinionSignatures.Message("counsel-opinion", rowId, id, $"{task.Id:D}/{request.Kind}", actor.Id, at, request.Text), ct);
        var row = new CounselOpinion
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, CounselTaskId = task.Id, CounselKind = request.Kind, Text = request.Text,
            Signature = signed.Signature, SignatureAlgorithm = signed.Algorithm, SignerKeyId = signed.KeyId,
            GivenBy = actor.Id, GivenByName = actor.DisplayName, GivenAt = at,
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "CounselOpinionGiven", LegalityGuards.CounselStep, null,
            new
            {
                opinionId = rowId, kind = request.Kind, textSha256 = ModuleWrites.Sha256(request.Text), signature = row.Signature, signedAt = at,
                signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey,
            },
            row, rowId, o => CounselOpinionView.From(o), ct);
    }

    internal static async Task<IResult> VerifyCounsel(Guid id, Guid opinionId, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry,
        OpinionSignatures signatures, CancellationToken ct)
    {
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return problem!;
        }
        var opinion = await db.Set<CounselOpinion>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == opinionId && o.MatterId == id, ct);
        if (opinion is null)
        {
            return ApiProblem.NotFound("没有这份法律意见。No such opinion.");
        }
        return Results.Ok(await signatures.VerifyAsync(opinion.SignatureAlgorithm, opinion.SignerKeyId, opinion.Signature, opinion.GivenBy, opinion.InstanceId,
            "CounselOpinionGiven", opinion.Id,
            OpinionSignatures.Message("counsel-opinion", opinion.Id, opinion.MatterId, $"{opinion.CounselTaskId:D}/{opinion.CounselKind}", opinion.GivenBy, opinion.GivenAt, opinion.Text),
            () => ModuleWrites.Sign(opinion.Text, opinion.GivenAt, opinion.GivenBy), ct));
    }

    internal static async Task<IResult> Findings(
        Guid id, FindingsRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        string?[] parts = [request.Authority, request.Procedure, request.Content];
        if (parts.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > MaxText) || request.LegalRisk is { Length: > MaxText })
        {
            return ApiProblem.Validation("invalid-findings",
                "权限（authority）、程序（procedure）、内容（content）三方面审查意见均须填写（第二十七条）。Findings on authority, procedure and content are all required.");
        }
        var task = procedure.OpenTask(LegalityGuards.Review);
        if (task is null)
        {
            return ModuleWrites.StepNotOpen(procedure.Definition, LegalityGuards.Review);
        }
        if (!actor.Holds(Roles.LegalityReviewer, task.OrganizationId))
        {
            return ApiProblem.Forbidden("只有负责合法性审查的部门可以记录审查意见。Only the legality review office records findings.", "第二十七条");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"legality-findings:{task.Id}", $"POST /api/matters/{id}/legality/findings", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new LegalityFindings
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, ReviewTaskId = task.Id, Authority = request.Authority!, Procedure = request.Procedure!,
            Content = request.Content!, LegalRisk = string.IsNullOrWhiteSpace(request.LegalRisk) ? null : request.LegalRisk, RecordedBy = actor.Id,
            RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "LegalityFindingsRecorded", LegalityGuards.Review, null,
            new { findingsId = rowId, request.Authority, request.Procedure, request.Content, request.LegalRisk }, row, rowId, f => FindingsView.From(f), ct);
    }
}
