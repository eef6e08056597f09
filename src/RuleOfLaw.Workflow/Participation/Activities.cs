namespace RuleOfLaw.Workflow.Participation;

/// <summary>
/// Recording a participation method other than the open consultation (《重大行政决策程序暂行条例》第十四条: 座谈会、
/// 实地走访、书面征求意见、问卷调查、民意调查 …): a known method, held already, and for the consultation with an
/// affected group (second paragraph) the group consulted.
/// </summary>
public static class Activities
{
    public const string Article = "第十四条";

    public static ParticipationRefusal? MayRecord(string? method, DateOnly? heldOn, DateOnly today, bool specificGroup, string? groupName) =>
        method is null || !ParticipationTerms.Methods.ContainsKey(method)
            ? ParticipationRefusal.Invalid("invalid-method",
                $"method 应为 {string.Join("、", ParticipationTerms.Methods.Keys)} 之一；向社会公开征求意见请用公开征求意见功能。Unknown method.", Article)
        : heldOn > today
            ? ParticipationRefusal.Invalid("activity-in-future", "只能记录已经举行的活动。Only an activity that has taken place can be recorded.", Article)
        : specificGroup && string.IsNullOrWhiteSpace(groupName)
            ? ParticipationRefusal.Invalid("group-name-required",
                "与特定群体沟通协商的，应当写明群体（人民团体、社会组织或群众代表）。Name the group consulted.", Article)
        : null;
}
