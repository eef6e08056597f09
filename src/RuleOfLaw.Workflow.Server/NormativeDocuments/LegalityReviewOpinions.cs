using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The justice office's legality review opinion (合法性审核意见, Opinion 115): the checklist answered item by item,
/// not before the minimum review time, and overdue (shown, not refused) after the maximum.
/// </summary>
public sealed class LegalityReviewOpinions(NormativeContext context, DocumentProcedure procedure)
{
    public async Task<ReviewWindow> WindowAsync(NormativeDocument document, CancellationToken ct)
    {
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        return LegalityReviewRules.Window(context.Calculator(settings), document.SubmittedForReviewOn!.Value, settings.NormativeDocuments);
    }

    public async Task<NormativeDocument> RecordAsync(Actor actor, Guid id, ReviewOpinionRequest request, CancellationToken ct)
    {
        var document = await context.DocumentAsync(id, ct);
        NormativeContext.Require(actor, await context.JusticeOfficesAsync(document.GovernmentId, ct), [Roles.LegalityReviewer],
            "本级司法行政部门的审核人员 / the justice office's reviewer", NormativeArticles.Opinion115);
        if (document.Status != NormativeStatuses.InReview)
        {
            throw NormativeRefusedException.WrongStage("出具审核意见 / reviewed", document.Status, NormativeArticles.Opinion115);
        }
        var answers = request.Checklist ?? [];
        var refusals = LegalityReviewRules.CheckOpinion(request.Conclusion ?? "", answers);
        if (refusals.Count > 0)
        {
            throw new NormativeRefusedException(refusals);
        }
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        var window = LegalityReviewRules.Window(context.Calculator(settings), document.SubmittedForReviewOn!.Value, settings.NormativeDocuments);
        if (LegalityReviewRules.CheckOpinionDay(window, context.Today(settings), settings.NormativeDocuments) is { } early)
        {
            throw new NormativeRefusedException(early);
        }
        // The step's outcome is the conclusion; "amend" and "unlawful" need the written opinion (the definition's commentRequired).
        await procedure.CheckAsync(document.Id, NormativeSteps.LegalityReview, request.Conclusion!, request.Opinion, NormativeCommands.ReviewOpinion, actor, ct);
        document.ReviewConclusion = request.Conclusion;
        document.ReviewChecklist = JsonSerializer.Serialize(answers, ApiJson.Options);
        document.ReviewOpinion = request.Opinion;
        document.ReviewedAt = context.Clock.GetUtcNow();
        document.Status = NormativeStatuses.Reviewed;
        var overdue = LegalityReviewRules.IsOverdue(window, context.Today(settings));
        context.Event(document.Id, "reviewed", actor.Id, request.Conclusion + (overdue ? $"（逾期：最迟{NormativeProblems.Day(window.Latest.LastDay)}）" : ""));
        await context.Db.SaveChangesAsync(ct);
        await procedure.CompleteAsync(document.Id, NormativeSteps.LegalityReview, request.Conclusion!, request.Opinion,
            new { checklist = answers, overdue, latest = window.Latest.LastDay }, NormativeCommands.ReviewOpinion, actor, ct);
        return document;
    }
}
