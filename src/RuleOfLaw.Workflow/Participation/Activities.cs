using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>
/// Recording a participation method other than the open consultation (《重大行政决策程序暂行条例》第十四条: 座谈会、
/// 实地走访、书面征求意见、问卷调查、民意调查 …): a known method, held already, and for the consultation with an
/// affected group (second paragraph) the group consulted.
/// </summary>
public static class Activities
{
    public const string Article = "第十四条";

    private static ParticipationTexts T => ParticipationTexts.Catalog;

    public static Refusal? MayRecord(string? method, DateOnly? heldOn, DateOnly today, bool specificGroup, string? groupName) =>
        method is null || !ParticipationTerms.Methods.ContainsKey(method) ? T.Invalid("invalid-method", Article, ("methods", ParticipationTerms.Methods.Keys.ToList()))
        : heldOn > today ? T.Invalid("activity-in-future", Article)
        : specificGroup && string.IsNullOrWhiteSpace(groupName) ? T.Invalid("group-name-required", Article)
        : null;
}
