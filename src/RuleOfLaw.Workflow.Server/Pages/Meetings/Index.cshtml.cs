using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Meetings;

/// <summary>
/// The meetings of the organs I belong to (<c>GET /api/meetings</c>) and, for the meeting secretary of the organ's
/// general office, a new standing or plenary meeting, for a department's meeting secretary its office meeting (<c>POST /api/meetings</c>, the same service: <see cref="MeetingService"/>).
/// </summary>
public sealed class IndexModel(
    MeetingService meetings, WorkflowDbContext db, TimeProvider clock, DeadlineCalculator calendar, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Kind { get; set; } = MeetingKinds.Standing;
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Title { get; set; }
    /// <summary>The form's key: a double click of "安排会议" makes one meeting (the API's Idempotency-Key).</summary>
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<MeetingView> Meetings { get; private set; } = [];
    public bool IsSecretary { get; private set; }
    /// <summary>The kinds of meeting this secretary arranges: the government's standing and plenary, a department's office meeting.</summary>
    public IReadOnlyList<string> Kinds { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Organs { get; private set; } = new Dictionary<string, string>();

    /// <summary>
    /// The kinds whose rule the page's hint states, one per kind of organ (a government's standing meeting, a department's
    /// office meeting): those the reader arranges or whose meetings are listed; a government's when there are none.
    /// </summary>
    public IReadOnlyList<string> HintKinds =>
        Kinds.Concat(Meetings.Select(m => m.Kind)).DefaultIfEmpty(MeetingKinds.Standing)
            .DistinctBy(MeetingKinds.HeldByDepartment).OrderBy(MeetingKinds.HeldByDepartment).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Date ??= calendar.LocalDay(clock.GetUtcNow());
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Date is null)
        {
            ModelState.AddModelError(nameof(Date), t["请填写会议日期。"]);
            return Page();
        }
        var request = new CreateMeetingRequest(Kind ?? "", Date.Value, string.IsNullOrWhiteSpace(Title) ? null : Title.Trim(), null);
        Func<string, string?> field = name => name switch
        {
            nameof(CreateMeetingRequest.Kind) or "invalid-meeting-kind" or "meeting-kind-not-of-department" or "meeting-kind-not-of-government" => nameof(Kind),
            nameof(CreateMeetingRequest.Title) => nameof(Title),
            _ => null,
        };
        if (ModelState.ShowRequestErrors(request, field))
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var outcome = await meetings.CreateAsync(request, "web-new-meeting:" + FormKey, ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field);
            return this.Refused(outcome.Status);
        }
        var meeting = outcome.Value!;
        TempData["Notice"] = t["已安排会议：{0}", meeting.Title].Value;
        return Redirect($"/meetings/{meeting.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Meetings = (await meetings.ListAsync(ct)).Value ?? [];
        IsSecretary = await meetings.IsSecretaryAsync(null, ct);
        Kinds = await meetings.KindsAsync(ct);
        if (Request.Method == HttpMethods.Get && Kinds.Count > 0 && !Kinds.Contains(Kind ?? ""))
        {
            Kind = Kinds[0];
        }
        var ids = Meetings.Select(m => m.DecisionOrganId).Distinct().ToList();
        Organs = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => Ui.Pick(o.Name, o.NameEn), ct);
    }
}
