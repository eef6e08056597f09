using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

public sealed record FiguresView(string GovernmentId, int Year, IReadOnlyList<Figure> Figures);

/// <summary>
/// The figures per government and registration year (<see cref="NormativeFigures"/>), computed from the register,
/// the filings and the published clean-ups; each number lists its documents, so a page can drill down to them.
/// </summary>
public sealed class Figures(NormativeContext context, Cleanups cleanups)
{
    public async Task<FiguresView> ComputeAsync(string governmentId, int year, CancellationToken ct)
    {
        var (_, facts) = await IssuedDocumentFactsQuery.LoadAsync(context.Db, governmentId, year, departmentId: "", ct);
        // The clean-up results count by the year the clean-up's results were published.
        var cleanedUp = await cleanups.PublishedResultsAsync(governmentId, year, ct);
        return new FiguresView(governmentId, year, [.. NormativeFigures.Compute(facts), .. NormativeFigures.CleanupResultFigures(cleanedUp)]);
    }
}
