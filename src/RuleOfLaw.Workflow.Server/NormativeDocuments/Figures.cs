using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

public sealed record FiguresView(string GovernmentId, int Year, IReadOnlyList<Figure> Figures);

/// <summary>
/// The figures per government and registration year (<see cref="NormativeFigures"/>), computed from the register
/// and the filings; each number lists its documents, so a page can drill down to them.
/// </summary>
public sealed class Figures(NormativeContext context)
{
    public async Task<FiguresView> ComputeAsync(string governmentId, int year, CancellationToken ct)
    {
        var (_, facts) = await IssuedDocumentFactsQuery.LoadAsync(context.Db, governmentId, year, departmentId: "", ct);
        return new FiguresView(governmentId, year, NormativeFigures.Compute(facts));
    }
}
