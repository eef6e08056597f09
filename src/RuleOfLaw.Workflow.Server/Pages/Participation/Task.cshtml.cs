using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Participation;

/// <summary>One consultation as the step page shows it: the row, the API's view of it, and its comments grouped.</summary>
/// <summary>A consultation on the page, with its commenters' contact details as the reader may see them (<see cref="ContactDetails"/>).</summary>
public sealed record ConsultationPanel(ConsultationView View, ConsultationDigest Digest, ContactReading Contacts);

/// <summary>
/// The step page of <c>public-participation</c> (and <c>specific-group-consultation</c>) for the drafting unit: the
/// open consultation (publish, extend, close, art. 15), the comments and the responses to them (art. 18), hiding,
/// the feedback report, other methods (art. 14), what still blocks completion, and the completion form. Every act
/// calls the participation module's service the API calls too (<see cref="ConsultationService"/>,
/// <see cref="ModerationService"/>, <see cref="ActivityService"/>, <see cref="ReceivedComments"/>), and the lists come
/// from the API's query (<see cref="ParticipationQueries"/>), so the page refuses what the API refuses, with its words and article.
/// </summary>
public sealed class TaskModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ParticipationQueries queries, ConsultationService consultations, ModerationService moderation, ActivityService activities,
    ReceivedComments received, IEnumerable<IStepCompletionGuard> guards, TimeProvider clock)
    : ParticipationPageModel(reader, db, commands, t)
{
    // A comment received on paper, by phone or at a hearing (art. 14), entered by the drafting unit
    [BindProperty] public string? ReceivedChannel { get; set; }
    [BindProperty] public string? ReceivedOn { get; set; }
    [BindProperty] public string? ReceivedType { get; set; }
    [BindProperty] public string? ReceivedName { get; set; }
    [BindProperty] public string? ReceivedContact { get; set; }
    [BindProperty] public string? ReceivedText { get; set; }
    [BindProperty] public Guid? ReceivedDocument { get; set; }

    // Publish (art. 15)
    [BindProperty] public string? PubTitle { get; set; }
    [BindProperty] public string? DraftText { get; set; }
    [BindProperty] public string? Explanation { get; set; }
    [BindProperty] public string? ClosesOn { get; set; }
    [BindProperty] public string? UrgencyReason { get; set; }

    // Acts on one consultation
    [BindProperty] public Guid? ConsultationId { get; set; }
    [BindProperty] public string? ExtendOn { get; set; }
    [BindProperty] public string? ExtendReason { get; set; }
    /// <summary>What a response or hiding concerns: <c>c:{comment id}</c> or <c>g:{group key}</c>.</summary>
    [BindProperty] public string? Target { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? HideReason { get; set; }
    [BindProperty] public string? Summary { get; set; }

    // Other methods (art. 14)
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? HeldOn { get; set; }
    [BindProperty] public string? ActivitySummary { get; set; }
    [BindProperty] public string? ParticipantCount { get; set; }
    [BindProperty] public string? GroupName { get; set; }

    public bool IsGroupStep => Step.Id == ParticipationActs.GroupStep;
    /// <summary>The engine's answer for a consultation published now: its minimum is waived (version 4: the matter is urgent, 第十五条).</summary>
    public bool MayShorten { get; private set; }
    public List<ConsultationPanel> Consultations { get; } = [];
    public List<ActivityView> Activities { get; } = [];
    public IReadOnlyList<Refusal> Blocking { get; private set; } = [];
    public IReadOnlyList<ComplianceItem> Lines { get; private set; } = [];

    /// <summary>The last day of the shortest period if published now (art. 15), and how it was counted; null without a calendar.</summary>
    public Deadline? Minimum { get; private set; }

    public bool HasRunning => Consultations.Any(c => c.View.ClosedAt is null);

    /// <summary>The matter's documents (latest versions), for the scan of a comment received on paper.</summary>
    public IReadOnlyList<(Guid VersionId, string Title, string FileName)> Attachments { get; private set; } = [];
    public bool CanAct => CannotAct is null;

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        Consultations.Clear();
        Activities.Clear();
        var matterId = Dossier.Matter.Id;
        Attachments = [.. (await Db.Set<MatterDocument>().AsNoTracking().Where(d => d.MatterId == matterId)
                .Join(Db.Set<DocumentVersion>(), d => new { d.Id, Number = d.LatestVersion }, v => new { Id = v.DocumentId, v.Number },
                    (d, v) => new { v.Id, d.Title, v.FileName })
                .ToListAsync(ct))
            .Select(a => (a.Id, a.Title, a.FileName))];
        var now = clock.GetUtcNow();
        var records = await queries.RecordsAsync(Dossier.Matter, ct);
        foreach (var d in records.Consultations.OrderByDescending(d => d.Consultation.OpensAt))
        {
            Consultations.Add(new ConsultationPanel(ConsultationView.From(Dossier.Matter, d, now), d, await queries.ContactsForPageAsync(Dossier.Matter, d, ct)));
        }
        Activities.AddRange(records.Activities.Where(a => a.SpecificGroup == IsGroupStep).OrderBy(a => a.HeldOn).ThenBy(a => a.RecordedAt).Select(ActivityView.From));

        // What completing the step would be refused for now: the step's guards, asked as the completion asks them.
        if (Dossier.State is { } state && Task.Status == WorkTaskStatus.Open)
        {
            var context = new StepCompletionContext(matterId, state, Dossier.Definition, Task, Step.Outcomes.FirstOrDefault()?.Id ?? "",
                null, null, Dossier.Actor, now);
            var refusals = new List<Refusal>();
            foreach (var guard in guards.Where(g => g.Steps.Contains(Step.Id)))
            {
                refusals.AddRange(await guard.CheckAsync(context, ct));
            }
            Blocking = refusals;
            var minimum = consultations.MinimumIfPublishedNow(Dossier.Definition, state);
            Minimum = minimum?.Minimum;
            MayShorten = minimum is { Binding: false };
        }
        Lines = [.. Dossier.Report.Items.Where(i => i.Code.StartsWith("participation:", StringComparison.Ordinal)
            && (i.StepId == Step.Id || (!IsGroupStep && i.Code != "participation:specific-group")))];
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
    {
        if (ParseDay(ClosesOn, nameof(ClosesOn), out var day) is { } invalid)
        {
            return await invalid;
        }
        if (!await LoadAsync(id, ct)) // the jurisdiction's zone turns the chosen last day into an instant
        {
            return NotFound();
        }
        var request = new PublishConsultationRequest(PubTitle ?? "", DraftText ?? "", Explanation ?? "", null, null,
            day is { } d ? EndOf(d) : null, UrgencyReason);
        return await ActOnceAsync(id, request, () => consultations.PublishAsync(Dossier.Matter.Id, request, Key("publish"), ct),
            T["已发布公开征求意见。"], code => code switch
            {
                "Title" => nameof(PubTitle),
                "DraftText" or "Explanation" or "UrgencyReason" => code,
                "ClosesAt" or "consultation-period-too-short" or "invalid-period" => nameof(ClosesOn),
                "urgency-reason-required" => nameof(UrgencyReason),
                _ => null,
            }, ct);
    }

    public async Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken ct)
    {
        if (ParseDay(ExtendOn, nameof(ExtendOn), out var day) is { } invalid)
        {
            return await invalid;
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var request = new ExtendConsultationRequest(day is { } d ? EndOf(d) : null, ExtendReason ?? "");
        return await ActOnceAsync(id, request, () => consultations.ExtendAsync(ConsultationId ?? Guid.Empty, request, Key("extend"), ct),
            T["已延长征求意见期限。"], code => code switch
            {
                "ClosesAt" or "extension-not-later" or "consultation-ended" => nameof(ExtendOn),
                "Reason" or "reason-required" => nameof(ExtendReason),
                _ => null,
            }, ct);
    }

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        ActOnceAsync(id, null, () => consultations.CloseAsync(ConsultationId ?? Guid.Empty, Key("close"), ct),
            T["已结束公开征求意见，意见数量和校验值已记入程序记录。"], null, ct);

    public Task<IActionResult> OnPostRespondAsync(Guid id, CancellationToken ct)
    {
        var (commentId, groupKey) = ParseTarget(Target);
        var request = new RespondRequest(commentId, groupKey, Decision ?? "", Reason);
        return ActOnceAsync(id, request, () => moderation.RespondAsync(ConsultationId ?? Guid.Empty, request, Key("respond:" + Target), ct),
            T["已记录采纳情况。"], code => code switch
            {
                "Decision" or "invalid-decision" => nameof(Decision),
                "Reason" or "reason-required" => nameof(Reason),
                _ => null,
            }, ct);
    }

    public Task<IActionResult> OnPostHideAsync(Guid id, CancellationToken ct)
    {
        var (commentId, _) = ParseTarget(Target);
        var request = new HideCommentRequest(HideReason ?? "");
        return ActOnceAsync(id, request, () => moderation.HideAsync(ConsultationId ?? Guid.Empty, commentId ?? Guid.Empty, request, Key("hide:" + Target), ct),
            T["已隐藏该意见（保留原文，计入数量和导出）。"], code => code is "Reason" or "reason-required" ? nameof(HideReason) : null, ct);
    }

    public async Task<IActionResult> OnPostReceivedAsync(Guid id, CancellationToken ct)
    {
        if (ParseDay(ReceivedOn, nameof(ReceivedOn), out var day) is { } invalid)
        {
            return await invalid;
        }
        var request = new ReceivedCommentRequest(ReceivedChannel ?? "", day, ReceivedType, ReceivedName, ReceivedContact, ReceivedText, ReceivedDocument);
        return await ActOnceAsync(id, request, () => received.EnterAsync(ConsultationId ?? Guid.Empty, request, Key("received"), ct),
            T["已登记收到的意见。"], code => code switch
            {
                "Channel" or "invalid-channel" => nameof(ReceivedChannel),
                "ReceivedOn" or "received-on-required" or "received-on-future" or "received-after-close" or "received-before-open" => nameof(ReceivedOn),
                "Text" or "comment-text-required" or "comment-too-long" => nameof(ReceivedText),
                "SubmitterType" or "invalid-submitter-type" => nameof(ReceivedType),
                "Name" or "submitter-name-required" or "field-too-long" => nameof(ReceivedName),
                "DocumentVersionId" or "document-not-found" => nameof(ReceivedDocument),
                _ => null,
            }, ct);
    }

    public Task<IActionResult> OnPostFeedbackAsync(Guid id, CancellationToken ct)
    {
        var request = new PublishFeedbackRequest(Summary ?? "");
        return ActOnceAsync(id, request, () => moderation.PublishFeedbackAsync(ConsultationId ?? Guid.Empty, request, Key("feedback"), ct),
            T["已公布意见采纳情况反馈。"], code => code == "Summary" ? nameof(Summary) : null, ct);
    }

    public Task<IActionResult> OnPostActivityAsync(Guid id, CancellationToken ct)
    {
        if (ParseDay(HeldOn, nameof(HeldOn), out var day) is { } invalid)
        {
            return invalid;
        }
        int? count = null;
        if (!string.IsNullOrWhiteSpace(ParticipantCount))
        {
            if (!int.TryParse(ParticipantCount, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return FieldErrorAsync(id, nameof(ParticipantCount), T["请填写人数（整数）。"], ct);
            }
            count = parsed;
        }
        var request = new RecordActivityRequest(Method ?? "", day, ActivitySummary ?? "", count, IsGroupStepPost, GroupName);
        return ActOnceAsync(id, request, () => activities.RecordAsync(Dossier.Matter.Id, request, Key("activity"), ct),
            T["已记录听取意见的活动。"], code => code switch
            {
                "Method" or "invalid-method" => nameof(Method),
                "HeldOn" or "activity-in-future" => nameof(HeldOn),
                "Summary" => nameof(ActivitySummary),
                "ParticipantCount" => nameof(ParticipantCount),
                "GroupName" or "group-name-required" => nameof(GroupName),
                _ => null,
            }, ct);
    }

    /// <summary>The activity form of the specific-group step records the consultation with the group (art. 14, second paragraph).</summary>
    [BindProperty] public bool IsGroupStepPost { get; set; }

    /// <summary>The methods of art. 14 for the activity form (the open consultation has its own form).</summary>
    public static IReadOnlyDictionary<string, string> Methods => ParticipationTerms.Methods;

    public static string Slug(string target) => target.Replace(':', '-');

    /// <summary>The error of <paramref name="field"/> if the last post was the form of <paramref name="target"/>, else null.</summary>
    public string? ErrorOf(string field, string target) => Target == target ? ModelState.ErrorFor(field) : null;

    /// <summary>A period that ends with the local day <paramref name="day"/> ends at 24:00 of that day in the jurisdiction's zone (《民法典》第二百零三条).</summary>
    private DateTimeOffset EndOf(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Dossier.Zone), TimeSpan.Zero);

    private static (Guid? CommentId, string? GroupKey) ParseTarget(string? target) =>
        target is null ? (null, null)
        : target.StartsWith("c:", StringComparison.Ordinal) && Guid.TryParse(target[2..], out var comment) ? (comment, null)
        : target.StartsWith("g:", StringComparison.Ordinal) ? (null, target[2..])
        : (null, null);
}

/// <summary>The model of the <c>_Respond</c> partial: the response form of one comment (<c>c:{id}</c>) or one group (<c>g:{key}</c>).</summary>
public sealed record RespondForm(TaskModel Page, Guid ConsultationId, string Target, string Legend, ResponseView? Current);
