using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Record.Indicators;

namespace RuleOfLaw.Workflow.Server.Pages.Record;

/// <summary>One figure's drill-down: the matters behind it, those breaking a 100 % rule first-marked, with their journal entries.</summary>
public sealed class IndicatorModel(CurrentActor current, IndicatorService indicators) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string OrganId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? DepartmentId { get; set; }

    public IndicatorDrillDown? DrillDown { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (drill, refusal) = await indicators.DrillDownAsync(await current.GetAsync(ct), OrganId, Year, DepartmentId, Id, ct);
        DrillDown = drill;
        if (drill is null)
        {
            return RecordPageRefusal.Show(this, refusal!, text => Refusal = text);
        }
        return Page();
    }

    /// <summary>Where a row leads: a matter's page, or a normative document's record (that module has no page of its own yet).</summary>
    public string RowUrl(RuleOfLaw.Workflow.Record.Indicators.IndicatorDefinition definition, RuleOfLaw.Workflow.Record.Indicators.IndicatorRow row) =>
        definition.Procedure == RuleOfLaw.Workflow.NormativeDocuments.NormativeIndicators.Procedure
            ? $"/api/normative-documents/{row.MatterId}"
            : $"/matters/{row.MatterId}";
}
