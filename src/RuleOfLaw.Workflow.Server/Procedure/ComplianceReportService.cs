using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;

namespace RuleOfLaw.Workflow.Server.Procedure;

/// <summary>
/// Builds a matter's compliance report: one line per step from the engine's state (done, skipped and why, open,
/// late), then the lines every <see cref="IComplianceCheck"/> contributes from the domain records.
/// </summary>
public sealed class ComplianceReportService(
    WorkflowDbContext db, DefinitionRegistry registry, IEnumerable<IComplianceCheck> checks, TimeProvider clock)
{
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
        if (state is not null && definition is not null)
        {
            items.AddRange(StepItems(definition, state, now));
        }
        var context = new ComplianceContext(matter, state, definition, now);
        foreach (var check in checks)
        {
            items.AddRange(await check.EvaluateAsync(context, cancellationToken));
        }
        return new ComplianceReport(matter.Id, matter.Number, matter.Title, now, items);
    }

    /// <summary>The report's Pending or Unmet items that must be met before <paramref name="stepId"/>.</summary>
    public async Task<IReadOnlyList<ComplianceItem>> UnmetBeforeAsync(Matter matter, string stepId, CancellationToken cancellationToken)
    {
        var report = await BuildAsync(matter, cancellationToken);
        return [.. report.Items.Where(i => i.Status is ComplianceStatus.Pending or ComplianceStatus.Unmet && i.RequiredBefore?.Contains(stepId) == true)];
    }

    private static IEnumerable<ComplianceItem> StepItems(ProcedureDefinition definition, InstanceState state, DateTimeOffset now)
    {
        foreach (var step in definition.Steps.Where(s => s.Kind != StepKind.Automatic))
        {
            var stepState = state.Steps.GetValueOrDefault(step.Id);
            var task = state.Tasks.LastOrDefault(t => t.StepId == step.Id);
            var (status, detail) = stepState?.Status switch
            {
                StepStatus.Completed when task is { DueAt: { } due, CompletedAt: { } done } && done > due =>
                    (ComplianceStatus.Unmet, $"逾期完成：应于{due:yyyy-MM-dd HH:mm}前完成，实际{done:yyyy-MM-dd HH:mm}（{task.DueRule}）。Completed late."),
                StepStatus.Completed => (ComplianceStatus.Met, Done(stepState, task)),
                StepStatus.Skipped => (ComplianceStatus.NotApplicable, stepState.SkipReason),
                StepStatus.Active or StepStatus.Waiting when task is { Status: WorkTaskStatus.Open, DueAt: { } due } && now > due =>
                    (ComplianceStatus.Unmet, $"已逾期：应于{due:yyyy-MM-dd HH:mm}前完成（{task.DueRule}）。Overdue."),
                StepStatus.Active or StepStatus.Waiting => (ComplianceStatus.Pending, task?.DueAt is { } due ? $"办理中，期限{due:yyyy-MM-dd HH:mm}（{task.DueRule}）。In progress." : "办理中。In progress."),
                StepStatus.Cancelled => (ComplianceStatus.NotApplicable, "程序已终止。The procedure was cancelled."),
                _ => (ComplianceStatus.Pending, "尚未到达。Not reached yet."),
            };
            yield return new ComplianceItem($"step:{step.Id}", step.Title, step.TitleEn ?? step.Id, step.Article, status, detail, step.Id);
        }
    }

    private static string Done(StepState state, WorkTask? task) =>
        task is { CompletedAt: { } at }
            ? $"{task.CompletedByName}于{at:yyyy-MM-dd HH:mm}完成（{state.Outcome}）。"
            : $"已完成（{state.Outcome}）。";
}

/// <summary>The compliance report of one matter at <paramref name="GeneratedAt"/>.</summary>
public sealed record ComplianceReport(Guid MatterId, string Number, string Title, DateTimeOffset GeneratedAt, IReadOnlyList<ComplianceItem> Items)
{
    public int Unmet => Items.Count(i => i.Status == ComplianceStatus.Unmet);
}
