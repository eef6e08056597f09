using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>The legality review's lines in the compliance report (第二十五条至第二十八条).</summary>
public sealed class LegalityCompliance(WorkflowDbContext db) : IComplianceCheck
{
    private static LegalityTexts T => LegalityTexts.Catalog;

    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        if (context.State is not { } state)
        {
            return [Reviewed(ComplianceStatus.Pending, T.Line("compliance.not-started"))];
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
                    ComplianceStatus.Pending, null, LegalityGuards.Submission).Because(T.Line("compliance.package-pending"))
                : new ComplianceItem("legality:package", "送审材料（草案、依据、履行程序说明）", "Submission package (draft, legal bases, account of procedures)", "第二十六条",
                    ComplianceStatus.Met, null, LegalityGuards.Submission).Because(T.Line("compliance.package-met", ("by", submission!.ActorName),
                    ("on", context.Day(submission.OccurredAt)), ("draft", package.DraftReference), ("bases", package.LegalBases.Count),
                    ("procedures", package.Procedures.Count), ("sequence", submission.Sequence))),
            package is null
                ? new ComplianceItem("legality:review-time", "保证必要的审查时间（一般不少于7个工作日）", "Guaranteed review time (generally 7 working days)", "第二十六条",
                    ComplianceStatus.Pending, null, LegalityGuards.Submission).Because(T.Line("compliance.review-time-pending"))
                : new ComplianceItem("legality:review-time", "保证必要的审查时间（一般不少于7个工作日）", "Guaranteed review time (generally 7 working days)", "第二十六条",
                    ComplianceStatus.Met, null, LegalityGuards.Submission).Because(T.Line(
                    package.GuaranteeProvisionalYear is null ? "compliance.review-time-met" : "compliance.review-time-met-provisional",
                    ("requested", package.RequestedOpinionDate), ("until", package.GuaranteedUntil), ("rule", TwoLanguages.Of(package.GuaranteeRule)))),
            new ComplianceItem("legality:counsel-opinion", "法律顾问、公职律师法律意见", "Opinion of a legal counsel or staff lawyer", "第二十八条",
                opinions > 0 ? ComplianceStatus.Met : ComplianceStatus.Pending, null, LegalityGuards.CounselStep)
                .Because(opinions > 0 ? T.Line("compliance.counsel-met", ("count", opinions)) : T.Line("compliance.counsel-pending")),
            new ComplianceItem("legality:findings", "权限、程序、内容审查意见", "Findings on authority, procedure and content", "第二十七条",
                findings is null ? ComplianceStatus.Pending : ComplianceStatus.Met, null, LegalityGuards.Review)
                .Because(findings is null ? T.Line("compliance.findings-pending")
                    : findings.LegalRisk is null ? T.Line("compliance.findings-met", ("outcome", lastReview!.Outcome))
                    : T.Line("compliance.findings-met-risk", ("outcome", lastReview!.Outcome))),
            lastReview?.Outcome switch
            {
                LegalityOutcomes.Lawful => Reviewed(ComplianceStatus.Met, T.Line("compliance.lawful", ("on", Day(context, lastReview.CompletedAt)))),
                LegalityOutcomes.ExploratoryReform => Reviewed(ComplianceStatus.Met, T.Line("compliance.exploratory-reform", ("on", Day(context, lastReview.CompletedAt)))),
                LegalityOutcomes.Unlawful when !Resubmitted(state, lastReview) => Reviewed(ComplianceStatus.Unmet, T.Line("compliance.unlawful")),
                LegalityOutcomes.NeedsRevision when !Resubmitted(state, lastReview) => Reviewed(ComplianceStatus.Pending, T.Line("compliance.needs-revision")),
                _ => Reviewed(ComplianceStatus.Pending, T.Line("compliance.not-reviewed")),
            },
        ];
    }

    /// <summary>A revision after the review resubmitted the draft: the old conclusion no longer speaks for the draft.</summary>
    private static bool Resubmitted(InstanceState state, WorkTask review) =>
        state.Tasks.Any(t => t.StepId == LegalityGuards.Submission && t.CreatedAt > review.CompletedAt);

    private static ComplianceItem Reviewed(ComplianceStatus status, IReaderText detail) =>
        new ComplianceItem("legality:reviewed-lawful", "经合法性审查且未被认定不合法", "Reviewed for legality and not found unlawful", "第二十五条",
            status, null, LegalityGuards.Review, [MeetingSteps.CollectiveDecision]).Because(detail);

    private static DateOnly? Day(ComplianceContext context, DateTimeOffset? at) => at is { } instant ? context.Day(instant) : null;
}
