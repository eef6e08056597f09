using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Participation;

/// <summary>
/// The hearings of a matter (第十六条、第十七条) for the drafting unit, from its public-participation task: the list with
/// what each still needs, and the forms to announce one (time, place, how participants were chosen, who), record the
/// materials as delivered, record it as held with its record (笔录), take each participant's confirmation (or refusal
/// to sign, with a note) and call it off. Every form calls <see cref="HearingService"/>, the service of
/// <c>POST /api/matters/{id}/hearings</c> and <c>/api/hearings/{id}/…</c>, so the page refuses what the API refuses,
/// with its words, article and status.
/// </summary>
public sealed class HearingsModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ParticipationQueries queries, HearingService hearings)
    : ParticipationPageModel(reader, db, commands, t)
{
    // Announce (art. 16)
    [BindProperty] public string? ScheduledAt { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? SelectionMethod { get; set; }
    [BindProperty] public string? Participants { get; set; }

    // Acts on one hearing
    [BindProperty] public Guid? HearingId { get; set; }
    [BindProperty] public string? RecordSummary { get; set; }
    [BindProperty] public string? Participant { get; set; }
    [BindProperty] public bool Declined { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? CancelReason { get; set; }

    public IReadOnlyList<HearingView> Hearings { get; private set; } = [];

    protected override async Task LoadStepAsync(CancellationToken ct) =>
        Hearings = [.. (await queries.RecordsAsync(Dossier.Matter, ct)).Hearings.OrderBy(h => h.AnnouncedAt).Select(HearingView.From)];

    /// <summary>The error of <paramref name="field"/> if the last post was about <paramref name="hearing"/>, else null.</summary>
    public string? ErrorOf(string field, Guid hearing) => HearingId == hearing ? ModelState.ErrorFor(field) : null;

    public async Task<IActionResult> OnPostAnnounceAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) // the jurisdiction's zone turns the local time into an instant
        {
            return NotFound();
        }
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(ScheduledAt))
        {
            if (!DateTime.TryParseExact(ScheduledAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return await FieldErrorAsync(id, nameof(ScheduledAt), T["请按“年-月-日 时:分”填写听证会时间。"], ct);
            }
            at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Dossier.Zone), TimeSpan.Zero);
        }
        var names = (Participants ?? "").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var request = new AnnounceHearingRequest(at, Place?.Trim() ?? "", SelectionMethod?.Trim() ?? "", names);
        return await ActOnceAsync(id, request, () => hearings.AnnounceAsync(Dossier.Matter.Id, request, Key("hearing"), ct),
            T["已公告听证会。"], code => code switch
            {
                "ScheduledAt" or "hearing-in-past" or "hearing-lead-time-impossible" => nameof(ScheduledAt),
                "Place" => nameof(Place),
                "SelectionMethod" => nameof(SelectionMethod),
                "Participants" or "invalid-participants" => nameof(Participants),
                _ => null,
            }, ct);
    }

    public Task<IActionResult> OnPostMaterialsAsync(Guid id, CancellationToken ct) =>
        ActOnceAsync(id, null, () => hearings.DeliverMaterialsAsync(HearingId ?? Guid.Empty, Key("hearing-materials:" + HearingId), ct),
            T["已记录听证材料送达。"], null, ct);

    public Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken ct)
    {
        var request = new HearingRecordRequest(RecordSummary?.Trim() ?? "");
        return ActOnceAsync(id, request, () => hearings.HoldAsync(HearingId ?? Guid.Empty, request, Key("hearing-record:" + HearingId), ct),
            T["已记录听证会举行情况和笔录。"], code => code is "Summary" or "hearing-not-yet-held" or "hearing-materials-not-delivered" ? nameof(RecordSummary) : null, ct);
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        var request = new ConfirmHearingRecordRequest(Participant?.Trim() ?? "", Declined, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());
        return ActOnceAsync(id, request, () => hearings.ConfirmAsync(HearingId ?? Guid.Empty, request, Key("hearing-confirm:" + HearingId), ct),
            Declined ? T["已记录拒绝签字及其说明。"] : T["已记录参加人确认笔录。"], code => code switch
            {
                "Participant" or "not-a-participant" or "already-confirmed" => nameof(Participant),
                "Note" or "reason-required" => nameof(Note),
                _ => null,
            }, ct);
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var request = new CancelHearingRequest(CancelReason?.Trim() ?? "");
        return ActOnceAsync(id, request, () => hearings.CancelAsync(HearingId ?? Guid.Empty, request, Key("hearing-cancel:" + HearingId), ct),
            T["已取消听证会。"], code => code is "Reason" or "reason-required" ? nameof(CancelReason) : null, ct);
    }
}
