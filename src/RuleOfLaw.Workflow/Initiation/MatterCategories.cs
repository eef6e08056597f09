namespace RuleOfLaw.Workflow.Initiation;

/// <summary>The kinds of major decision in art. 3 of the Regulation.</summary>
public static class MatterCategories
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["public-policy"] = "重大公共政策和措施（第三条第一款第一项）",
        ["development-plan"] = "重要规划（第三条第一款第二项）",
        ["resources"] = "开发利用、保护重要自然资源和文化资源的重大公共政策和措施（第三条第一款第三项）",
        ["public-construction"] = "重大公共建设项目（第三条第一款第四项）",
        ["major-impact"] = "对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项（第三条第一款第五项）",
    };

    /// <summary>
    /// Decisions the Regulation does not govern (第三条第二款): refused as a category with the reason
    /// (<see cref="MatterCreationRules.Category"/>; the texts are <c>category-excluded.&lt;kind&gt;</c> in the
    /// initiation's catalog), so that such a matter is not run through this procedure by mistake.
    /// </summary>
    public static IReadOnlyList<string> Excluded { get; } = ["macro-control", "legislation", "emergency"];
}
