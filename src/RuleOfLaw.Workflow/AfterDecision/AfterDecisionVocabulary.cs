namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>The channels a decision is published through (第三十二条: 通过本级人民政府公报和网站以及在本行政区域内发行的报纸等途径).</summary>
public static class PublicationChannels
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["gazette"] = "本级人民政府公报",
        ["website"] = "政府网站",
        ["newspaper"] = "本行政区域内发行的报纸",
        ["new-media"] = "政务新媒体",
        ["other"] = "其他途径",
    };
}

/// <summary>What the execution record holds: reports (第三十四条、第三十五条) and the chief executive's suspension and resumption (第三十七条).</summary>
public static class ExecutionEventKinds
{
    public const string Progress = "progress";
    public const string Problem = "problem";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
}

/// <summary>The words of post-decision evaluation (第三十六条).</summary>
public static class EvaluationVocabulary
{
    /// <summary>第三十六条's triggers, and the organ's annual plan.</summary>
    public static IReadOnlyDictionary<string, string> Triggers { get; } = new Dictionary<string, string>
    {
        ["below-expectations"] = "决策实施后明显未达到预期效果",
        ["many-objections"] = "公众提出较多意见",
        ["organ-deems-necessary"] = "决策机关认为有必要",
        ["annual-plan"] = "年度决策后评估计划",
    };

    /// <summary>Who gave input (第三十六条: the public, deputies, CPPCC members, people's and social organisations, grassroots).</summary>
    public static IReadOnlyDictionary<string, string> Sources { get; } = new Dictionary<string, string>
    {
        ["public"] = "社会公众",
        ["npc-deputy"] = "人大代表",
        ["cppcc-member"] = "政协委员",
        ["people-organization"] = "人民团体",
        ["grassroots-organization"] = "基层组织",
        ["social-organization"] = "社会组织",
    };

    public static IReadOnlyList<string> Outcomes { get; } = ["continue", "adjust", "suspend", "terminate"];
}
