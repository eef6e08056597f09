using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The normative document's lines in its compliance report, required before collective deliberation (either meeting):
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
        return items;
    }

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
