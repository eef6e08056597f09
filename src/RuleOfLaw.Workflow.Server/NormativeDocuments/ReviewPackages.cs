using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The legality review package from the record (Opinion 115; <see cref="LegalityReviewPackage"/>): assembled when the
/// drafting unit submits (<see cref="DocumentDrafting.SubmitForReviewAsync"/>) and journaled as the data of the
/// <c>review-submission</c> step, so the justice office reads the package that was sent, anchored in the hash chain.
/// The files are the documents module's (the matter's id is the document's), the consultations the participation
/// module's (the document's own, and from version 4 those of its major-decision sub-procedure), the steps the engine's (<see cref="LegalitySubmissionPackage.Account"/>, as for a major decision).
/// </summary>
public sealed class ReviewPackages(NormativeContext context)
{
    /// <summary>The package as the record stands now.</summary>
    public async Task<LegalityReviewPackage> AssembleAsync(NormativeDocument document, MatterProcedure? running, CancellationToken ct)
    {
        var db = context.Db;
        var files = (await db.Set<MatterDocument>().AsNoTracking().Where(d => d.MatterId == document.Id)
                .Join(db.Set<DocumentVersion>(), d => new { DocumentId = d.Id, Number = d.LatestVersion }, v => new { v.DocumentId, v.Number },
                    (d, v) => new { d.Kind, d.Title, v.Id, v.Number, v.FileName, v.DigestAlgorithm, v.Digest })
                .ToListAsync(ct))
            .OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Title, StringComparer.Ordinal)
            .Select(f => new ReviewPackageFile(f.Kind, f.Title, f.Id, f.Number, f.FileName, f.DigestAlgorithm, f.Digest)).ToList();
        // From version 4 a document that is also a major decision is consulted on in its major-decision sub-procedure (the
        // child's matter, whose parent is the document's instance): that consultation is the document's.
        var children = db.Matters.AsNoTracking().Where(m => m.ParentInstanceId == document.Id).Select(m => m.Id);
        var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == document.Id || children.Contains(c.MatterId))
            .Select(c => new { c.Id, c.Title, c.OpensAt, c.ClosesAt, c.FeedbackPublishedAt, Comments = db.Set<ConsultationComment>().Count(m => m.ConsultationId == c.Id) })
            .ToListAsync(ct);
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        var steps = running is null ? [] : LegalitySubmissionPackage.Account(running.Definition, running.State, context.Calculator(settings))
            .Select(l => new ReviewPackageStep(l.StepId, l.Title, running.Definition.Step(l.StepId).TitleEn, l.Status, l.Outcome, l.Date, l.By, l.Reason)).ToList();
        var legalBases = document.LegalBases.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var consultationRequired = document.AffectsMarketActors
            || running?.State.Attributes.GetValueOrDefault(NormativeAttributes.PublicConsultation) == true;
        return new LegalityReviewPackage(document.Title, document.Kind, document.Provisional, document.ValidityYears, document.AffectsMarketActors,
            document.MajorDecision, legalBases, files,
            consultations.OrderBy(c => c.OpensAt.UtcTicks).Select(c => new ReviewPackageConsultation(c.Title, c.OpensAt, c.ClosesAt, c.Comments, c.FeedbackPublishedAt,
                new LocalTime(c.OpensAt, settings.TimeZone).ToText(CultureInfo.InvariantCulture),
                ReaderTime.When(c.ClosesAt, settings.TimeZone).ToText(CultureInfo.InvariantCulture))).ToList(),
            steps, ReviewPackageMaterials.Missing(files.Select(f => f.Kind), legalBases, consultationRequired, consultations.Count));
    }

    /// <summary>The package of the last submission (the data its step was completed with), or null: not submitted on the procedure.</summary>
    public static LegalityReviewPackage? Submitted(MatterProcedure running)
    {
        var data = running.State.Tasks.LastOrDefault(t => t.StepId == NormativeSteps.ReviewSubmission && t.Status == WorkTaskStatus.Completed)?.DataJson;
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }
        using var json = JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("package", out var package) ? package.Deserialize<LegalityReviewPackage>(ApiJson.Options) : null;
    }
}
