using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>One open task on the home page, with its due time in the matter's jurisdiction and the days left.</summary>
public sealed record WorkbenchTask(Guid TaskId, Guid MatterId, string MatterNumber, string MatterTitle, string StepId, string StepTitle,
    string Role, DateTimeOffset? DueAt, TimeZoneInfo Zone, int? DaysLeft, bool Overdue);

/// <summary>A matter on the home page, under the stage it is in.</summary>
public sealed record WorkbenchMatter(Guid Id, string Number, string Title, string Stage);

public sealed record Workbench(IReadOnlyList<WorkbenchTask> Tasks, IReadOnlyList<IGrouping<string, WorkbenchMatter>> MattersByStage)
{
    /// <summary>What needs attention today: overdue tasks and those due within three days.</summary>
    public IEnumerable<WorkbenchTask> Attention => Tasks.Where(t => t.DaysLeft is <= 3);
}

/// <summary>
/// The home page's data: my open tasks from the WorkTasks projection (the same query and (organization, role) rule as
/// <c>GET /api/tasks/mine</c>) and the matters I may see (the API's visibility rule) grouped by their current stage.
/// </summary>
public sealed class WorkbenchReader(WorkflowDbContext db, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, DeadlineCalculator deadlines, TimeProvider clock)
{
    public async Task<Workbench> ReadAsync(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organizations = actor.Memberships.Select(m => m.OrganizationId).Distinct().ToList();
        var roles = actor.Memberships.Select(m => m.Role).Distinct().ToList();
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => organizations.Contains(t.OrganizationId) && roles.Contains(t.Role) && t.Status == nameof(WorkTaskStatus.Open))
            .Join(db.Matters, t => t.MatterId, m => m.Id, (t, m) => new { Task = t, m.Number, m.Title, m.JurisdictionId })
            .ToListAsync(ct);
        // A party's task (a member at the meeting) is hers alone.
        rows = rows.Where(r => actor.Holds(r.Task.Role, r.Task.OrganizationId) && (r.Task.PartyId is null || r.Task.PartyId == actor.Id)).ToList();
        var titlesEn = await StepTitles.EnglishAsync(db, registry, rows.Select(r => (r.Task.InstanceId, r.Task.StepId)), ct);
        var tasks = rows
            .Select(r =>
            {
                var zone = Ui.Zone(jurisdictions.Get(r.JurisdictionId)?.TimeZone, deadlines.TimeZone);
                return new WorkbenchTask(r.Task.Id, r.Task.MatterId, r.Number, r.Title, r.Task.StepId,
                    Ui.Pick(r.Task.Title, titlesEn[(r.Task.InstanceId, r.Task.StepId)]), r.Task.Role, r.Task.DueAt, zone,
                    r.Task.DueAt is { } due ? Ui.DaysLeft(due, now, zone) : null, r.Task.DueAt < now);
            })
            .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ToList();

        var matters = (await db.Matters.AsNoTracking().ToListAsync(ct)).Where(m => MatterAccess.CanSee(m, actor)).ToList();
        var ids = matters.Select(m => m.Id).ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.MatterId)).ToDictionaryAsync(i => i.MatterId, ct);
        var definitions = new Dictionary<(string, int), ProcedureDefinition>();
        var listed = new List<WorkbenchMatter>();
        foreach (var matter in matters.OrderByDescending(m => m.CreatedAt))
        {
            listed.Add(new WorkbenchMatter(matter.Id, matter.Number, matter.Title, instances.TryGetValue(matter.Id, out var record)
                ? await StageAsync(record, definitions, ct)
                : Ui.Pick("尚未启动", "Not started")));
        }
        return new Workbench(tasks, listed.GroupBy(m => m.Stage).OrderBy(g => g.Key, StringComparer.Ordinal).ToList());
    }

    private async Task<string> StageAsync(InstanceRecord record, Dictionary<(string, int), ProcedureDefinition> cache, CancellationToken ct)
    {
        var state = InstanceStateJson.Deserialize(record.StateJson);
        if (state.Status != InstanceStatus.Running)
        {
            return StageName(state.Status);
        }
        if (!cache.TryGetValue((record.DefinitionId, record.DefinitionVersion), out var definition))
        {
            cache[(record.DefinitionId, record.DefinitionVersion)] = definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        }
        var active = definition.Steps.Where(s => state.Steps.GetValueOrDefault(s.Id)?.Status is StepStatus.Active or StepStatus.Waiting)
            .Select(s => Ui.Pick(s.Title, s.TitleEn)).ToList();
        return active.Count == 0 ? Ui.Pick("办理中", "In progress") : string.Join(Ui.IsEnglish ? ", " : "、", active);
    }

    public static string StageName(InstanceStatus status) => status switch
    {
        InstanceStatus.Running => Ui.Pick("办理中", "Running"),
        InstanceStatus.Suspended => Ui.Pick("已中止", "Suspended"),
        InstanceStatus.Completed => Ui.Pick("已办结", "Completed"),
        InstanceStatus.Cancelled => Ui.Pick("已终止", "Cancelled"),
        _ => Ui.Pick("异常", "Faulted"),
    };
}
