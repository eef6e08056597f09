using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>One answer of the content checklist: the item, yes/no, and the note a "yes" must carry.</summary>
public sealed record ChecklistAnswer(string Item, bool Yes, string? Note);

/// <summary>The legality review's conclusions (Opinion 115: 合法 / 应当修改 / 不合法).</summary>
public static class ReviewConclusions
{
    public const string Lawful = "lawful";
    public const string Amend = "amend";
    public const string Unlawful = "unlawful";

    public static bool IsKnown(string conclusion) => conclusion is Lawful or Amend or Unlawful;
}

/// <summary>The earliest and latest day of a legality review opinion, with the rules that gave them.</summary>
public sealed record ReviewWindow(Deadline Earliest, Deadline Latest);

/// <summary>
/// Legality review (合法性审核, Opinion 115): the content checklist of what a normative document may not contain
/// (Notice 37 “严禁越权发文”), and the review time of at least 5 and at most 15 working days (settings).
/// </summary>
public static class LegalityReviewRules
{
    /// <summary>The checklist, item by item (shared/domain/normative-documents.md, "Content that … must not contain").</summary>
    public static IReadOnlyList<string> ChecklistItems { get; } =
    [
        "creates-licence",            // 设定行政许可或者增设许可条件
        "creates-penalty",            // 设定行政处罚
        "creates-compulsory-measure", // 设定行政强制措施
        "adds-duties",                // 没有法律依据增加义务
        "reduces-rights",             // 没有法律依据减损权利
        "enlarges-powers",            // 扩大本机关权力、减少法定职责
        "certification-requirement",  // 没有法律依据设定证明事项
        "restricts-competition",      // 排除、限制公平竞争
    ];

    /// <summary>
    /// Every item answered exactly once and nothing else; a "yes" carries a note; any "yes" forbids the conclusion
    /// "lawful" (the document contains what it may not). The conclusion itself must be known.
    /// </summary>
    public static IReadOnlyList<Refusal> CheckOpinion(string conclusion, IReadOnlyList<ChecklistAnswer> answers)
    {
        var refusals = new List<Refusal>();
        if (!ReviewConclusions.IsKnown(conclusion))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("review-conclusion-unknown", NormativeArticles.Opinion115, ("conclusion", conclusion)));
        }
        foreach (var unknown in answers.Select(a => a.Item).Where(i => !ChecklistItems.Contains(i)).Distinct())
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("checklist-item-unknown", NormativeArticles.ForbiddenContent, ("item", unknown)));
        }
        foreach (var twice in answers.GroupBy(a => a.Item).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("checklist-item-twice", NormativeArticles.ForbiddenContent, ("item", twice)));
        }
        var missing = ChecklistItems.Where(i => answers.All(a => a.Item != i)).ToList();
        if (missing.Count > 0)
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("checklist-incomplete", NormativeArticles.ForbiddenContent, ("items", string.Join(", ", missing))));
        }
        foreach (var bare in answers.Where(a => a.Yes && string.IsNullOrWhiteSpace(a.Note)))
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("checklist-note-required", NormativeArticles.ForbiddenContent, ("item", bare.Item)));
        }
        var yes = answers.Where(a => a.Yes).Select(a => a.Item).ToList();
        if (conclusion == ReviewConclusions.Lawful && yes.Count > 0)
        {
            refusals.Add(NormativeTexts.Catalog.Invalid("checklist-forbids-lawful", NormativeArticles.ForbiddenContent, ("items", string.Join(", ", yes))));
        }
        return refusals;
    }

    /// <summary>The review window from the day the package was submitted: the minimum-th and maximum-th working day after it.</summary>
    public static ReviewWindow Window(DeadlineCalculator calculator, DateOnly submittedOn, NormativeDocumentSettings settings)
    {
        var min = settings.Period(NormativeDocumentSettings.LegalityReviewMinimum);
        var max = settings.Period(NormativeDocumentSettings.LegalityReviewMaximum);
        return new ReviewWindow(calculator.AfterDays(submittedOn, min.Days, min.Counting), calculator.AfterDays(submittedOn, max.Days, max.Counting));
    }

    /// <summary>
    /// An opinion dated before the earliest day is refused: the minimum protects the reviewer from being pressed
    /// (Opinion 115, “原则上不少于5个工作日”). Past the latest day the review is overdue (<see cref="IsOverdue"/>), which
    /// escalates but does not refuse the opinion.
    /// </summary>
    public static Refusal? CheckOpinionDay(ReviewWindow window, DateOnly opinionDay, NormativeDocumentSettings settings) =>
        opinionDay < window.Earliest.LastDay
            ? NormativeTexts.Catalog.Conflict("review-minimum-not-elapsed", settings.Period(NormativeDocumentSettings.LegalityReviewMinimum).Article ?? NormativeArticles.Opinion115,
                ("earliest", window.Earliest.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("rule", window.Earliest.Explanation))
            : null;

    public static bool IsOverdue(ReviewWindow window, DateOnly today) => today > window.Latest.LastDay;
}
