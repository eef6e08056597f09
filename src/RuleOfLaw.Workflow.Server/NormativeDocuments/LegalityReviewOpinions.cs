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
        if (await procedure.AnsweredAsync(id, NormativeSteps.LegalityReview, NormativeCommands.ReviewOpinion, request.Conclusion ?? "", request, actor, ct))
        {
            return await context.DocumentAsync(id, ct);
        }
        var document = await context.DocumentAsync(id, ct);
        NormativeContext.Require(actor, await context.JusticeOfficesAsync(document.GovernmentId, ct), [Roles.LegalityReviewer],
            "本级司法行政部门的审核人员 / the justice office's reviewer", NormativeArticles.Opinion115);
        CheckInReview(document);
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
        var overdue = LegalityReviewRules.IsOverdue(window, context.Today(settings));
        var reviewedAt = context.Clock.GetUtcNow();
        await procedure.ActAsync(id, new NormativeAct(NormativeSteps.LegalityReview, NormativeCommands.ReviewOpinion, request.Conclusion!, request.Opinion,
            new { checklist = answers, overdue, latest = window.Latest.LastDay }, request), actor, async c =>
        {
            var stored = await context.DocumentAsync(id, c);
            CheckInReview(stored);
            stored.ReviewConclusion = request.Conclusion;
            stored.ReviewChecklist = JsonSerializer.Serialize(answers, ApiJson.Options);
            stored.ReviewOpinion = request.Opinion;
            stored.ReviewedAt = reviewedAt;
            stored.Status = NormativeStatuses.Reviewed;
            context.Event(id, "reviewed", actor.Id, request.Conclusion + (overdue ? $"（逾期：最迟{NormativeProblems.Day(window.Latest.LastDay)}）" : ""));
        }, ct);
        return await context.DocumentAsync(id, ct);
    }

    private static void CheckInReview(NormativeDocument document)
    {
        if (document.Status != NormativeStatuses.InReview)
        {
            throw NormativeRefusedException.WrongStage("出具审核意见 / reviewed", document.Status, NormativeArticles.Opinion115);
        }
    }
}
