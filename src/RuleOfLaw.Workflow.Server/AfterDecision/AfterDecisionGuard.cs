using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// The after-decision steps are completed only when their record exists (the rules: <see cref="Completion"/>); this
/// loads what is on record for the task being completed.
/// </summary>
public sealed class AfterDecisionGuard(ModuleWriter records) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } =
        [AfterDecisionSteps.PartyCommitteeReport, AfterDecisionSteps.Publication, AfterDecisionSteps.Filing, AfterDecisionSteps.Archiving, AfterDecisionSteps.Execution, AfterDecisionSteps.PostDecisionEvaluation];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken ct)
    {
        var db = records.Db;
        var task = context.Task;
        var refusal = task.StepId switch
        {
            AfterDecisionSteps.PartyCommitteeReport => Completion.PartyReport(await db.Set<PartyCommitteeReport>().AnyAsync(r => r.TaskId == task.Id, ct)),
            AfterDecisionSteps.Publication => Completion.Publication(await db.Set<DecisionPublication>().AnyAsync(r => r.TaskId == task.Id, ct)),
            AfterDecisionSteps.Filing => Completion.Filing(Filing.Recipients(context.State),
                await db.Set<FilingRecord>().Where(r => r.TaskId == task.Id).Select(r => r.RecipientId).ToListAsync(ct)),
            AfterDecisionSteps.Archiving => Completion.Archiving(await db.Set<ArchiveRecord>().AnyAsync(r => r.TaskId == task.Id, ct)),
            AfterDecisionSteps.PostDecisionEvaluation => Completion.Evaluation(context.Outcome,
                await db.Set<DecisionEvaluation>().AnyAsync(e => e.MatterId == context.MatterId && e.Outcome == context.Outcome && e.CompletedAt != null, ct)),
            _ => null,
        };
        if (task.StepId == AfterDecisionSteps.Execution)
        {
            var matterId = context.MatterId;
            var kind = Completion.ReportKindFor(context.Outcome);
            var since = task.CreatedAt;
            // Compared in memory: SQLite cannot compare DateTimeOffset.
            var reported = (await db.Set<ExecutionEvent>().AsNoTracking().Where(e => e.MatterId == matterId && e.Kind == kind).ToListAsync(ct))
                .Any(e => e.RecordedAt >= since);
            var suspended = context.Outcome == ExecutionOutcomes.Executed
                && (await ExecutionService.SuspensionAsync(db, matterId, context.State, context.Definition, ct)).Suspended;
            return Completion.Execution(context.Outcome, reported, suspended);
        }
        return refusal is null ? [] : [refusal];
    }
}
