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

/// <summary>The risk assessment's lines in the compliance report, their details from <see cref="RiskTexts"/> in the reader's language.</summary>
public sealed class RiskAssessmentCompliance(WorkflowDbContext db) : IComplianceCheck
{
    private static RiskTexts T => RiskTexts.Catalog;

    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        if (context.State is not { } state)
        {
            return [];
        }
        const string step = RiskAssessmentEndpoints.Step;
        if (!state.Attributes.GetValueOrDefault("stabilityRisk"))
        {
            var why = T.Line("compliance.not-a-stability-risk");
            return
            [
                new ComplianceItem("risk:report", "风险评估报告", "Risk assessment report", "第二十二条、第二十三条", ComplianceStatus.NotApplicable, null, step).Because(why),
                new ComplianceItem("risk:controllable", "风险可控方可作出决策", "Risk controllable before the decision", "第二十四条", ComplianceStatus.NotApplicable, null, step).Because(why),
            ];
        }
        var last = state.Tasks.LastOrDefault(t => t.StepId == step && t.Status == WorkTaskStatus.Completed);
        var report = last is null ? null : (await db.Set<RiskAssessmentReport>().AsNoTracking().Where(r => r.TaskId == last.Id)
            .ToListAsync(cancellationToken)).MaxBy(r => r.JournalSequence);
        var reportItem = new ComplianceItem("risk:report", "风险评估报告", "Risk assessment report", "第二十二条、第二十三条",
            report is null ? ComplianceStatus.Pending : ComplianceStatus.Met, null, step).Because(report switch
            {
                null => T.Line("compliance.not-assessed"),
                { Reference: null } => T.Line("compliance.report", ("by", report.RecordedByName), ("day", context.Day(report.RecordedAt)),
                    ("risks", RiskReportView.From(report).RiskPoints.Count), ("conclusion", new RiskConclusion(report.Conclusion ?? RiskConclusion.Reference))),
                _ => T.Line("compliance.reference", ("reference", report.Reference), ("validUntil", report.ReferenceValidUntil)),
            });
        var (status, detail) = last?.Outcome switch
        {
            RiskRules.Controllable => (ComplianceStatus.Met, T.Line("compliance.controllable")),
            RiskRules.AlreadyAssessed => (ComplianceStatus.Met, T.Line("compliance.already-assessed")),
            RiskRules.NotControllable => (ComplianceStatus.Unmet, T.Line("compliance.not-controllable")),
            _ => (ComplianceStatus.Pending, T.Line("compliance.no-conclusion")),
        };
        return [reportItem, new ComplianceItem("risk:controllable", "风险可控方可作出决策", "Risk controllable before the decision", "第二十四条", status, null, step,
            ["legality-submission", MeetingSteps.CollectiveDecision]).Because(detail)];
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
