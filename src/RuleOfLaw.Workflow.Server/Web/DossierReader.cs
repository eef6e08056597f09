using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>Everything the dossier page shows about one matter, read once.</summary>
public sealed record Dossier(
    Matter Matter, InstanceState? State, ProcedureDefinition Definition, TimeZoneInfo Zone, IReadOnlyList<JournalRecord> Journal,
    ComplianceReport Report, IReadOnlyDictionary<string, string> OrganizationNames, IReadOnlyDictionary<string, string> BlockedReasons,
    Actor Actor, DateTimeOffset Now)
{
    public bool CanDraft => MatterAccess.CanDraft(Matter, Actor);

    /// <summary>The matter whose sub-procedure step started this one's procedure (null for every other matter).</summary>
    public MatterLinkView? Parent { get; init; }

    /// <summary>The matters whose procedures this one's sub-procedure steps started.</summary>
    public IReadOnlyList<MatterLinkView> Children { get; init; } = [];

    public string Organization(string id) => OrganizationNames.GetValueOrDefault(id, id);

    /// <summary>The steps where the matter stands now (active ones), in definition order.</summary>
    public IEnumerable<StepDefinition> CurrentSteps => State is null ? [] :
        Definition.Steps.Where(s => State.Steps.GetValueOrDefault(s.Id)?.Status is StepStatus.Active or StepStatus.Waiting);
}

/// <summary>Reads a matter's dossier with the same visibility rule as the API (<see cref="MatterAccess.CanSee"/>).</summary>
public sealed class DossierReader(
    WorkflowDbContext db, DefinitionRegistry registry, ComplianceReportService compliance, DeadlineCalculator deadlines, TimeProvider clock)
{
    public async Task<Dossier?> ReadAsync(Guid matterId, Actor actor, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return null;
        }
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matterId, ct);
        var state = record is null ? null : InstanceStateJson.Deserialize(record.StateJson);
        var definition = record is null
            ? registry.Latest(matter.DefinitionId) ?? throw new InvalidOperationException($"Definition {matter.DefinitionId} is not installed.")
            : await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        var journal = record is null ? [] : await db.Journal.AsNoTracking().Where(j => j.InstanceId == record.Id).OrderBy(j => j.Sequence).ToListAsync(ct);
        var report = await compliance.BuildAsync(matter, ct);
        var organizationIds = MatterAccess.Assignments(matter).Values.Append(matter.DraftingUnitId).Append(matter.DecisionOrganId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => Ui.Pick(o.Name, o.NameEn), ct);
        var zone = Ui.Zone(state?.Jurisdiction?.TimeZone, deadlines.TimeZone);
        var (parent, children) = await MatterLinks.ReadAsync(db, matter, record?.Id, ct);
        return new Dossier(matter, state, definition, zone, journal, report, names, BlockedReasons(definition, state, report), actor, clock.GetUtcNow())
        {
            Parent = parent,
            Children = children,
        };
    }

    /// <summary>
    /// Why a reached or coming step cannot move: the instance is suspended (art. 37), a join still waits for parallel
    /// steps, or a compliance item that must be met first is pending or unmet (its article is named).
    /// </summary>
    public static Dictionary<string, string> BlockedReasons(ProcedureDefinition definition, InstanceState? state, ComplianceReport report)
    {
        var reasons = new Dictionary<string, string>();
        if (state is null)
        {
            return reasons;
        }
        foreach (var step in definition.Steps)
        {
            var status = state.Steps.GetValueOrDefault(step.Id)?.Status ?? StepStatus.Pending;
            var why = new List<string>();
            if (state.Status == InstanceStatus.Suspended && status == StepStatus.Active)
            {
                why.Add(Ui.Pick($"程序已中止（第三十七条）：{state.StatusReason}", $"The procedure is suspended (art. 37): {state.StatusReason}"));
            }
            if (status == StepStatus.Waiting)
            {
                var missing = step.Join.Where(j => state.Steps.GetValueOrDefault(j)?.Status is not (StepStatus.Completed or StepStatus.Skipped))
                    .Select(j => Ui.Pick(definition.Step(j).Title, definition.Step(j).TitleEn)).ToList();
                why.Add(Ui.Pick($"等待并行步骤完成：{string.Join("、", missing)}", $"Waiting for parallel steps: {string.Join(", ", missing)}"));
            }
            if (status is StepStatus.Active or StepStatus.Waiting)
            {
                why.AddRange(report.Items
                    .Where(i => i.Status is ComplianceStatus.Pending or ComplianceStatus.Unmet && i.RequiredBefore?.Contains(step.Id) == true)
                    .Select(i => $"{Ui.Pick(i.Title, i.TitleEn)}{(i.Article is null ? "" : $"（{i.Article}）")}"));
            }
            if (why.Count > 0)
            {
                reasons[step.Id] = string.Join("；", why);
            }
        }
        return reasons;
    }
}
