using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>The legality review's lines in the compliance report (第二十五条至第二十八条).</summary>
public sealed class LegalityCompliance(WorkflowDbContext db) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        if (context.State is not { } state)
        {
            return [Reviewed(ComplianceStatus.Pending, "程序尚未启动。Not started.")];
        }
        var instanceId = state.Id;
        var submission = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Type == JournalEntryTypes.TaskCompleted && j.StepId == LegalityGuards.Submission)
            .OrderByDescending(j => j.Sequence).FirstOrDefaultAsync(cancellationToken);
        var package = LegalitySubmissionPackage.Parse(submission?.DataJson);
        if (submission is not null && package is null)
        {
            // Completed on the generic task path: the package assembled beforehand for that submission.
            var prepared = await db.Journal.AsNoTracking()
                .Where(j => j.InstanceId == instanceId && j.Type == LegalityEndpoints.PackageAssembled && j.Iteration == submission.Iteration && j.Sequence < submission.Sequence)
                .OrderByDescending(j => j.Sequence).Select(j => new { j.Sequence, j.DataJson }).FirstOrDefaultAsync(cancellationToken);
            package = prepared is null ? null : LegalitySubmissionPackage.ParseAssembled(prepared.DataJson, prepared.Sequence);
        }
        var lastReview = state.Tasks.LastOrDefault(t => t.StepId == LegalityGuards.Review && t.Status == WorkTaskStatus.Completed);
        var counselTask = state.Tasks.LastOrDefault(t => t.StepId == LegalityGuards.CounselStep && t.Status == WorkTaskStatus.Completed);
        var opinions = counselTask is null ? 0 : await db.Set<CounselOpinion>().CountAsync(o => o.CounselTaskId == counselTask.Id, cancellationToken);
        var findings = lastReview is null ? null : (await db.Set<LegalityFindings>().AsNoTracking().Where(f => f.ReviewTaskId == lastReview.Id)
            .ToListAsync(cancellationToken)).MaxBy(f => f.JournalSequence);

        return
        [
            package is null
                ? new ComplianceItem("legality:package", "送审材料（草案、依据、履行程序说明）", "Submission package (draft, legal bases, account of procedures)", "第二十六条",
                    ComplianceStatus.Pending, "尚未送请合法性审查。Not submitted yet.", LegalityGuards.Submission)
                : new ComplianceItem("legality:package", "送审材料（草案、依据、履行程序说明）", "Submission package (draft, legal bases, account of procedures)", "第二十六条",
                    ComplianceStatus.Met, $"{submission!.ActorName}于{submission.OccurredAt:yyyy-MM-dd}送审：草案“{package.DraftReference}”，依据{package.LegalBases.Count}项，程序说明{package.Procedures.Count}项（日志#{submission.Sequence}）。",
                    LegalityGuards.Submission),
            package is null
                ? new ComplianceItem("legality:review-time", "保证必要的审查时间（一般不少于7个工作日）", "Guaranteed review time (generally 7 working days)", "第二十六条",
                    ComplianceStatus.Pending, "尚未送审。Not submitted yet.", LegalityGuards.Submission)
                : new ComplianceItem("legality:review-time", "保证必要的审查时间（一般不少于7个工作日）", "Guaranteed review time (generally 7 working days)", "第二十六条",
                    ComplianceStatus.Met, $"要求出具意见日期{package.RequestedOpinionDate}，法定审查时间{(package.GuaranteeProvisionalYear is null ? "至" : "至少至")}{package.GuaranteedUntil}（{package.GuaranteeRule}）。", LegalityGuards.Submission),
            new ComplianceItem("legality:counsel-opinion", "法律顾问、公职律师法律意见", "Opinion of a legal counsel or staff lawyer", "第二十八条",
                opinions > 0 ? ComplianceStatus.Met : ComplianceStatus.Pending,
                opinions > 0 ? $"本轮有{opinions}份署名法律意见。{opinions} signed opinion(s) in this round." : "尚无法律意见。None yet.", LegalityGuards.CounselStep),
            new ComplianceItem("legality:findings", "权限、程序、内容审查意见", "Findings on authority, procedure and content", "第二十七条",
                findings is null ? ComplianceStatus.Pending : ComplianceStatus.Met,
                findings is null ? "尚未作出审查结论。No concluded review yet." : $"审查结论：{lastReview!.Outcome}{(findings.LegalRisk is null ? "" : "；已明示法律风险")}。", LegalityGuards.Review),
            lastReview?.Outcome switch
            {
                "lawful" => Reviewed(ComplianceStatus.Met, $"经审查合法（{lastReview.CompletedAt:yyyy-MM-dd}）。Found lawful."),
                "exploratory-reform" => Reviewed(ComplianceStatus.Met, $"探索性改革事项，已明示法律风险（{lastReview.CompletedAt:yyyy-MM-dd}）。Exploratory reform with the legal risk stated."),
                "unlawful" when !Resubmitted(state, lastReview) => Reviewed(ComplianceStatus.Unmet, "经审查不合法，不得提交决策机关讨论。Found unlawful: may not be discussed."),
                "needs-revision" when !Resubmitted(state, lastReview) => Reviewed(ComplianceStatus.Pending, "审查意见要求修改，修改后须重新送审。Revision required, then resubmission."),
                _ => Reviewed(ComplianceStatus.Pending, "未经合法性审查的，不得提交决策机关讨论。Not reviewed yet: may not be discussed."),
            },
        ];
    }

    /// <summary>A revision after the review resubmitted the draft: the old conclusion no longer speaks for the draft.</summary>
    private static bool Resubmitted(InstanceState state, WorkTask review) =>
        state.Tasks.Any(t => t.StepId == LegalityGuards.Submission && t.CreatedAt > review.CompletedAt);

    private static ComplianceItem Reviewed(ComplianceStatus status, string detail) =>
        new("legality:reviewed-lawful", "经合法性审查且未被认定不合法", "Reviewed for legality and not found unlawful", "第二十五条",
            status, detail, LegalityGuards.Review, [MeetingSteps.CollectiveDecision]);
}
