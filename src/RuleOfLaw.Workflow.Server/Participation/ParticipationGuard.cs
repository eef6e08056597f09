using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// The completion of the participation steps, by <see cref="Completion"/>'s rules (arts. 14, 15, 17, 18) over the
/// matter's records as <see cref="ParticipationQueries"/> loads them.
/// </summary>
public sealed class ParticipationGuard(ParticipationQueries queries, Data.WorkflowDbContext db) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } = [ParticipationTerms.Step, ParticipationTerms.GroupStep];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == context.MatterId, cancellationToken);
        var records = await queries.RecordsAsync(matter, cancellationToken);
        return Completion.Refusals(context.Task.StepId, records.Record(), context.Now);
    }
}
