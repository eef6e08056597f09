namespace RuleOfLaw.Workflow.NormativeDocuments;

/// <summary>What the figures need of one issued document (registered in the year) and its filings.</summary>
public sealed record IssuedDocumentFacts(Guid Id, bool LegalityReviewed, bool Deliberated, IReadOnlyList<FilingFacts> Filings);

/// <summary>One filing: filed at all, within its deadline (judged on the first filing), returned for material, reviewed, accepted.</summary>
public sealed record FilingFacts(bool Filed, bool Timely, bool Returned, bool Reviewed, bool Accepted);

/// <summary>One document's result in a clean-up whose results were published (the latest, if it was in several).</summary>
public sealed record CleanupResultFacts(Guid DocumentId, string Result);

/// <summary>A rate with the documents behind its numerator and denominator (each number drills down).</summary>
public sealed record Figure(string Name, int Numerator, int Denominator, decimal? Rate, IReadOnlyList<Guid> NumeratorDocuments, IReadOnlyList<Guid> DenominatorDocuments);

/// <summary>
/// The figures a government publishes on its normative documents (shared/domain "What the reports count"): filing
/// rate (filed ÷ issued), filing timeliness (filed within the deadline ÷ filed), material conformity (filed without
/// return ÷ filed), review pass rate (accepted ÷ reviewed) and legality review rate (reviewed ÷ deliberated). A
/// document counts as filed, timely, conforming or passed when every one of its filings is; a rate with nothing
/// to divide by is null, not 100 %.
/// </summary>
public static class NormativeFigures
{
    public static IReadOnlyList<Figure> Compute(IReadOnlyList<IssuedDocumentFacts> issued)
    {
        var filed = issued.Where(d => d.Filings.Count > 0 && d.Filings.All(f => f.Filed)).ToList();
        var reviewed = filed.Where(d => d.Filings.All(f => f.Reviewed)).ToList();
        var deliberated = issued.Where(d => d.Deliberated).ToList();
        return
        [
            Rate("issued", issued, issued),
            Rate("filing-rate", filed, issued),
            Rate("filing-timeliness-rate", filed.Where(d => d.Filings.All(f => f.Timely)).ToList(), filed),
            Rate("material-conformity-rate", filed.Where(d => d.Filings.All(f => !f.Returned)).ToList(), filed),
            Rate("review-pass-rate", reviewed.Where(d => d.Filings.All(f => f.Accepted)).ToList(), reviewed),
            Rate("legality-review-rate", deliberated.Where(d => d.LegalityReviewed).ToList(), deliberated),
        ];
    }

    private static Figure Rate(string name, IReadOnlyList<IssuedDocumentFacts> numerator, IReadOnlyList<IssuedDocumentFacts> denominator) =>
        new(name, numerator.Count, denominator.Count, denominator.Count == 0 ? null : Math.Round(100m * numerator.Count / denominator.Count, 1),
            numerator.Select(d => d.Id).ToList(), denominator.Select(d => d.Id).ToList());

    /// <summary>
    /// The clean-up results of the clean-ups published in the year (the seeds' “清理规范性文件26件，确认继续有效17件，
    /// 宣布废止9件”): <c>cleanup-documents</c> (the documents cleaned up), then one figure per result, each the share of
    /// the documents cleaned up, with the documents behind both numbers.
    /// </summary>
    public static IReadOnlyList<Figure> CleanupResultFigures(IReadOnlyList<CleanupResultFacts> results)
    {
        var all = results.Select(r => r.DocumentId).ToList();
        var figures = new List<Figure> { Count("cleanup-documents", all, all) };
        figures.AddRange(CleanupResults.All.Select(result =>
            Count("cleanup-" + result, results.Where(r => r.Result == result).Select(r => r.DocumentId).ToList(), all)));
        return figures;
    }

    private static Figure Count(string name, IReadOnlyList<Guid> numerator, IReadOnlyList<Guid> denominator) =>
        new(name, numerator.Count, denominator.Count, denominator.Count == 0 ? null : Math.Round(100m * numerator.Count / denominator.Count, 1), numerator, denominator);
}
