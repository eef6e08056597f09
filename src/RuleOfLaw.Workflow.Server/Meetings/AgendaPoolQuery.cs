using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// The agenda pool (<c>GET /api/meetings/pool</c>): the open meeting-scheduling tasks of the offices where the actor is a
/// meeting secretary, oldest first, in one query. Anyone who is no meeting secretary is refused (<c>forbidden</c>), not
/// answered an empty pool.
/// </summary>
public sealed class AgendaPoolQuery(WorkflowDbContext db, CurrentActor current)
{
    private static MeetingTexts T => MeetingTexts.Catalog;

    public async Task<ModuleOutcome<List<PoolItem>>> RunAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var offices = actor.Memberships.Where(m => m.Role == Roles.MeetingSecretary).Select(m => m.OrganizationId).ToList();
        if (offices.Count == 0)
        {
            return T.Forbidden("forbidden.candidates");
        }
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.StepId == MeetingSteps.Scheduling && t.Status == nameof(WorkTaskStatus.Open) && offices.Contains(t.OrganizationId))
            .Join(db.Matters, t => t.MatterId, m => m.Id, (t, m) => new { t.Id, t.Iteration, t.CreatedAt, m })
            .ToListAsync(ct);
        return ModuleOutcome<List<PoolItem>>.Ok(rows.OrderBy(r => r.CreatedAt).Select(r => new PoolItem(r.m.Id, r.m.Number, r.m.Title, r.Id, r.Iteration, r.CreatedAt)).ToList());
    }
}
