using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Procedure;

/// <summary>
/// Builds a matter's compliance report: one line per step from the engine's state (done, skipped and why, open,
/// late), then the lines every <see cref="IComplianceCheck"/> contributes from the domain records. Every line's detail
/// is rendered for the reader (<see cref="ReaderLanguage"/>); times in it are the jurisdiction's local time, a period's
/// end its last day's 24:00.
/// </summary>
public sealed class ComplianceReportService(
    WorkflowDbContext db, DefinitionRegistry registry, IEnumerable<IComplianceCheck> checks, TimeProvider clock, DeadlineCalculator deadlines,
    ComplianceCheckScopes scopes)
{
    private static ProcedureTexts T => ProcedureTexts.Catalog;

    public async Task<ComplianceReport> BuildAsync(Matter matter, CancellationToken cancellationToken)
    {
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matter.Id, cancellationToken);
        InstanceState? state = null;
        ProcedureDefinition? definition = null;
        if (record is not null)
        {
            state = InstanceStateJson.Deserialize(record.StateJson);
            definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var items = new List<ComplianceItem>();
        var zone = state?.Jurisdiction?.TimeZone ?? deadlines.TimeZone.Id;
        if (state is not null && definition is not null)
        {
            items.AddRange(StepItems(definition, state, now, zone));
        }
        var context = new ComplianceContext(matter, state, definition, now) { TimeZone = zone };
        var lines = new List<ComplianceItem>();
        foreach (var check in checks.Where(c => scopes.Applies(c, matter.DefinitionId)))
        {
            lines.AddRange(await check.EvaluateAsync(context, cancellationToken));
        }
        // The modules' lines read in the order of the procedure (by their step's place in the definition), whatever
        // order the modules were registered in; a line of no step, or of a step this version lacks, comes last.
        var position = definition?.Steps.Select((step, index) => (step.Id, index)).ToDictionary(p => p.Id, p => p.index) ?? [];
        items.AddRange(lines.OrderBy(l => l.StepId is { } step && position.TryGetValue(step, out var index) ? index : int.MaxValue));
        var culture = ReaderLanguage.Culture;
        return new ComplianceReport(matter.Id, matter.Number, matter.Title, now, [.. items.Select(i => i.For(culture, ReaderLanguage.Text))]);
    }

    /// <summary>The report's Pending or Unmet items that must be met before <paramref name="stepId"/>.</summary>
    public async Task<IReadOnlyList<ComplianceItem>> UnmetBeforeAsync(Matter matter, string stepId, CancellationToken cancellationToken)
    {
        var report = await BuildAsync(matter, cancellationToken);
        return [.. report.Items.Where(i => i.Status is ComplianceStatus.Pending or ComplianceStatus.Unmet && i.RequiredBefore?.Contains(stepId) == true)];
    }

    private static IEnumerable<ComplianceItem> StepItems(ProcedureDefinition definition, InstanceState state, DateTimeOffset now, string zone)
    {
        foreach (var step in definition.Steps.Where(s => s.Kind != StepKind.Automatic))
        {
            var stepState = state.Steps.GetValueOrDefault(step.Id);
            var task = state.Tasks.LastOrDefault(t => t.StepId == step.Id && t.PartyId is null);
            var (status, detail) = stepState?.Status switch
            {
                StepStatus.Completed when task is { DueAt: { } due, CompletedAt: { } done } && done > due =>
                    (ComplianceStatus.Unmet, T.Line("step.completed-late", ("due", ReaderTime.When(due, zone)), ("done", new LocalTime(done, zone)), ("rule", Rule(task)))),
                StepStatus.Completed => (ComplianceStatus.Met, task is { CompletedAt: { } at }
                    ? T.Line("step.done-by", ("by", task.CompletedByName), ("at", new LocalTime(at, zone)), ("outcome", stepState.Outcome))
                    : T.Line("step.done", ("outcome", stepState.Outcome))),
                StepStatus.Skipped => (ComplianceStatus.NotApplicable, null),
                StepStatus.Active or StepStatus.Waiting when task is { Status: WorkTaskStatus.Open, DueAt: { } due } && now > due =>
                    (ComplianceStatus.Unmet, T.Line("step.overdue", ("due", ReaderTime.When(due, zone)), ("rule", Rule(task)))),
                StepStatus.Active or StepStatus.Waiting => (ComplianceStatus.Pending, task?.DueAt is { } due
                    ? T.Line("step.in-progress-due", ("due", ReaderTime.When(due, zone)), ("rule", Rule(task)))
                    : T.Line("step.in-progress")),
                StepStatus.Cancelled => (ComplianceStatus.NotApplicable, T.Line("step.cancelled")),
                _ => (ComplianceStatus.Pending, T.Line("step.not-reached")),
            };
            var item = new ComplianceItem($"step:{step.Id}", step.Title, step.TitleEn ?? step.Id, step.Article, status, stepState?.SkipReasonIn(System.Globalization.CultureInfo.CurrentUICulture), step.Id);
            // A skip reason is the engine's text (its condition's description), not yet a catalog's.
            yield return detail is null ? item : item.Because(detail);
        }
    }

    /// <summary>The rule the engine counted the due time by (its explanation, still written in both languages).</summary>
    private static TwoLanguages? Rule(WorkTask task) => task.DueRule is null ? null : TwoLanguages.Of(task.DueRule);
}

/// <summary>The compliance report of one matter at <paramref name="GeneratedAt"/>.</summary>
public sealed record ComplianceReport(Guid MatterId, string Number, string Title, DateTimeOffset GeneratedAt, IReadOnlyList<ComplianceItem> Items)
{
    public int Unmet => Items.Count(i => i.Status == ComplianceStatus.Unmet);
}
