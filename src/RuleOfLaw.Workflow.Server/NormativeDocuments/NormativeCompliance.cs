using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.FairCompetition;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.FairCompetition;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The normative document's lines in its compliance report — the fair-competition review of a document that affects
/// market actors (<see cref="FairCompetitionAsync"/>), and, required before collective deliberation (either meeting):
/// the legality review found it lawful (Notice 37: "未经合法性审核或者经审核不合法的，不得提交集体审议"), and a document
/// that is also a major decision has its major-decision procedure — the child its sub-procedure step started (definition
/// version 4) or the matter linked at drafting (version 3 and before) — completed with an adopted decision
/// (<see cref="MajorDecisionRuns"/>). The meetings module asks these
/// lines before it puts a document on the executive meeting's or (from definition version 3) the department's office
/// meeting's agenda, so it refuses with them and their article; the head's office-meeting record of a document pinned to
/// version 2 asks the same rule (<see cref="DeliberationRules.CheckCanDeliberate"/>).
/// </summary>
public sealed class NormativeCompliance(WorkflowDbContext db) : IComplianceCheck
{
    private static NormativeTexts T => NormativeTexts.Catalog;

    private static readonly IReadOnlyList<string> BeforeDeliberation = [NormativeSteps.CollectiveDecision, NormativeSteps.OfficeMeeting];

    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        var document = await db.Set<NormativeDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == context.Matter.Id, cancellationToken);
        if (document is null)
        {
            return [];
        }
        var reviewed = document.ReviewConclusion switch
        {
            ReviewConclusions.Lawful when document.ReviewedAt is { } at => (ComplianceStatus.Met, T.Line("compliance.reviewed-lawful", ("at", context.Local(at)))),
            null => (ComplianceStatus.Pending, T.Line("compliance.not-reviewed")),
            var conclusion => (ComplianceStatus.Unmet, T.Line("compliance.review-not-lawful", ("conclusion", conclusion))),
        };
        var items = new List<ComplianceItem>
        {
            new ComplianceItem("normative:reviewed-lawful", "经合法性审核且结论为合法", "Legality review found it lawful", NormativeArticles.NoDeliberationWithoutReview,
                reviewed.Item1, null, NormativeSteps.LegalityReview, BeforeDeliberation).Because(reviewed.Item2),
        };
        if (!document.MajorDecision)
        {
            items.Add(new ComplianceItem("normative:major-decision", MajorDecisionTitle, MajorDecisionTitleEn,
                "《重大行政决策程序暂行条例》第三条", ComplianceStatus.NotApplicable, null, NormativeSteps.LegalityReview).Because(T.Line("compliance.not-major-decision")));
        }
        else
        {
            var run = await MajorDecisionAsync(db, document, cancellationToken);
            var status = run switch
            {
                MajorDecisionRunStatus.Adopted => ComplianceStatus.Met,
                MajorDecisionRunStatus.NotAdopted => ComplianceStatus.Unmet,
                _ => ComplianceStatus.Pending,
            };
            items.Add(new ComplianceItem("normative:major-decision", MajorDecisionTitle, MajorDecisionTitleEn,
                "《重大行政决策程序暂行条例》第三条", status, null, NormativeSteps.LegalityReview, BeforeDeliberation)
                .Because(T.Line(run switch
                {
                    MajorDecisionRunStatus.Adopted => "compliance.major-decision-complete",
                    MajorDecisionRunStatus.NotAdopted => "compliance.major-decision-not-adopted",
                    _ => "compliance.major-decision-incomplete",
                })));
        }
        if (context.State is { } state)
        {
            items.Add(await FairCompetitionAsync(context, state, document, cancellationToken));
        }
        return items;
    }

    /// <summary>
    /// The fair-competition review of a document that affects market actors (shared/domain/normative-documents.md,
    /// procedure step 1), citing the rule the document's procedure gives the review (<see cref="FairCompetitionRules.ArticleIn"/>):
    /// Met once the review step completed with its conclusion; Unmet while the latest conclusion recorded on it is "not
    /// compliant" (the draft is adjusted and reviewed again); Pending before. Not applicable to a document that does not
    /// affect market actors, nor to one that is also a major decision (its major-decision procedure holds the review
    /// and the document's own step is skipped).
    /// </summary>
    private async Task<ComplianceItem> FairCompetitionAsync(ComplianceContext context, InstanceState state, NormativeDocument document, CancellationToken ct)
    {
        var article = context.Definition is { } definition ? FairCompetitionRules.ArticleIn(definition) : NormativeFairCompetitionArticle;
        ComplianceItem Line(ComplianceStatus status, IReaderText detail, IReadOnlyList<string>? before = null) =>
            new ComplianceItem("normative:fair-competition", T.Text("compliance.fair-competition.title", TextCatalog.Chinese),
                T.Text("compliance.fair-competition.title", TextCatalog.English), article, status, null, NormativeSteps.FairCompetition, before).Because(detail);
        if (!document.AffectsMarketActors)
        {
            return Line(ComplianceStatus.NotApplicable, T.Line("compliance.fair-competition.not-market"));
        }
        if (state.Steps.GetValueOrDefault(NormativeSteps.FairCompetition)?.Status == StepStatus.Skipped)
        {
            return Line(ComplianceStatus.NotApplicable, T.Line("compliance.fair-competition.in-major-decision"));
        }
        IReadOnlyList<string> before = [NormativeSteps.ReviewSubmission, NormativeSteps.CollectiveDecision];
        var tasks = state.Tasks.Where(t => t.StepId == NormativeSteps.FairCompetition).Select(t => t.Id).ToList();
        var reviews = await db.Set<FairCompetitionReview>().AsNoTracking().Where(r => tasks.Contains(r.TaskId)).ToListAsync(ct);
        var done = state.Tasks.LastOrDefault(t => t.StepId == NormativeSteps.FairCompetition && t.Status == WorkTaskStatus.Completed);
        if (done is not null && reviews.Where(r => r.TaskId == done.Id).MaxBy(r => r.JournalSequence) is { } review)
        {
            return Line(ComplianceStatus.Met, T.Line("compliance.fair-competition.met", ("by", review.RecordedByName), ("at", context.Local(review.RecordedAt)),
                ("conclusion", T.Line("fair-competition.conclusion." + review.Conclusion))), before);
        }
        return reviews.MaxBy(r => r.JournalSequence)?.Conclusion == FairCompetitionRules.NotCompliant
            ? Line(ComplianceStatus.Unmet, T.Line("compliance.fair-competition.not-compliant"), before)
            : Line(ComplianceStatus.Pending, T.Line("compliance.fair-competition.pending"), before);
    }

    /// <summary>Cited when a report has no definition to read the review step's rule from (the normative procedure's own).</summary>
    private const string NormativeFairCompetitionArticle = "《公平竞争审查条例》";

    private const string MajorDecisionTitle = "重大行政决策程序已办结并经集体讨论决定通过";
    private const string MajorDecisionTitleEn = "Major-decision procedure completed with an adopted decision";

    /// <summary>
    /// Where the document's major-decision procedure stands: its runs are the matter linked at drafting (version 3 and
    /// before) and the children of its sub-procedure step (version 4; a child's matter names the document's instance as
    /// its parent, and instance id = matter id), judged by <see cref="MajorDecisionRuns.Judge"/>.
    /// </summary>
    internal static async Task<MajorDecisionRunStatus> MajorDecisionAsync(WorkflowDbContext db, NormativeDocument document, CancellationToken ct)
    {
        var linked = document.MajorDecisionMatterId;
        var children = db.Matters.AsNoTracking()
            .Where(m => m.ParentInstanceId == document.Id && m.DefinitionId == NormativeSteps.MajorDecisionDefinition).Select(m => m.Id);
        var states = await db.Instances.AsNoTracking()
            .Where(i => i.MatterId == linked || children.Contains(i.MatterId)).Select(i => i.StateJson).ToListAsync(ct);
        return MajorDecisionRuns.Judge(states.Select(InstanceStateJson.Deserialize));
    }
}
