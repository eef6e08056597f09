namespace RuleOfLaw.Workflow.Participation;

/// <summary>The vocabulary of public participation (arts. 14-18).</summary>
public static class ParticipationTerms
{
    /// <summary>The step whose work this module records (公众参与).</summary>
    public const string Step = "public-participation";

    /// <summary>The consultation with the affected group (art. 14, second paragraph).</summary>
    public const string GroupStep = "specific-group-consultation";

    public static readonly IReadOnlyList<string> SubmitterTypes = ["individual", "organization", "anonymous"];
    public static readonly IReadOnlyList<string> Decisions = ["adopted", "partly-adopted", "not-adopted"];

    /// <summary>Art. 14's methods (other than the open consultation, which has its own record).</summary>
    public static readonly IReadOnlyDictionary<string, string> Methods = new Dictionary<string, string>
    {
        ["forum"] = "座谈会",
        ["hearing"] = "听证会",
        ["field-visit"] = "实地走访",
        ["written-consultation"] = "书面征求意见",
        ["questionnaire"] = "问卷调查",
        ["opinion-poll"] = "民意调查",
        ["expert-interview"] = "专家访谈",
        ["other"] = "其他方式",
    };

    /// <summary>The channel of a comment sent through the portal or the API.</summary>
    public const string Online = "online";

    /// <summary>The channels of a comment received otherwise and entered by the drafting unit (art. 14's other channels).</summary>
    public static readonly IReadOnlyList<string> OfflineChannels = ["letter", "fax", "phone", "hearing"];

    public static string DecisionText(string decision) => decision switch
    {
        "adopted" => "采纳",
        "partly-adopted" => "部分采纳",
        "not-adopted" => "不予采纳",
        _ => decision,
    };
}

/// <summary>Sizes of what people may send (also the column lengths).</summary>
public static class ParticipationLimits
{
    public const int CommentLength = 5000;
    public const int NameLength = 200;
    public const int ReasonLength = 2000;
    public const int SummaryLength = 10_000;
    public const int DraftLength = 200_000;
}
