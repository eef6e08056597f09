using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>
/// The legality review's acts for the API and the step pages (第二十五条至第二十八条): what the review has on record,
/// the submission (the system assembles the package), a package assembled ahead, the counsel's signed opinion and its
/// check, the review office's findings. The rules are <see cref="LegalityRules"/>'s; this loads the procedure, asks
/// the engine for the guaranteed review time and writes through the module write path.
/// </summary>
public sealed class LegalityService(
    CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, WorkflowEngine engine,
    TimeProvider clock, OpinionSignatures signatures)
{
    public async Task<ModuleOutcome<LegalityView>> GetAsync(Guid matterId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var instanceId = procedure.Record.Id;
        var submissions = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Type == JournalEntryTypes.TaskCompleted && j.StepId == LegalityRules.Submission)
            .OrderBy(j => j.Sequence).ToListAsync(ct);
        var opinions = await db.Set<CounselOpinion>().AsNoTracking().Where(o => o.InstanceId == instanceId).ToListAsync(ct);
        var findings = await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.InstanceId == instanceId).ToListAsync(ct);
        return ModuleOutcome<LegalityView>.Ok(new LegalityView(
            [.. submissions.Select(j => new SubmissionView(j.Sequence, j.Iteration, j.ActorName, j.OccurredAt, LegalitySubmissionPackage.Parse(j.DataJson)))],
            [.. opinions.OrderBy(o => o.GivenAt).Select(CounselOpinionView.From)],
            [.. findings.OrderBy(f => f.RecordedAt).Select(FindingsView.From)]));
    }

    /// <summary>The drafting head's submission: the package assembled now travels as the data of the submission task's completion.</summary>
    public async Task<ModuleOutcome<CommandResult>> SubmitAsync(Guid matterId, LegalitySubmissionRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var assembled = await AssembleAsync(matterId, request, actor, ct);
        if (!assembled.Succeeded)
        {
            return assembled.As<CommandResult>();
        }
        var (procedure, task, package) = assembled.Value!;
        var key = ModuleWrites.Key(actor, clientKey, $"legality-submission:{task.Id}", $"POST /api/matters/{matterId}/legality/submission", request);
        var result = await commands.ExecuteAsync(key, procedure.Record.Id,
            new WorkflowCommand.CompleteTask(task.Id, LegalityOutcomes.Submitted, null, JsonSerializer.Serialize(package, ApiJson.Options)), actor, StatusCodes.Status200OK, ct);
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }

    /// <summary>The drafting unit assembles and journals the package ahead; the date is judged now rather than at the submission (第二十六条).</summary>
    public async Task<ModuleOutcome<LegalitySubmissionPackage>> PackageAsync(Guid matterId, LegalitySubmissionRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var assembled = await AssembleAsync(matterId, request, actor, ct);
        if (!assembled.Succeeded)
        {
            return assembled.As<LegalitySubmissionPackage>();
        }
        var (procedure, task, package) = assembled.Value!;
        if (LegalityRules.ForbiddenPackage(MatterAccess.CanDraft(procedure.Matter, actor)) is { } forbidden)
        {
            return forbidden;
        }
        // Refused now rather than at submission: a date inside the guaranteed review time (第二十六条), as the engine
        // judges it by the definition's period rule.
        var requested = DateOnly.ParseExact(package.RequestedOpinionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refusals = LegalitySubmissionPackage.Refusals(
            LegalitySubmissionPackage.ReviewTime(engine, registry, procedure.Definition, procedure.State, clock.GetUtcNow(), requested), requested);
        if (refusals.Count > 0)
        {
            return ModuleOutcome<LegalitySubmissionPackage>.Refused(refusals);
        }
        var key = ModuleWrites.Key(actor, clientKey, $"legality-package:{task.Id}", $"POST /api/matters/{matterId}/legality/package", request);
        var result = await commands.ExecuteAsync(key, procedure.Record.Id,
            new WorkflowCommand.Record(LegalityEndpoints.PackageAssembled, LegalityRules.Submission, null, JsonSerializer.Serialize(package, ApiJson.Options)), actor,
            StatusCodes.Status201Created, ct);
        return result.Refusals.Count > 0 ? ModuleOutcome<LegalitySubmissionPackage>.Refused(result.Refusals) : ModuleOutcome<LegalitySubmissionPackage>.Created(package);
    }

    private sealed record Assembled(MatterProcedure Procedure, WorkTask Task, LegalitySubmissionPackage Package);

    /// <summary>Validates the request and assembles the package from the procedure as it stands (第二十六条).</summary>
    private async Task<ModuleOutcome<Assembled>> AssembleAsync(Guid matterId, LegalitySubmissionRequest request, Actor actor, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var invalid = LegalityRules.Invalid(new SubmissionForm(request.DraftReference, request.DraftHash, request.LegalBases, request.RequestedOpinionDate));
        if (invalid.Count > 0)
        {
            return ModuleOutcome<Assembled>.Refused(invalid);
        }
        var task = procedure.OpenTask(LegalityRules.Submission);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, LegalityRules.Submission);
        }
        var state = procedure.State;
        var guaranteed = LegalitySubmissionPackage.ReviewTime(engine, registry, procedure.Definition, state, clock.GetUtcNow(), null)?.Check;
        var package = new LegalitySubmissionPackage(
            request.DraftReference!.Trim(), request.DraftHash?.ToLowerInvariant(), [.. request.LegalBases!.Select(b => b.Trim())], request.RequestedOpinionDate!,
            guaranteed?.Minimum?.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", guaranteed?.Rule ?? "",
            LegalitySubmissionPackage.Account(procedure.Definition, state, engine.DeadlinesIn(state.Jurisdiction?.TimeZone)),
            state.JournalSequence, state.JournalHead, guaranteed?.Minimum?.ProvisionalYear);
        return ModuleOutcome<Assembled>.Ok(new Assembled(procedure, task, package));
    }

    /// <summary>A legal counsel's or staff lawyer's written opinion (第二十八条), signed by the account that gives it.</summary>
    public async Task<ModuleOutcome<CounselOpinionView>> CounselAsync(Guid matterId, CounselOpinionRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if (LegalityRules.InvalidCounselOpinion(request.Kind, request.Text) is { } invalid)
        {
            return invalid;
        }
        var task = procedure.OpenTask(LegalityRules.CounselStep);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, LegalityRules.CounselStep);
        }
        if (LegalityRules.ForbiddenCounsel(actor.Holds(Roles.LegalCounsel, task.OrganizationId)) is { } forbidden)
        {
            return forbidden;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"counsel-opinion:{task.Id}", $"POST /api/matters/{matterId}/legality/counsel-opinions", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var at = ModuleWrites.Millis(clock.GetUtcNow());
        var signed = await signatures.SignAsync(actor.Id,
            OpinionSignatures.Message("counsel-opinion", rowId, matterId, $"{task.Id:D}/{request.Kind}", actor.Id, at, request.Text!), ct);
        var row = new CounselOpinion
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, CounselTaskId = task.Id, CounselKind = request.Kind!, Text = request.Text!,
            Signature = signed.Signature, SignatureAlgorithm = signed.Algorithm, SignerKeyId = signed.KeyId,
            GivenBy = actor.Id, GivenByName = actor.DisplayName, GivenAt = at,
        };
        return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, "CounselOpinionGiven", LegalityRules.CounselStep, null,
            new
            {
                opinionId = rowId, kind = request.Kind, textSha256 = ModuleWrites.Sha256(request.Text!), signature = row.Signature, signedAt = at,
                signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey, certificate = signed.Certificate,
            },
            row, rowId, CounselOpinionView.From, ct);
    }

    /// <summary>Recomputes a counsel opinion's signature.</summary>
    public async Task<ModuleOutcome<SignatureCheck>> VerifyCounselAsync(Guid matterId, Guid opinionId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var opinion = await db.Set<CounselOpinion>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == opinionId && o.MatterId == matterId, ct);
        if (opinion is null)
        {
            return LegalityRules.NoSuchOpinion();
        }
        return ModuleOutcome<SignatureCheck>.Ok(await signatures.VerifyAsync(opinion.SignatureAlgorithm, opinion.SignerKeyId, opinion.Signature, opinion.GivenBy,
            opinion.InstanceId, "CounselOpinionGiven", opinion.Id,
            OpinionSignatures.Message("counsel-opinion", opinion.Id, opinion.MatterId, $"{opinion.CounselTaskId:D}/{opinion.CounselKind}", opinion.GivenBy,
                opinion.GivenAt, opinion.Text),
            () => ModuleWrites.Sign(opinion.Text, opinion.GivenAt, opinion.GivenBy), ct));
    }

    /// <summary>The review office's findings on authority, procedure and content (第二十七条), and the legal risk of an exploratory reform (第二十五条).</summary>
    public async Task<ModuleOutcome<FindingsView>> FindingsAsync(Guid matterId, FindingsRequest request, string? clientKey, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, actor, ct);
        if (procedure is null)
        {
            return refusal!;
        }
        if (LegalityRules.InvalidFindings(request.Authority, request.Procedure, request.Content, request.LegalRisk) is { } invalid)
        {
            return invalid;
        }
        var task = procedure.OpenTask(LegalityRules.Review);
        if (task is null)
        {
            return ModuleWrites.StepNotOpenRefusal(procedure.Definition, LegalityRules.Review);
        }
        if (LegalityRules.ForbiddenFindings(actor.Holds(Roles.LegalityReviewer, task.OrganizationId)) is { } forbidden)
        {
            return forbidden;
        }
        var key = ModuleWrites.Key(actor, clientKey, $"legality-findings:{task.Id}", $"POST /api/matters/{matterId}/legality/findings", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new LegalityFindings
        {
            Id = rowId, MatterId = matterId, InstanceId = procedure.Record.Id, ReviewTaskId = task.Id, Authority = request.Authority!,
            Procedure = request.Procedure!, Content = request.Content!, LegalRisk = string.IsNullOrWhiteSpace(request.LegalRisk) ? null : request.LegalRisk,
            RecordedBy = actor.Id, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        // The review office's conclusion is signed by the reviewer who records it, over its exact text (issue 20).
        var signed = await signatures.SignAsync(actor.Id, FindingsMessage(row), ct);
        (row.Signature, row.SignatureAlgorithm, row.SignerKeyId) = (signed.Signature, signed.Algorithm, signed.KeyId);
        return await ModuleActs.RecordRowAsync(commands, db, key, procedure, actor, FindingsRecorded, LegalityRules.Review, null,
            new
            {
                findingsId = rowId, request.Authority, request.Procedure, request.Content, request.LegalRisk, signature = row.Signature, signedAt = row.RecordedAt,
                signatureAlgorithm = signed.Algorithm, signerKeyId = signed.KeyId, publicKey = signed.PublicKey, certificate = signed.Certificate,
            },
            row, rowId, FindingsView.From, ct);
    }

    /// <summary>The journal entry type of the review office's findings.</summary>
    public const string FindingsRecorded = "LegalityFindingsRecorded";

    /// <summary>What the reviewer's signature on the findings covers: the review task as subject, the four texts.</summary>
    public static byte[] FindingsMessage(LegalityFindings f) =>
        OpinionSignatures.Message(SignedStatements.LegalityFindings, f.Id, f.MatterId, f.ReviewTaskId.ToString("D"), f.RecordedBy, f.RecordedAt,
            SignedStatements.FindingsText(f.Authority, f.Procedure, f.Content, f.LegalRisk));

    /// <summary>Checks the findings' signature; findings recorded before signatures are answered as unsigned (not valid, not broken).</summary>
    public async Task<ModuleOutcome<SignatureCheck>> VerifyFindingsAsync(Guid matterId, Guid findingsId, CancellationToken ct)
    {
        var (procedure, refusal) = await ModuleActs.LoadVisibleAsync(db, registry, matterId, await current.GetAsync(ct), ct);
        if (procedure is null)
        {
            return refusal!;
        }
        var findings = await db.Set<LegalityFindings>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == findingsId && f.MatterId == matterId, ct);
        if (findings is null)
        {
            return LegalityRules.NoSuchFindings();
        }
        return ModuleOutcome<SignatureCheck>.Ok(await signatures.VerifyStatementAsync(findings.SignatureAlgorithm, findings.SignerKeyId, findings.Signature,
            findings.RecordedBy, findings.InstanceId, FindingsRecorded, findings.Id, FindingsMessage(findings), ct));
    }
}
