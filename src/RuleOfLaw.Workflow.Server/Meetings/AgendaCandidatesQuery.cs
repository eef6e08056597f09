using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// The agenda candidates of a meeting (the secretary's meeting page and <c>GET /api/meetings/{id}/candidates</c>): the
/// running matters of the meeting's organ the secretary may see and that are on no agenda now, oldest first, each with
/// the gates of <see cref="Agenda"/> it does not meet — awaiting scheduling (第二十五条、第二十九条), the meeting date not
/// passed. One query loads the matters with their procedures, so a view runs the same SQL commands for one matter as
/// for twenty. The compliance items required before the collective decision (a report per matter, a dozen commands
/// each) are not part of the list: placing a matter checks them and refuses with every unmet item
/// (<c>agenda-gates-unmet</c>), and <c>?compliance=true</c> asks the API for them per matter awaiting scheduling.
/// </summary>
public sealed class AgendaCandidatesQuery(MeetingService meetings, ModuleWriter records, DefinitionRegistry registry, CurrentActor current)
{
    private static MeetingTexts T => MeetingTexts.Catalog;

    public async Task<ModuleOutcome<List<AgendaCandidate>>> RunAsync(Guid id, bool withCompliance, CancellationToken ct)
    {
        var db = records.Db;
        var (meeting, notFound) = await meetings.FindAsync(id, ct);
        if (notFound is not null)
        {
            return notFound;
        }
        var actor = await current.GetAsync(ct);
        if (Agenda.MayArrange((await MeetingService.SecretaryOfficesAsync(db, actor, ct)).Any(o => o.Organ == meeting!.DecisionOrganId)) is not null)
        {
            return T.Forbidden("forbidden.candidates");
        }
        var running = nameof(InstanceStatus.Running);
        var rows = await db.Matters.AsNoTracking()
            .Where(m => m.DecisionOrganId == meeting!.DecisionOrganId && !db.Set<AgendaItem>().Any(a => a.MatterId == m.Id && a.Status == "scheduled"))
            .Join(db.Instances.AsNoTracking().Where(i => i.Status == running), m => m.Id, i => i.MatterId, (m, i) => new { Matter = m, Instance = i })
            .ToListAsync(ct);
        var candidates = new List<AgendaCandidate>();
        // Oldest first (ordered here: SQLite cannot order by DateTimeOffset).
        foreach (var row in rows.Where(r => MatterAccess.CanSee(r.Matter, actor)).OrderBy(r => r.Matter.CreatedAt))
        {
            // The registry keeps every definition it has parsed: no query per row.
            var definition = await registry.GetAsync(row.Instance.DefinitionId, row.Instance.DefinitionVersion, db, ct);
            var loaded = new MatterProcedure(row.Matter, row.Instance, InstanceStateJson.Deserialize(row.Instance.StateJson), definition);
            var awaiting = loaded.OpenTask(MeetingSteps.Scheduling) is not null;
            candidates.Add(new AgendaCandidate(loaded.Matter.Id, loaded.Matter.Number, loaded.Matter.Title, awaiting,
                await meetings.AgendaGatesAsync(meeting!, loaded, withCompliance: withCompliance && awaiting, ct)));
        }
        return ModuleOutcome<List<AgendaCandidate>>.Ok(candidates);
    }
}
