using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// One normative document for the drafting unit (<c>/normative/documents/{id}</c>): where it stands (status, the
/// procedure's open steps, the review window, numbers, validity), its history and its filings; the consultation's step
/// page when the procedure is at it (the participation module's, <c>/participation/{task}</c>); and the request for
/// legality review — the same service as <c>POST /api/normative-documents/{id}/review-submission</c>
/// (<see cref="DocumentDrafting.SubmitForReviewAsync"/>). A refusal is shown with its article and the API's status.
/// </summary>
public sealed class DocumentModel(NormativeContext context, DocumentDrafting drafting, LegalityReviewOpinions reviews, Filings filings,
    DocumentProcedure procedure, Deliberation deliberation, ReviewPackages packages, CurrentActor current, IStringLocalizer<SharedResource> t) : PageModel
{
    public NormativeDocumentView Document { get; private set; } = null!;
    public IReadOnlyList<NormativeEventView> Events { get; private set; } = [];
    public IReadOnlyList<NormativeFilingView> DocumentFilings { get; private set; } = [];

    /// <summary>The government's time zone: the history's times are shown as its people read them.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Who acted in the history, by user id: display names (the timers' <c>system</c> and the portal's <c>public</c> are named by the page).</summary>
    public IReadOnlyDictionary<string, string> ActorNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The procedure's open steps (title, due) and the open consultation task, if any; empty for a document drafted before the procedure.</summary>
    public IReadOnlyList<(string StepId, string Title, DateTimeOffset? DueAt)> OpenSteps { get; private set; } = [];
    public Guid? ConsultationTask { get; private set; }

    /// <summary>Whether the document runs on the procedure, so has a record (the matter's documents: the draft the review package takes).</summary>
    public bool HasRecord { get; private set; }
    public bool MaySubmit { get; private set; }

    /// <summary>
    /// What the review package would lack if submitted now (<see cref="ReviewPackageMaterials"/>), shown next to the
    /// request so the drafting unit completes the record first: the submission is refused while anything is missing.
    /// </summary>
    public IReadOnlyList<string> PackageMissing { get; private set; } = [];

    /// <summary>The act pages of the steps open for this reader (the review opinion, the office meeting, registration, publication).</summary>
    public IReadOnlyList<(string Path, string Label)> Acts { get; private set; } = [];

    /// <summary>
    /// The document's major-decision procedure when it is also a major decision: the child its sub-procedure step started
    /// (definition version 4) and the matter linked at drafting (version 3 and before), as the matter API and the dossier
    /// page show them (<see cref="MatterLinks"/>); each links to its dossier page.
    /// </summary>
    public IReadOnlyList<MatterLinkView> MajorDecisions { get; private set; } = [];

    /// <summary>Whether the reader may sign (签发) the adopted document: the issuing organ's head.</summary>
    public bool MaySign { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, actor => drafting.SubmitForReviewAsync(actor, id, ct), "已报送合法性审核。", ct);

    /// <summary>The head signs the adopted document — the same service as <c>POST /api/normative-documents/{id}/signature</c>.</summary>
    public Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, actor => deliberation.SignAsync(actor, id, ct), "已签发。", ct);

    /// <summary>Does the act, then back to the document with a notice; a refusal is shown on the page with the API's status.</summary>
    private Task<IActionResult> ActAsync(Guid id, Func<Actor, Task> act, string notice, CancellationToken ct) =>
        this.RunAsync(async () =>
        {
            await act(await current.GetAsync(ct));
            TempData["Notice"] = t[notice].Value;
            return Redirect($"/normative/documents/{id}");
        }, null, () => LoadAsync(id, ct));

    private async Task<IReadOnlyList<MatterLinkView>> MajorDecisionsAsync(NormativeDocument document, CancellationToken ct)
    {
        var db = context.Db;
        var links = new List<MatterLinkView>();
        if (await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == document.Id, ct) is { } matter)
        {
            var instanceId = await db.Instances.AsNoTracking().Where(i => i.MatterId == matter.Id).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
            links.AddRange((await MatterLinks.ReadAsync(db, matter, instanceId, ct)).Children.Where(c => c.DefinitionId == NormativeSteps.MajorDecisionDefinition));
        }
        if (document.MajorDecisionMatterId is { } linkedId && links.All(l => l.MatterId != linkedId)
            && await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == linkedId, ct) is { } linked)
        {
            var instance = await db.Instances.AsNoTracking().Where(i => i.MatterId == linkedId).Select(i => new { i.Id, i.Status }).SingleOrDefaultAsync(ct);
            links.Add(new MatterLinkView(linked.Id, linked.Number, linked.Title, linked.DefinitionId, "", 0, instance?.Id,
                instance is null ? null : Enum.Parse<InstanceStatus>(instance.Status)));
        }
        return links;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        context.Db.ChangeTracker.Clear();
        var document = await context.Db.Set<NormativeDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return false;
        }
        var window = document.SubmittedForReviewOn is null ? null : await reviews.WindowAsync(document, ct);
        Document = NormativeDocumentView.From(document, window, context.Today(await context.SettingsAsync(document.GovernmentId, ct)));
        Events = (await context.Db.Set<NormativeDocumentEvent>().AsNoTracking().Where(e => e.DocumentId == id).ToListAsync(ct))
            .OrderBy(e => e.At)
            // The notes' codes (a conclusion, a recipient, a meeting's outcome …) in the reader's language.
            .Select(e => new NormativeEventView(e.Type, e.At, e.Actor, HistoryNotes.Render(e.Type, e.Note, System.Globalization.CultureInfo.CurrentUICulture))).ToList();
        Zone = context.Calculator(await context.SettingsAsync(document.GovernmentId, ct)).TimeZone;
        var actors = Events.Select(e => e.Actor).Distinct().ToList();
        ActorNames = await context.Db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        DocumentFilings = await filings.ForDocumentAsync(id, ct);
        MajorDecisions = await MajorDecisionsAsync(document, ct);
        if (await procedure.LoadAsync(id, ct) is { } running)
        {
            var open = running.State.Tasks.Where(t => t.Status == WorkTaskStatus.Open && t.PartyId is null).ToList();
            OpenSteps = open.Select(t => (t.StepId, Ui.Pick(running.Definition.Step(t.StepId).Title, running.Definition.Step(t.StepId).TitleEn), t.DueAt)).ToList();
            HasRecord = true;
            ConsultationTask = running.OpenTask(NormativeSteps.Consultation)?.Id;
            var actor = await current.GetAsync(ct);
            MaySubmit = running.OpenTask(NormativeSteps.ReviewSubmission) is { } submission && actor.Holds(submission.Role, submission.OrganizationId);
            PackageMissing = MaySubmit ? (await packages.AssembleAsync(document, running, ct)).Missing : [];
            Acts = ActPages(id).Where(a => running.OpenTask(a.StepId) is { } task && actor.Holds(task.Role, task.OrganizationId))
                .Select(a => (a.Path, a.Label)).ToList();
            // The meeting (the executive meeting, or from version 3 the department's office meeting) is the meetings
            // module's: its task page leads to the meetings list or to the meeting whose agenda holds the document.
            Acts = [.. Acts, .. new[] { (NormativeSteps.MeetingScheduling, t["列入会议议题"].Value), (NormativeSteps.CollectiveDecision, t["集体审议"].Value) }
                .Select(m => (Task: running.OpenTask(m.Item1), Label: m.Item2))
                .Where(m => m.Task is { } task && actor.Holds(task.Role, task.OrganizationId))
                .Select(m => ($"/meetings/tasks/{m.Task!.Id}", m.Label))];
        }
        else
        {
            MaySubmit = document.Status is NormativeStatuses.Drafting or NormativeStatuses.Reviewed && document.ReviewConclusion != ReviewConclusions.Lawful;
        }
        var reader = await current.GetAsync(ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        // The decision before expiry is outside the procedure (its instance ended with the filing review): the issuer's head, while in force.
        if (document.Status == NormativeStatuses.Published && IssuerHead.Is(reader.Memberships, issuer.OrganizationId)
            && document.LastDayInForce is { } last && context.Today(await context.SettingsAsync(document.GovernmentId, ct)) <= last)
        {
            Acts = [.. Acts, ($"/normative/documents/{id}/expiry-decision", t["有效期届满前评估"].Value)];
        }
        MaySign = Deliberation.MaySign(reader, document, issuer.OrganizationId);
        return true;
    }

    /// <summary>The steps that have a page of their own in this module, and the page.</summary>
    private IEnumerable<(string StepId, string Path, string Label)> ActPages(Guid id) =>
    [
        (NormativeSteps.LegalityReview, $"/normative/documents/{id}/review-opinion", t["出具合法性审核意见"].Value),
        (NormativeSteps.OfficeMeeting, $"/normative/documents/{id}/office-meeting", t["记录部门办公会议审议"].Value),
        (NormativeSteps.Registration, $"/normative/documents/{id}/registration", t["统一登记、统一编号"].Value),
        (NormativeSteps.Publication, $"/normative/documents/{id}/registration", t["统一印发并公布"].Value),
    ];
}
