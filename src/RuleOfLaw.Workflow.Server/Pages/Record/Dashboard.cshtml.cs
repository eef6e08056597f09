using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record;
using RuleOfLaw.Workflow.Server.Record.Indicators;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Record;

/// <summary>
/// The dashboard for the organ's leaders and the justice office (issue 15 item 3): the year's figures from
/// <see cref="IndicatorService"/> (the same service as <c>GET /api/record/indicators</c>), last year's beside them, a
/// department filter, server-drawn SVG charts (<see cref="SvgBarChart"/>) and the same figures in a table.
/// </summary>
public sealed class DashboardModel(CurrentActor current, WorkflowDbContext db, IndicatorService indicators, DeadlineCalculator deadlines, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? OrganId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? DepartmentId { get; set; }

    public IndicatorReport? Report { get; private set; }
    public IndicatorReport? PreviousYear { get; private set; }
    public IReadOnlyList<(string Id, string Name)> Departments { get; private set; } = [];
    public string? Refusal { get; private set; }
    public string ShareChart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        OrganId ??= await DefaultOrganAsync(actor.Memberships.Select(m => m.OrganizationId).ToList(), ct);
        // The local year of the installed calendar's time zone, as the indicator API's callers and the annual report count it.
        Year ??= deadlines.LocalDay(clock.GetUtcNow()).Year;
        if (OrganId is null)
        {
            Refusal = RecordAccess.NoGovernment().TextIn(System.Globalization.CultureInfo.CurrentUICulture);
            return Refused(StatusCodes.Status403Forbidden);
        }
        var (report, refusal) = await indicators.ReportAsync(actor, OrganId, Year.Value, DepartmentId, ct);
        if (report is null)
        {
            Refusal = refusal!.TextIn(System.Globalization.CultureInfo.CurrentUICulture);
            return Refused(refusal.Class switch
            {
                RuleOfLaw.Workflow.Engine.Execution.RefusalClass.Forbidden => StatusCodes.Status403Forbidden,
                RuleOfLaw.Workflow.Engine.Execution.RefusalClass.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status422UnprocessableEntity,
            });
        }
        Report = report;
        (PreviousYear, _) = await indicators.ReportAsync(actor, OrganId, Year.Value - 1, DepartmentId, ct);
        Departments = await db.Organizations.AsNoTracking().Where(o => o.ParentId == OrganId && o.Kind == OrganizationKinds.Department)
            .OrderBy(o => o.Id).Select(o => new ValueTuple<string, string>(o.Id, o.Name)).ToListAsync(ct);
        var shares = Report.Indicators.Where(i => i.Figure.Of is not null).ToList();
        ShareChart = SvgBarChart.Percentages("shares", t["{0} {1}年与{2}年程序履行比例", Report.OrganName, Year, Year - 1],
            [$"{Year}", $"{Year - 1}"],
            [.. shares.Select(i => new ChartRow(Ui.Pick(i.Definition.Name, i.Definition.NameEn), [i.Figure.Percent, Previous(i.Definition.Id)?.Percent], i.Figure.Met == false))]);
        return Page();
    }

    public IndicatorFigure? Previous(string id) => PreviousYear?.Indicators.FirstOrDefault(i => i.Definition.Id == id)?.Figure;

    public string DrillUrl(string id) =>
        $"/record/indicators/{Uri.EscapeDataString(id)}?organId={Uri.EscapeDataString(OrganId!)}&year={Year}" +
        (string.IsNullOrEmpty(DepartmentId) ? "" : $"&departmentId={Uri.EscapeDataString(DepartmentId)}");

    private IActionResult Refused(int status)
    {
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    /// <summary>The government the person belongs to: a membership in a government, or in an organization directly under one.</summary>
    private async Task<string?> DefaultOrganAsync(List<string> organizations, CancellationToken ct)
    {
        var mine = await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToListAsync(ct);
        return mine.FirstOrDefault(o => o.Kind == OrganizationKinds.Government)?.Id ?? mine.Select(o => o.ParentId).FirstOrDefault(p => p is not null);
    }
}
