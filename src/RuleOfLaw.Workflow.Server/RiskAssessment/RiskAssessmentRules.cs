using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.RiskAssessment;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.RiskAssessment;

/// <summary>
/// 第二十二条至第二十四条: the risk-assessment task completes only with a report of that task whose conclusion is the
/// outcome chosen (or, for "already-assessed", a reference still valid today): <see cref="RiskRules.Completion"/>.
/// </summary>
public sealed class RiskAssessmentGuard(WorkflowDbContext db, WorkflowEngine engine) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } = [RiskAssessmentEndpoints.Step];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        var report = (await db.Set<RiskAssessmentReport>().AsNoTracking().Where(r => r.TaskId == context.Task.Id)
            .ToListAsync(cancellationToken)).MaxBy(r => r.JournalSequence);
        var today = engine.DeadlinesIn(context.State.Jurisdiction?.TimeZone).LocalDay(context.Now);
        var facts = report is null ? null : new RiskReportFacts(report.Conclusion, report.Reference, report.ReferenceValidUntil);
        return RiskRules.Completion(facts, context.Outcome, today) is { } refusal ? [refusal] : [];
    }
}

/// <summary>The risk assessment's lines in the compliance report.</summary>
public sealed class RiskAssessmentCompliance(WorkflowDbContext db) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        if (context.State is not { } state)
        {
            return [];
        }
        const string step = RiskAssessmentEndpoints.Step;
        if (!state.Attributes.GetValueOrDefault("stabilityRisk"))
        {
            const string why = "决策事项未被确定为可能对社会稳定、公共安全等方面造成不利影响（stabilityRisk=false）。The matter is not marked as a stability risk.";
            return
            [
                new ComplianceItem("risk:report", "风险评估报告", "Risk assessment report", "第二十二条、第二十三条", ComplianceStatus.NotApplicable, why, step),
                new ComplianceItem("risk:controllable", "风险可控方可作出决策", "Risk controllable before the decision", "第二十四条", ComplianceStatus.NotApplicable, why, step),
            ];
        }
        var last = state.Tasks.LastOrDefault(t => t.StepId == step && t.Status == WorkTaskStatus.Completed);
        var report = last is null ? null : (await db.Set<RiskAssessmentReport>().AsNoTracking().Where(r => r.TaskId == last.Id)
            .ToListAsync(cancellationToken)).MaxBy(r => r.JournalSequence);
        var reportItem = report is null
            ? new ComplianceItem("risk:report", "风险评估报告", "Risk assessment report", "第二十二条、第二十三条", ComplianceStatus.Pending, "尚未完成风险评估。Not assessed yet.", step)
            : new ComplianceItem("risk:report", "风险评估报告", "Risk assessment report", "第二十二条、第二十三条", ComplianceStatus.Met,
                report.Reference is null
                    ? $"{report.RecordedByName}于{report.RecordedAt:yyyy-MM-dd}出具报告：风险点{RiskReportView.From(report).RiskPoints.Count}项，结论{report.Conclusion}。"
                    : $"引用已有有效评估：{report.Reference}（有效期至{report.ReferenceValidUntil:yyyy-MM-dd}）。", step);
        var (status, detail) = last?.Outcome switch
        {
            RiskRules.Controllable => (ComplianceStatus.Met, "风险评估结论为风险可控。Risk controllable."),
            RiskRules.AlreadyAssessed => (ComplianceStatus.Met, "已有有效评估，风险可控。Valid existing assessment."),
            RiskRules.NotControllable => (ComplianceStatus.Unmet, "风险不可控：须调整决策草案并重新评估为风险可控后方可送审和作出决策。Not controllable: revise the draft and reassess."),
            _ => (ComplianceStatus.Pending, "尚无风险评估结论。No conclusion yet."),
        };
        return [reportItem, new ComplianceItem("risk:controllable", "风险可控方可作出决策", "Risk controllable before the decision", "第二十四条", status, detail, step,
            ["legality-submission", MeetingSteps.CollectiveDecision])];
    }
}

public static class RiskAssessmentRegistration
{
    public static IServiceCollection AddRiskAssessment(this IServiceCollection services)
    {
        services.AddScoped<RiskAssessmentService>();
        return services;
    }
}
