using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Indicators;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The normative-document figures on the record's dashboard, drill-down and exports (<see cref="NormativeIndicators"/>):
/// one government's documents registered in the scope's year (for a department: those its issuing entities issued),
/// read as one projection of the register and one of the filings — a few hundred rows a year per government, so the
/// figures are counted in memory by the same <see cref="NormativeFigures"/> the module's own figures use, and both
/// always agree.
/// </summary>
public sealed class NormativeIndicatorProvider(WorkflowDbContext db) : IIndicatorProvider
{
    public IReadOnlyList<IndicatorDefinition> Definitions => NormativeIndicators.All;

    public async Task<IReadOnlyList<IndicatorFigure>> ComputeAsync(IndicatorScope scope, CancellationToken ct)
    {
        var (figures, _) = await FiguresAsync(scope, ct);
        return [.. NormativeIndicators.All.Select(d => NormativeIndicators.ToIndicator(d, figures[NormativeIndicators.FigureNames[d.Id]]))];
    }

    public async Task<IReadOnlyList<IndicatorRow>?> DrillDownAsync(IndicatorScope scope, string indicatorId, CancellationToken ct)
    {
        if (NormativeIndicators.All.FirstOrDefault(d => d.Id == indicatorId) is not { } definition)
        {
            return null;
        }
        var (figures, documents) = await FiguresAsync(scope, ct);
        var figure = figures[NormativeIndicators.FigureNames[indicatorId]];
        var counted = figure.NumeratorDocuments.ToHashSet();
        var judged = definition.Requirement != IndicatorRequirement.Count;
        return [.. figure.DenominatorDocuments.Select(id => documents[id]).Select(d => new IndicatorRow(
            d.Id, d.RegistrationNumber ?? "", d.Title, d.IssuerOrganizationId, counted.Contains(d.Id),
            Breaks: judged && !counted.Contains(d.Id), JournalSequences: [], Note: d.DocumentNumber))];
    }

    private async Task<(Dictionary<string, Figure> Figures, Dictionary<Guid, IssuedDocumentRow> Documents)> FiguresAsync(IndicatorScope scope, CancellationToken ct)
    {
        var (documents, facts) = await IssuedDocumentFactsQuery.LoadAsync(db, scope.OrganId, scope.Year, scope.DepartmentId, ct);
        return (NormativeFigures.Compute(facts).ToDictionary(f => f.Name), documents.ToDictionary(d => d.Id));
    }
}
