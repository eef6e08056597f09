using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;

namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>
/// When an after-decision step's task may be completed: once its record exists — the Party committee report
/// (第三十一条), the publication (第三十二条), every filing recipient filed (第四十三条), the dossier archived
/// (第三十三条), execution reported and not suspended (第三十四条、第三十五条、第三十七条), a concluded evaluation with
/// the same result (第三十六条). The step guard loads the facts and asks these.
/// </summary>
public static class Completion
{
    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    public static Refusal? PartyReport(bool recorded) => recorded ? null : T.Conflict("party-report-missing", Issuance.PartyReportArticle);

    public static Refusal? Publication(bool recorded) => recorded ? null : T.Conflict("publication-missing", Issuance.PublicationArticle);

    public static Refusal? Filing(IReadOnlyList<FilingRecipient> recipients, IReadOnlyCollection<string> filed)
    {
        var missing = recipients.Where(r => !filed.Contains(r.Id)).Select(r => r.Name).ToList();
        return missing.Count == 0 ? null : T.Conflict("filing-incomplete", AfterDecision.Filing.Article, ("recipients", missing));
    }

    public static Refusal? Archiving(bool recorded) => recorded ? null : T.Conflict("archive-missing", Issuance.ArchivingArticle);

    /// <summary>
    /// The execution task: the report its outcome names (a problem for <c>problem-reported</c>, else progress) made
    /// since the task opened, and, to report it executed, execution not suspended.
    /// </summary>
    public static IReadOnlyList<Refusal> Execution(string outcome, bool reported, bool suspended)
    {
        var refusals = new List<Refusal>();
        if (!reported)
        {
            refusals.Add(outcome == ExecutionOutcomes.ProblemReported
                ? T.Conflict("problem-report-missing", AfterDecision.Execution.ProblemArticle)
                : T.Conflict("progress-report-missing", AfterDecision.Execution.ReportArticle));
        }
        if (outcome == ExecutionOutcomes.Executed && suspended)
        {
            refusals.Add(T.Conflict("execution-suspended", AfterDecision.Execution.SuspensionArticle));
        }
        return refusals;
    }

    /// <summary>The report the execution task's outcome needs.</summary>
    public static string ReportKindFor(string outcome) => outcome == ExecutionOutcomes.ProblemReported ? ExecutionEventKinds.Problem : ExecutionEventKinds.Progress;

    public static Refusal? Evaluation(string outcome, bool concluded) =>
        concluded ? null : T.Conflict("evaluation-missing", AfterDecision.Evaluation.Article, ("outcome", outcome));
}
