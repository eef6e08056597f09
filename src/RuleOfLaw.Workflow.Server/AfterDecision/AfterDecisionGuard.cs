using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// The after-decision steps are completed only when their record exists: the Party committee report (第三十一条),
/// the publication (第三十二条), every filing recipient filed (第四十三条), the dossier archived after its completeness
/// check (第三十三条), execution reported and not suspended (第三十四条、第三十五条、第三十七条), and a concluded
/// post-decision evaluation with the same result (第三十六条).
/// </summary>
public sealed class AfterDecisionGuard(ModuleWriter records) : IStepCompletionGuard
{
    public IReadOnlyCollection<string> Steps { get; } =
        [AfterDecisionSteps.PartyCommitteeReport, AfterDecisionSteps.Publication, AfterDecisionSteps.Filing, AfterDecisionSteps.Archiving, AfterDecisionSteps.Execution, AfterDecisionSteps.PostDecisionEvaluation];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken ct)
    {
        var db = records.Db;
        var task = context.Task;
        switch (task.StepId)
        {
            case AfterDecisionSteps.PartyCommitteeReport when !await db.Set<PartyCommitteeReport>().AnyAsync(r => r.TaskId == task.Id, ct):
                return [new Refusal("party-report-missing",
                    "决策出台前应当向同级党委请示报告：请先记录请示报告的日期、方式和答复（POST /api/matters/{id}/party-committee-report）。Record the report to the Party committee first.",
                    "第三十一条")];
            case AfterDecisionSteps.Publication when !await db.Set<DecisionPublication>().AnyAsync(r => r.TaskId == task.Id, ct):
                return [new Refusal("publication-missing",
                    "请先记录公布的途径、日期和意见采纳情况说明（POST /api/matters/{id}/publication）。Record the publication first.", "第三十二条")];
            case AfterDecisionSteps.Filing:
            {
                var filed = await db.Set<FilingRecord>().Where(r => r.TaskId == task.Id).Select(r => r.RecipientId).ToListAsync(ct);
                var missing = FilingPlan.Recipients(context.State).Where(r => !filed.Contains(r.Id)).ToList();
                return missing.Count == 0 ? [] :
                [
                    new Refusal("filing-incomplete",
                        $"尚未向以下备案机关报送备案：{string.Join("、", missing.Select(m => m.Name))}。Every filing recipient must be filed before the step is done.",
                        "第四十三条"),
                ];
            }
            case AfterDecisionSteps.Archiving when !await db.Set<ArchiveRecord>().AnyAsync(r => r.TaskId == task.Id, ct):
                return [new Refusal("archive-missing",
                    "请先通过完整性检查并记录归档（POST /api/matters/{id}/archive）。Archive the dossier (completeness check) first.", "第三十三条")];
            case AfterDecisionSteps.Execution:
            {
                var matterId = context.MatterId;
                var since = task.CreatedAt;
                var kind = context.Outcome == "problem-reported" ? ExecutionEventKinds.Problem : ExecutionEventKinds.Progress;
                var reported = (await db.Set<ExecutionEvent>().AsNoTracking().Where(e => e.MatterId == matterId && e.Kind == kind).ToListAsync(ct))
                    .Any(e => e.RecordedAt >= since);
                var refusals = new List<Refusal>();
                if (!reported)
                {
                    refusals.Add(kind == ExecutionEventKinds.Problem
                        ? new Refusal("problem-report-missing", "请先由执行单位报告所发现的问题（POST /api/matters/{id}/execution/reports）。Report the problem first.", "第三十五条")
                        : new Refusal("progress-report-missing", "请先由执行单位向决策机关报告执行情况（POST /api/matters/{id}/execution/reports）。Report the execution first.", "第三十四条"));
                }
                if (context.Outcome == "executed" && (await ExecutionEndpoints.SuspensionAsync(records, matterId, ct)).Suspended)
                {
                    refusals.Add(new Refusal("execution-suspended", "决策已由行政首长决定中止执行，不能报告执行完毕。Execution is suspended by the chief executive.", "第三十七条"));
                }
                return refusals;
            }
            case AfterDecisionSteps.PostDecisionEvaluation:
            {
                var matterId = context.MatterId;
                var outcome = context.Outcome;
                return await db.Set<DecisionEvaluation>().AnyAsync(e => e.MatterId == matterId && e.Outcome == outcome && e.CompletedAt != null, ct)
                    ? []
                    : [new Refusal("evaluation-missing",
                        $"请先完成结论为“{outcome}”的决策后评估（POST /api/matters/{{id}}/evaluations …）。Conclude an evaluation with this result first.", "第三十六条")];
            }
        }
        return [];
    }
}
