using Microsoft.EntityFrameworkCore;
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
        var documents = await context.Db.Set<NormativeDocument>().AsNoTracking()
            .Where(d => d.GovernmentId == governmentId && d.RegistrationYear == year).ToListAsync(ct);
        var ids = documents.Select(d => d.Id).ToList();
        var filings = (await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => ids.Contains(f.DocumentId)).ToListAsync(ct))
            .ToLookup(f => f.DocumentId);
        var facts = documents.OrderBy(d => d.RegistrationSequence).ThenBy(d => d.IssuerId).Select(d => new IssuedDocumentFacts(
            d.Id, d.ReviewedAt is not null, d.DeliberatedAt is not null,
            filings[d.Id].Select(f => new FilingFacts(
                Filed: f.FirstFiledOn is not null,
                Timely: f.FirstFiledOn is { } first && FilingRules.Timely(first, f.DueOn),
                Returned: f.Returns > 0,
                Reviewed: f.Result is not null,
                Accepted: f.Status == FilingStatuses.Accepted)).ToList())).ToList();
        return new FiguresView(governmentId, year, NormativeFigures.Compute(facts));
    }
}
