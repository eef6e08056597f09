using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// Drafting (起草): the drafting unit of a listed entity opens a document — and with it the document's procedure
/// (<see cref="DocumentProcedure"/>) — then submits it for legality review.
/// </summary>
public sealed class DocumentDrafting(NormativeContext context, DocumentProcedure procedure, ReviewPackages packages)
{
    private static readonly string[] Drafters = [Roles.DraftingOfficer, Roles.DraftingHead];

    /// <summary>
    /// Opens a document. <c>clientKey</c> is the request's <c>Idempotency-Key</c> (or a page's form key): a resent draft
    /// with it is the same document, written once. Without one every draft is a new document (a document re-issued after
    /// evaluation has the same title).
    /// </summary>
    public async Task<NormativeDocument> CreateAsync(Actor actor, DraftRequest request, CancellationToken ct, string? clientKey = null)
    {
        var issuer = await context.Db.Set<NormativeIssuer>().FindAsync([request.IssuerId], ct);
        var settings = issuer is null ? Jurisdictions.NormativeDocumentSettings.Default : (await context.SettingsAsync(issuer.GovernmentId, ct)).NormativeDocuments;
        var bases = (request.LegalBases ?? []).Select(b => b?.Trim() ?? "").ToList();
        var draft = new DraftRecord(request.Title?.Trim() ?? "", request.Kind ?? "", request.Provisional, request.ValidityYears,
            request.AffectsMarketActors, request.MajorDecision, bases);
        var refusals = DraftingRules.Check(draft, issuer is null ? null : NormativeContext.Rules(issuer), settings);
        if (refusals.Count > 0)
        {
            throw new NormativeRefusedException(refusals);
        }
        NormativeContext.Require(actor, [issuer!.OrganizationId], Drafters, $"{issuer.Name}的起草人员 / the drafting unit", NormativeArticles.IssuingEntityList);
        var key = IdempotencyKey.For(actor.Id, clientKey, $"normative-draft:{Guid.NewGuid()}", "POST /api/normative-documents", request);
        var id = ModuleWrites.RowId(key, "normative-document");
        // The procedure's start is asked of the engine before anything is written (a scope without an organization, an
        // attribute the definition does not declare); the document, its history, its matter and the start are then one
        // transaction (DocumentProcedure.StartAsync).
        var attributes = NormativeProcedureRules.Attributes(draft, request.PublicConsultation);
        var assignments = await procedure.AssignmentsAsync(issuer, draft.Kind, ct);
        var jurisdiction = await context.SettingsAsync(issuer.GovernmentId, ct);
        var snapshot = NormativeProcedureRules.Snapshot(jurisdiction, draft.AffectsMarketActors);
        if (procedure.CheckStart(id, attributes, assignments, snapshot, actor) is { Count: > 0 } cannotStart)
        {
            throw new NormativeRefusedException(cannotStart);
        }
        var result = await procedure.StartAsync(key, id, attributes, assignments, snapshot, actor, async c =>
        {
            var document = new NormativeDocument
            {
                Id = id, IssuerId = issuer.Id, GovernmentId = issuer.GovernmentId, Kind = draft.Kind, Title = draft.Title,
                Provisional = draft.Provisional, ValidityYears = draft.ValidityYears, AffectsMarketActors = draft.AffectsMarketActors,
                MajorDecision = draft.MajorDecision, MajorDecisionMatterId = request.MajorDecisionMatterId, LegalBases = string.Join('\n', bases),
                Status = NormativeStatuses.Drafting, CreatedAt = context.Clock.GetUtcNow(), CreatedBy = actor.Id,
            };
            context.Db.Set<NormativeDocument>().Add(document);
            context.Event(id, "drafted", actor.Id, draft.Title);
            await procedure.AddMatterAsync(document, issuer, attributes, assignments, jurisdiction.Id, context.Today(jurisdiction).Year, actor, c);
        }, ct);
        if (result.Refusals.Count > 0)
        {
            throw new NormativeRefusedException(result.Refusals);
        }
        // New, or the same key's first answer: the document as stored.
        context.Db.ChangeTracker.Clear();
        return await context.DocumentAsync(id, ct);
    }

    /// <summary>
    /// The package goes to the justice office; the review window (5-15 working days) counts from today. The package is
    /// assembled from the record (<see cref="ReviewPackages"/>) and journaled with the step; a package that lacks a
    /// material (<see cref="ReviewPackageMaterials.Check"/>: the draft, the legal bases, a due consultation) refuses the
    /// submission (409, each material named), nothing written. A document drafted before the procedure has no step to
    /// carry it.
    /// </summary>
    public async Task<NormativeDocument> SubmitForReviewAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (await procedure.AnsweredAsync(id, NormativeSteps.ReviewSubmission, NormativeCommands.ReviewSubmission, "submitted", NoRequest, actor, ct))
        {
            return await context.DocumentAsync(id, ct);
        }
        var document = await context.DocumentAsync(id, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        NormativeContext.Require(actor, [issuer.OrganizationId], Drafters, $"{issuer.Name}的起草人员 / the drafting unit", NormativeArticles.Opinion115);
        CheckSubmittable(document);
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        await procedure.CheckAsync(document.Id, NormativeSteps.ReviewSubmission, "submitted", null, NormativeCommands.ReviewSubmission, actor, ct);
        var today = context.Today(settings);
        var running = await procedure.LoadAsync(id, ct);
        var package = await packages.AssembleAsync(document, running, ct);
        // A complete package is a condition of the submission (Opinion 115). A document drafted before the procedure has
        // no matter, so no files and no package to journal: it is submitted by its status alone, as before.
        if (running is not null && ReviewPackageMaterials.Check(package.Missing) is { Count: > 0 } incomplete)
        {
            throw new NormativeRefusedException(incomplete);
        }
        await procedure.ActAsync(id, new NormativeAct(NormativeSteps.ReviewSubmission, NormativeCommands.ReviewSubmission, "submitted", null,
            new { submittedOn = today, legalBases = document.LegalBases.Split('\n'), package }, NoRequest), actor, async c =>
        {
            var stored = await context.DocumentAsync(id, c);
            CheckSubmittable(stored);
            stored.SubmittedForReviewOn = today;
            stored.Status = NormativeStatuses.InReview;
            stored.ReviewConclusion = null;
            context.Event(id, "submitted-for-review", actor.Id);
        }, ct);
        return await context.DocumentAsync(id, ct);
    }

    /// <summary>An act without a body: its idempotency is over the document's step alone.</summary>
    private static readonly object NoRequest = new { };

    private static void CheckSubmittable(NormativeDocument document)
    {
        if (document.Status is not (NormativeStatuses.Drafting or NormativeStatuses.Reviewed) || document.ReviewConclusion is ReviewConclusions.Lawful)
        {
            throw NormativeRefusedException.WrongStage("报送合法性审核 / submitted for review", document.Status, NormativeArticles.Opinion115);
        }
    }
}
