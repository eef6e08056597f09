using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;

namespace RuleOfLaw.Workflow.Server.Record.Indicators;

/// <summary>A figure with its definition and legal basis next to it.</summary>
public sealed record IndicatorView(IndicatorDefinition Definition, IndicatorFigure Figure);

/// <summary>One organ's (or one department's) figures for one year.</summary>
public sealed record IndicatorReport(
    string OrganId, string OrganName, string? DepartmentId, string? DepartmentName, int Year, string TimeZone,
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<IndicatorView> Indicators);

/// <summary>The matters behind one figure.</summary>
public sealed record IndicatorDrillDown(IndicatorDefinition Definition, IndicatorFigure Figure, IReadOnlyList<IndicatorRow> Matters);

/// <summary>
/// The indicators of one organ and year from every registered <see cref="IIndicatorProvider"/>: resolves the organ
/// (a government), its jurisdiction's time zone (the year is local) and yearly evaluation minimum, checks that the
/// caller supervises it (<see cref="RecordAccess"/>), and asks each provider.
/// </summary>
public sealed class IndicatorService(
    WorkflowDbContext db, IEnumerable<IIndicatorProvider> providers, JurisdictionRegistry jurisdictions, IOptions<WorkflowsOptions> workflows)
{
    public IReadOnlyList<IndicatorDefinition> Definitions => [.. providers.SelectMany(p => p.Definitions)];

    public async Task<(IndicatorScope? Scope, string OrganName, string? DepartmentName, Refusal? Refusal)> ScopeAsync(
        Actor actor, string organId, int year, string? departmentId, CancellationToken ct)
    {
        if (year is < 2000 or > 2200)
        {
            return (null, "", null, RecordTexts.Catalog.Invalid("invalid-year.indicators"));
        }
        var organ = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organId, ct);
        if (organ is null || organ.Kind != OrganizationKinds.Government)
        {
            return (null, "", null, RecordTexts.Catalog.NotFound("not-found.organ", null, ("organ", organId)));
        }
        var reviewOffices = await db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == organId && o.Kind == OrganizationScopes.LegalityReviewOffice).Select(o => o.Id).ToListAsync(ct);
        if (RecordAccess.Supervise(actor, organId, reviewOffices) is { } forbidden)
        {
            return (null, "", null, forbidden);
        }
        string? departmentName = null;
        if (!string.IsNullOrEmpty(departmentId))
        {
            var department = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == departmentId && o.ParentId == organId, ct);
            if (department is null)
            {
                return (null, "", null, RecordTexts.Catalog.Invalid("invalid-department", null, ("department", departmentId), ("organ", organ.Name)));
            }
            departmentName = department.Name;
        }
        var jurisdiction = jurisdictions.Get(organ.JurisdictionId ?? JurisdictionSettings.DefaultId);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(jurisdiction?.TimeZone ?? workflows.Value.TimeZone);
        var (from, to) = IndicatorRules.YearBounds(year, zone);
        var scope = new IndicatorScope(organId, departmentId ?? "", year, from, to, jurisdiction?.EvaluationsPerOrganPerYear ?? 0);
        return (scope, organ.Name, departmentName, null);
    }

    public async Task<(IndicatorReport? Report, Refusal? Refusal)> ReportAsync(Actor actor, string organId, int year, string? departmentId, CancellationToken ct)
    {
        var (scope, organName, departmentName, refusal) = await ScopeAsync(actor, organId, year, departmentId, ct);
        if (scope is null)
        {
            return (null, refusal);
        }
        return (await ComputeAsync(scope, organName, departmentName, ct), null);
    }

    public async Task<IndicatorReport> ComputeAsync(IndicatorScope scope, string organName, string? departmentName, CancellationToken ct)
    {
        var views = new List<IndicatorView>();
        foreach (var provider in providers)
        {
            var figures = (await provider.ComputeAsync(scope, ct)).ToDictionary(f => f.Id);
            views.AddRange(provider.Definitions.Where(d => figures.ContainsKey(d.Id)).Select(d => new IndicatorView(d, figures[d.Id])));
        }
        var zone = await ZoneNameAsync(scope.OrganId, ct);
        return new IndicatorReport(scope.OrganId, organName, scope.DepartmentId == "" ? null : scope.DepartmentId, departmentName, scope.Year, zone,
            scope.From, scope.To, views);
    }

    public async Task<(IndicatorDrillDown? DrillDown, Refusal? Refusal)> DrillDownAsync(
        Actor actor, string organId, int year, string? departmentId, string indicatorId, CancellationToken ct)
    {
        var (scope, _, _, refusal) = await ScopeAsync(actor, organId, year, departmentId, ct);
        if (scope is null)
        {
            return (null, refusal);
        }
        foreach (var provider in providers)
        {
            if (provider.Definitions.FirstOrDefault(d => d.Id == indicatorId) is { } definition
                && await provider.DrillDownAsync(scope, indicatorId, ct) is { } rows)
            {
                var figure = (await provider.ComputeAsync(scope, ct)).Single(f => f.Id == indicatorId);
                return (new IndicatorDrillDown(definition, figure, rows), null);
            }
        }
        return (null, RecordTexts.Catalog.NotFound("not-found.indicator", null, ("indicator", indicatorId)));
    }

    private async Task<string> ZoneNameAsync(string organId, CancellationToken ct)
    {
        var jurisdictionId = await db.Organizations.AsNoTracking().Where(o => o.Id == organId).Select(o => o.JurisdictionId).SingleOrDefaultAsync(ct);
        return jurisdictions.Get(jurisdictionId ?? JurisdictionSettings.DefaultId)?.TimeZone ?? workflows.Value.TimeZone;
    }
}
