using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Web;
using RuleOfLaw.Workflow.Server.Calendars;

namespace RuleOfLaw.Workflow.Server.Pages.Admin;

/// <summary>
/// The holiday calendars (issue 16 item 6), operators only (the calendar is the whole deployment's): the years loaded and from where, the missing years
/// and what waits for them, and a form to load a year (the same service as <c>PUT /api/admin/calendars/{year}</c>: <see cref="CalendarYears.LoadAsync"/>).
/// </summary>
[Authorize(Policy = OperatorPolicy.Name)]
public sealed class CalendarsModel(CalendarYears calendars, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Json { get; set; }

    public CalendarStatus Status { get; private set; } = new([], [], new Dictionary<int, int>(), "11-01");

    public async Task OnGetAsync(CancellationToken ct) => Status = await calendars.StatusAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await calendars.LoadAsync(Year ?? 0, Json ?? "", await current.GetAsync(ct), ct);
        Status = await calendars.StatusAsync(ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, _ => nameof(Json));
            var refused = Page();
            refused.StatusCode = outcome.Status;
            return refused;
        }
        TempData["Notice"] = t["已加载{0}年节假日日历。", Year ?? 0].Value;
        return Redirect("/admin/calendars");
    }
}
