using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// A government document is deliberated at the executive meeting, and from definition version 3 a department document at
/// the department's office meeting, through the meetings module, which completes the procedure's
/// <c>collective-decision</c> step by its own record (<c>meeting-record</c>). This observer carries that
/// decision onto the document's register in the same transaction: adopted (also with amendments) → deliberated; not
/// adopted → back to revision, its review conclusion cleared so that the revised draft is reviewed again before it
/// returns to a meeting (Notice 37); deferred → unchanged (the agenda takes it again).
/// </summary>
public sealed class MeetingDecisionProjection(WorkflowDbContext db, TimeProvider clock) : IInstanceTransitionObserver
{
    public async Task OnDecidedAsync(InstanceState? before, InstanceState after, CancellationToken cancellationToken)
    {
        if (after.DefinitionId != NormativeSteps.Definition
            || after.Steps.GetValueOrDefault(NormativeSteps.CollectiveDecision) is not { Status: StepStatus.Completed } decided
            || before?.Steps.GetValueOrDefault(NormativeSteps.CollectiveDecision)?.FinishedSequence == decided.FinishedSequence
            || decided.Outcome == HeadOutcomes.Deferred)
        {
            return;
        }
        var document = await db.Set<NormativeDocument>().SingleOrDefaultAsync(d => d.Id == Guid.Parse(after.MatterId), cancellationToken);
        if (document is null)
        {
            return;
        }
        var adopted = decided.Outcome is HeadOutcomes.Approved or HeadOutcomes.ApprovedWithAmendments;
        document.DeliberatedAt = clock.GetUtcNow();
        document.Status = adopted ? NormativeStatuses.Deliberated : NormativeStatuses.Drafting;
        if (!adopted)
        {
            document.ReviewConclusion = null;
        }
        var task = after.Tasks.LastOrDefault(t => t.StepId == NormativeSteps.CollectiveDecision && t.Status == WorkTaskStatus.Completed);
        db.Set<NormativeDocumentEvent>().Add(new NormativeDocumentEvent
        {
            Id = Guid.NewGuid(), DocumentId = document.Id, Type = adopted ? "deliberated" : "not-adopted", At = clock.GetUtcNow(),
            Actor = task?.CompletedBy ?? "system", Note = $"{DeliberationMeetings.For(document.Kind)} {decided.Outcome}",
        });
    }

    public Task OnCommittedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
