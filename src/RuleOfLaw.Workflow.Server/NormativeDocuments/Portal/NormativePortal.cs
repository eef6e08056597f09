using System.Globalization;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Portal;

/// <summary>What the normative-document portal pages share: a day as shown and read, a document's status in words (Chinese keys, English in SharedResource).</summary>
public static class NormativePortal
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The status key: a published document is in force or not yet in force; the others say how it ended.</summary>
    public static string Status(string status, bool inForce) => status switch
    {
        NormativeStatuses.Published => inForce ? "现行有效" : "尚未施行",
        NormativeStatuses.Lapsed => "已失效（有效期届满）",
        NormativeStatuses.Repealed => "已废止",
        NormativeStatuses.Invalid => "已宣布失效",
        _ => status,
    };

    /// <summary>A clean-up result's key.</summary>
    public static string Result(string? result) => result switch
    {
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.Continue => "继续有效",
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.Amend => "修改",
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.Repeal => "废止",
        RuleOfLaw.Workflow.NormativeDocuments.CleanupResults.DeclareInvalid => "宣布失效",
        _ => result ?? "",
    };
}
