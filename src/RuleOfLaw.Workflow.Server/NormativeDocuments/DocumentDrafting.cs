using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// Drafting (起草): the drafting unit of a listed entity opens a document — and with it the document's procedure
/// (<see cref="DocumentProcedure"/>) — then submits it for legality review.
/// </summary>
public sealed class DocumentDrafting(NormativeContext context, DocumentProcedure procedure)
{
    private static readonly string[] Drafters = [Roles.DraftingOfficer, Roles.DraftingHead];

    public async Task<NormativeDocument> CreateAsync(Actor actor, DraftRequest request, CancellationToken ct)
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
        var document = new NormativeDocument
        {
            Id = Guid.NewGuid(), IssuerId = issuer.Id, GovernmentId = issuer.GovernmentId, Kind = draft.Kind, Title = draft.Title,
            Provisional = draft.Provisional, ValidityYears = draft.ValidityYears, AffectsMarketActors = draft.AffectsMarketActors,
            MajorDecision = draft.MajorDecision, MajorDecisionMatterId = request.MajorDecisionMatterId, LegalBases = string.Join('\n', bases),
            Status = NormativeStatuses.Drafting, CreatedAt = context.Clock.GetUtcNow(), CreatedBy = actor.Id,
        };
        // The procedure's start is asked of the engine before anything is written (a scope without an organization, an
        // attribute the definition does not declare); the document, its matter and the start are then one act.
        var attributes = NormativeProcedureRules.Attributes(draft, request.PublicConsultation);
        var assignments = await procedure.AssignmentsAsync(issuer, draft.Kind, ct);
        var jurisdiction = await context.SettingsAsync(issuer.GovernmentId, ct);
        var snapshot = NormativeProcedureRules.Snapshot(jurisdiction, draft.AffectsMarketActors);
        if (procedure.CheckStart(document.Id, attributes, assignments, snapshot, actor) is { Count: > 0 } cannotStart)
        {
            throw new NormativeRefusedException(cannotStart);
        }
        context.Db.Set<NormativeDocument>().Add(document);
        context.Event(document.Id, "drafted", actor.Id, draft.Title);
        var matter = await procedure.AddMatterAsync(document, issuer, attributes, assignments, jurisdiction.Id, context.Today(jurisdiction).Year, actor, ct);
        await context.Db.SaveChangesAsync(ct);
        if (await procedure.StartAsync(matter, snapshot, actor, ct) is { Count: > 0 } refused)
        {
            // Only a race can get here (the start was checked above): take the document back rather than leave it without its procedure.
            context.Db.ChangeTracker.Clear();
            await context.Db.Set<NormativeDocumentEvent>().Where(e => e.DocumentId == document.Id).ExecuteDeleteAsync(ct);
            await context.Db.Set<NormativeDocument>().Where(d => d.Id == document.Id).ExecuteDeleteAsync(ct);
            await context.Db.Matters.Where(m => m.Id == matter.Id).ExecuteDeleteAsync(ct);
            throw new NormativeRefusedException(refused);
        }
        return document;
    }

    /// <summary>The package goes to the justice office; the review window (5-15 working days) counts from today.</summary>
    public async Task<NormativeDocument> SubmitForReviewAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var document = await context.DocumentAsync(id, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        NormativeContext.Require(actor, [issuer.OrganizationId], Drafters, $"{issuer.Name}的起草人员 / the drafting unit", NormativeArticles.Opinion115);
        if (document.Status is not (NormativeStatuses.Drafting or NormativeStatuses.Reviewed) || document.ReviewConclusion is ReviewConclusions.Lawful)
        {
            throw NormativeRefusedException.WrongStage("报送合法性审核 / submitted for review", document.Status, NormativeArticles.Opinion115);
        }
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        await procedure.CheckAsync(document.Id, NormativeSteps.ReviewSubmission, "submitted", null, NormativeCommands.ReviewSubmission, actor, ct);
        document.SubmittedForReviewOn = context.Today(settings);
        document.Status = NormativeStatuses.InReview;
        document.ReviewConclusion = null;
        context.Event(document.Id, "submitted-for-review", actor.Id);
        await context.Db.SaveChangesAsync(ct);
        await procedure.CompleteAsync(document.Id, NormativeSteps.ReviewSubmission, "submitted", null,
            new { submittedOn = document.SubmittedForReviewOn, legalBases = document.LegalBases.Split('\n') }, NormativeCommands.ReviewSubmission, actor, ct);
        return document;
    }
}
