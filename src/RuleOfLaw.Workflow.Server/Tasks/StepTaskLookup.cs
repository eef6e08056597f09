using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Tasks;

/// <summary>
/// Finds the task that completing a matter's step by its id means, so a script need not look task ids up: the one
/// open task of that step the caller holds. When none is open, the caller's last completed task of that step is
/// taken, so a retry is answered exactly as a retry by task id is (the first answer replayed, or the engine's refusal
/// of a second completion): completing by step id has the same rules and idempotency as completing by task id.
/// </summary>
public static class StepTaskLookup
{
    public static async Task<(Guid? TaskId, Refusal? Refusal)> FindAsync(Guid matterId, string stepId, Actor actor, WorkflowDbContext db, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ProblemTexts.Catalog.NotFound("not-found.matter-visible"));
        }
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.MatterId == matterId && t.StepId == stepId).ToListAsync(ct);
        var open = tasks.Where(t => t.Status == nameof(WorkTaskStatus.Open) && actor.Holds(t.Role, t.OrganizationId) && (t.PartyId is null || t.PartyId == actor.Id)).ToList();
        if (open.Count == 1)
        {
            return (open[0].Id, null);
        }
        if (open.Count > 1)
        {
            return (null, ProblemTexts.Catalog.Conflict("step-ambiguous", null, ("step", stepId), ("tasks", open.Select(t => t.Id.ToString()).ToList())));
        }
        var mine = tasks.Where(t => t.CompletedBy == actor.Id).OrderByDescending(t => t.CompletedAt).FirstOrDefault();
        if (mine is not null)
        {
            return (mine.Id, null);
        }
        // An open task for a role the caller does not hold: completing it is refused exactly as by its task id.
        if (tasks.Where(t => t.Status == nameof(WorkTaskStatus.Open)).OrderBy(t => t.CreatedAt).FirstOrDefault() is { } others)
        {
            return (others.Id, null);
        }
        return (null, ProblemTexts.Catalog.Conflict("no-open-task", null, ("step", stepId)));
    }
}
