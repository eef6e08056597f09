using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Experts;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Experts;

/// <summary>
/// A matter's panel with each member's expert and latest signed opinion and its adoption; the experts removed from it
/// (version 6 on: their party task removed with the reason, 第二十条) apart, counting for no rule.
/// </summary>
public sealed record PanelState(IReadOnlyList<(ExpertPanelMember Member, Expert Expert, ExpertOpinion? Opinion, ExpertOpinionAdoption? Adoption)> Members)
{
    public IReadOnlyList<((ExpertPanelMember Member, Expert Expert, ExpertOpinion? Opinion, ExpertOpinionAdoption? Adoption) Entry, string Reason)> RemovedMembers { get; init; } = [];

    /// <summary>The panel of the matter; <paramref name="removed"/> are the removed experts by account, with the reason (<see cref="ExpertService.Removed"/>).</summary>
    public static async Task<PanelState> LoadAsync(WorkflowDbContext db, Guid matterId, IReadOnlyDictionary<string, string> removed, CancellationToken ct)
    {
        var all = await LoadAllAsync(db, matterId, ct);
        string? Reason(Expert e) => e.UserId is { } user ? removed.GetValueOrDefault(user) : null;
        return new PanelState([.. all.Where(m => Reason(m.Expert) is null)])
        {
            RemovedMembers = [.. all.Where(m => Reason(m.Expert) is not null).Select(m => (m, Reason(m.Expert)!))],
        };
    }

    private static async Task<List<(ExpertPanelMember Member, Expert Expert, ExpertOpinion? Opinion, ExpertOpinionAdoption? Adoption)>> LoadAllAsync(
        WorkflowDbContext db, Guid matterId, CancellationToken ct)
    {
        var members = await db.Set<ExpertPanelMember>().AsNoTracking().Where(m => m.MatterId == matterId).ToListAsync(ct);
        var expertIds = members.Select(m => m.ExpertId).ToList();
        var experts = await db.Set<Expert>().AsNoTracking().Where(e => expertIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var opinions = await db.Set<ExpertOpinion>().AsNoTracking().Where(o => o.MatterId == matterId).ToListAsync(ct);
        var adoptions = await db.Set<ExpertOpinionAdoption>().AsNoTracking().Where(a => a.MatterId == matterId).ToListAsync(ct);
        return [.. members.OrderBy(m => m.AddedAt).Select(m =>
        {
            var opinion = opinions.Where(o => o.ExpertId == m.ExpertId).MaxBy(o => o.JournalSequence);
            var adoption = opinion is null ? null : adoptions.Where(a => a.OpinionId == opinion.Id).MaxBy(a => a.JournalSequence);
            return (m, experts[m.ExpertId], opinion, adoption);
        })];
    }

    /// <summary>The jurisdiction's panel rules that the panel breaks (local rules; off when not set): <see cref="ExpertRules.PanelProblems"/>.</summary>
    public IReadOnlyList<Refusal> RuleProblems(ExpertPanelRules rules, string jurisdictionName) =>
        ExpertRules.PanelProblems(Members.Count, Members.Count(m => m.Expert.GovernmentEmployed), rules, jurisdictionName);
}

/// <summary>
/// 第十九条至第二十一条: expert argumentation completes only with a valid panel (the jurisdiction's rules) and every
/// member's signed written opinion.
/// </summary>
public sealed class ExpertArgumentationGuard(WorkflowDbContext db, JurisdictionRegistry jurisdictions) : IStepCompletionGuard
{
    public const string Step = ExpertRules.Step;

    public IReadOnlyCollection<string> Steps { get; } = [Step];

    public async Task<IReadOnlyList<Refusal>> CheckAsync(StepCompletionContext context, CancellationToken cancellationToken)
    {
        if (context.Task.PartyId is not null)
        {
            // An expert's own task (version 6) is completed by her signed opinion, whose rules are the service's.
            return [];
        }
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == context.MatterId, cancellationToken);
        var settings = jurisdictions.Get(matter.JurisdictionId) ?? jurisdictions.Get(JurisdictionSettings.DefaultId)!;
        var panel = await PanelState.LoadAsync(db, context.MatterId, ExpertService.Removed(context.State), cancellationToken);
        var refusals = panel.RuleProblems(settings.ExpertPanel, settings.Name).ToList();
        if (ExpertRules.OpinionsComplete([.. panel.Members.Where(m => m.Opinion is null).Select(m => m.Expert.Name)]) is { } missing)
        {
            refusals.Add(missing);
        }
        return refusals;
    }
}

/// <summary>The expert argumentation's lines in the compliance report.</summary>
public sealed class ExpertCompliance(WorkflowDbContext db, JurisdictionRegistry jurisdictions) : IComplianceCheck
{
    public async Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        if (context.State is not { } state)
        {
            return [];
        }
        const string step = ExpertArgumentationGuard.Step;
        if (!state.Attributes.GetValueOrDefault("technical"))
        {
            var why = ExpertTexts.Catalog.Line("compliance.not-technical");
            return
            [
                new ComplianceItem("experts:panel", "论证专家组（回避、本地组成规则）", "Expert panel (recusal, local composition rules)", "第十九条、第二十条", ComplianceStatus.NotApplicable, null, step).Because(why),
                new ComplianceItem("experts:opinions", "专家署名书面论证意见", "Signed written expert opinions", "第十九条", ComplianceStatus.NotApplicable, null, step).Because(why),
                new ComplianceItem("experts:adoption", "专家论证意见的研究采纳情况", "How the expert opinions were used", "第二十九条第三项", ComplianceStatus.NotApplicable, null, step).Because(why),
            ];
        }
        var settings = jurisdictions.Get(context.Matter.JurisdictionId) ?? jurisdictions.Get(JurisdictionSettings.DefaultId)!;
        var panel = await PanelState.LoadAsync(db, context.Matter.Id, ExpertService.Removed(state), cancellationToken);
        var problems = panel.RuleProblems(settings.ExpertPanel, settings.Name);
        var withOpinion = panel.Members.Count(m => m.Opinion is not null);
        var unanswered = panel.Members.Where(m => m.Opinion is not null && m.Adoption is null).Select(m => m.Expert.Name).ToList();
        return
        [
            new ComplianceItem("experts:panel", "论证专家组（回避、本地组成规则）", "Expert panel (recusal, local composition rules)", "第十九条、第二十条",
                problems.Count == 0 ? ComplianceStatus.Met : ComplianceStatus.Pending,
                problems.Count == 0 ? $"专家组{panel.Members.Count}人，均已声明无直接利害关系，符合{settings.Name}的组成规则。"
                    : string.Join(" ", problems.Select(p => p.TextIn(TextCatalog.Chinese) + p.TextIn(TextCatalog.English))), step),
            new ComplianceItem("experts:opinions", "专家署名书面论证意见", "Signed written expert opinions", "第十九条",
                panel.Members.Count > 0 && withOpinion == panel.Members.Count ? ComplianceStatus.Met : ComplianceStatus.Pending,
                $"{withOpinion}/{panel.Members.Count}位专家已提交署名意见。", step),
            new ComplianceItem("experts:adoption", "专家论证意见的研究采纳情况", "How the expert opinions were used", "第二十九条第三项",
                withOpinion > 0 && unanswered.Count == 0 ? ComplianceStatus.Met : ComplianceStatus.Pending,
                unanswered.Count == 0 ? $"{withOpinion}份意见均已记录采纳情况。" : $"尚未记录采纳情况：{string.Join("、", unanswered)}。", step, [MeetingSteps.CollectiveDecision]),
        ];
    }
}
