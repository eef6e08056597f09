using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;
using RuleOfLaw.Workflow.Server.Integrity;

namespace RuleOfLaw.Workflow.Server.Pages.Meetings;

/// <summary>
/// One meeting: attendance, the agenda and the placing of matters on it, each item's materials (第二十九条), the
/// members' opinions in the order spoken and the head's decision last (第三十条). Every form calls the meetings service
/// the API calls (<see cref="MeetingService"/>), so the page refuses what the API refuses, with the same words and article.
/// </summary>
public sealed class MeetingModel(
    CurrentActor current, MeetingService meetings, AgendaCandidatesQuery agenda, WorkflowDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");
    [BindProperty] public List<string> Present { get; set; } = [];
    [BindProperty] public Guid? MatterId { get; set; }
    [BindProperty] public Guid? ItemId { get; set; }
    [BindProperty] public string? MemberId { get; set; }
    [BindProperty] public string? Position { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public MeetingView Meeting { get; private set; } = null!;
    public string OrganName { get; private set; } = "";
    public IReadOnlyList<Participant> Participants { get; private set; } = [];
    public Actor Actor { get; private set; } = null!;
    public bool IsSecretary { get; private set; }
    public bool IsHead { get; private set; }
    public bool IsMember { get; private set; }
    public IReadOnlyList<AgendaCandidate> Eligible { get; private set; } = [];
    public IReadOnlyList<AgendaCandidate> Ineligible { get; private set; } = [];
    /// <summary>The gates the API's <c>agenda-gates-unmet</c> refusal listed for the matter just posted.</summary>
    public IReadOnlyList<UnmetGate> RefusedGates { get; private set; } = [];
    /// <summary>Which form was posted (attendance, place, opinion, decision) and for which item: where its field errors show.</summary>
    public string? PostedForm { get; private set; }

    /// <summary>The SM2 signature check of each member's opinion and each decision, by statement id (issue 20).</summary>
    public IReadOnlyDictionary<Guid, SignatureCheck> Signatures { get; private set; } = new Dictionary<Guid, SignatureCheck>();

    public IReadOnlyList<string> PresentIds => Meeting.Present ?? [];

    /// <summary>
    /// The rule each item's record rests on, by item id: its procedure's (a normative document's Notice 37 also at the
    /// standing meeting), as the item's refusals cite it; the meeting's own hints cite the kind's.
    /// </summary>
    public IReadOnlyDictionary<Guid, string> ItemArticles { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The rule <paramref name="item"/>'s record rests on (<see cref="ItemArticles"/>; the meeting kind's when unknown).</summary>
    public string ItemArticle(AgendaItemView item) => ItemArticles.GetValueOrDefault(item.Id) ?? CollectiveDecision.ArticleFor(Meeting.Kind);
    public bool AttendanceFixed => Meeting.Agenda.Any(a => a.Statements.Count > 0);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, CancellationToken ct)
    {
        var request = new AttendanceRequest(Present.Distinct().ToList());
        return await ActAsync(id, "attendance", request, () => meetings.RecordAttendanceAsync(id, request, ct),
            t["已记录出席人员。"], code => code is nameof(AttendanceRequest.Present) or "not-a-participant" ? "attendance-Present" : null, ct);
    }

    public async Task<IActionResult> OnPostPlaceAsync(Guid id, CancellationToken ct)
    {
        if (MatterId is null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }
            PostedForm = "place";
            ModelState.AddModelError("place-MatterId", t["请选择事项。"]);
            return Page();
        }
        var request = new PlaceOnAgendaRequest(MatterId.Value);
        return await ActAsync(id, "place", request,
            () => meetings.PlaceAsync(id, request, "web-agenda:" + FormKey, ct),
            t["已列入会议议题。"], code => code is "meeting-organ-mismatch" ? "place-MatterId" : null, ct);
    }

    public async Task<IActionResult> OnPostOpinionAsync(Guid id, CancellationToken ct)
    {
        var request = new OpinionRequest(string.IsNullOrEmpty(MemberId) ? null : MemberId, Position ?? "", Text ?? "");
        return await ActAsync(id, "opinion", request,
            () => meetings.RecordOpinionAsync(id, ItemId ?? Guid.Empty, request, "web-opinion:" + FormKey, ct),
            t["已如实记录发言。"], code => code switch
            {
                nameof(OpinionRequest.Position) or "invalid-position" => "opinion-Position",
                nameof(OpinionRequest.Text) or "text-required" => "opinion-Text",
                nameof(OpinionRequest.MemberId) or "not-a-member" or "member-absent" or "opinion-already-recorded" => "opinion-MemberId",
                _ => null,
            }, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct)
    {
        var request = new HeadDecisionRequest(Outcome ?? "", Text ?? "", string.IsNullOrWhiteSpace(Reason) ? null : Reason);
        return await ActAsync(id, "decision", request,
            () => meetings.DecideAsync(id, ItemId ?? Guid.Empty, request, "web-decision:" + FormKey, ct),
            t["已记录行政首长的决定。"], code => code switch
            {
                nameof(HeadDecisionRequest.Outcome) or "unknown-outcome" => "decision-Outcome",
                nameof(HeadDecisionRequest.Text) or "text-required" => "decision-Text",
                nameof(HeadDecisionRequest.Reason) or "reason-required-against-majority" => "decision-Reason",
                _ => null,
            }, ct);
    }

    /// <summary>Runs the service; on success back to the page (post-redirect-get), else the page with its refusals on the form.</summary>
    private async Task<IActionResult> ActAsync<T>(Guid id, string form, object request, Func<Task<ModuleOutcome<T>>> act, string notice,
        Func<string, string?> field, CancellationToken ct) where T : class
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        PostedForm = form;
        int? refused = ModelState.ShowRequestErrors(request, field) ? StatusCodes.Status400BadRequest : null;
        if (refused is null && await act() is { Succeeded: false } outcome)
        {
            if (outcome.Refusal!.Code == "agenda-gates-unmet")
            {
                RefusedGates = outcome.Extensions?.GetValueOrDefault("unmet") as IReadOnlyList<UnmetGate> ?? [];
                ModelState.ShowRefusals(outcome.Refusals, _ => "place-MatterId");
            }
            else
            {
                ModelState.ShowRefusals(outcome.Refusals, field);
            }
            refused = outcome.Status;
        }
        if (refused is { } status)
        {
            // A new key for the corrected submission (a refused one is not an answer to replay).
            FormKey = Guid.NewGuid().ToString("N");
            ModelState.Remove(nameof(FormKey));
            await LoadAsync(id, ct);
            return this.Refused(status);
        }
        TempData["Notice"] = notice;
        var anchor = ItemId is { } item && Meeting.Agenda.FirstOrDefault(a => a.Id == item) is { } on ? $"#item-{on.Position}" : "";
        return Redirect($"/meetings/{id}{anchor}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await meetings.GetAsync(id, ct)).Value is not { } meeting)
        {
            return false;
        }
        Meeting = meeting;
        ItemArticles = await meetings.ItemArticlesAsync(meeting, ct);
        Signatures = await meetings.VerifyMinutesAsync(id, ct);
        Participants = (await meetings.ParticipantsAsync(id, ct)).Value ?? [];
        Actor = await current.GetAsync(ct);
        var organ = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Meeting.DecisionOrganId, ct);
        OrganName = organ is null ? Meeting.DecisionOrganId : Ui.Pick(organ.Name, organ.NameEn);
        IsSecretary = await meetings.IsSecretaryAsync(Meeting.DecisionOrganId, ct);
        IsHead = Actor.Holds(Roles.ChiefExecutive, Meeting.DecisionOrganId);
        IsMember = Actor.Holds(Roles.MeetingMember, Meeting.DecisionOrganId);
        if (IsSecretary)
        {
            // The module's query (also GET /api/meetings/{id}/candidates): only those with no unmet agenda gate are offered;
            // the compliance items are checked when one is placed (a refusal lists them, RefusedGates).
            var candidates = (await agenda.RunAsync(id, withCompliance: false, ct)).Value ?? [];
            Eligible = candidates.Where(c => c.Unmet.Count == 0).ToList();
            Ineligible = candidates.Where(c => c.Unmet.Count > 0).ToList();
        }
        return true;
    }

    /// <summary>The members present who have not yet spoken on <paramref name="item"/>.</summary>
    public IReadOnlyList<Participant> NotYetHeard(AgendaItemView item) =>
        Participants.Where(p => p.Capacity == "member" && PresentIds.Contains(p.UserId) && item.Statements.All(s => s.UserId != p.UserId)).ToList();

    /// <summary>A field error of the form posted for <paramref name="item"/> (null for the other items' forms).</summary>
    public string? ErrorFor(string form, string field, Guid? item = null) =>
        PostedForm == form && (item is null || item == ItemId) ? ModelState.ErrorFor($"{form}-{field}") : null;
}
