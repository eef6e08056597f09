using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>What the legality review's pages need: the module's service (the one the API calls) and what they show besides (registered in <c>AddLegalityReview</c>).</summary>
public sealed class LegalityPageServices(
    LegalityService legality, DefinitionRegistry registry, WorkflowEngine engine, JurisdictionRegistry jurisdictions,
    TimeProvider clock, DocumentQueries documents, TaskCompletion completion)
{
    /// <summary>Completing the step's task: the service <c>POST /api/tasks/{id}/complete</c> calls.</summary>
    public TaskCompletion Completion => completion;

    public LegalityService Legality => legality;
    public DefinitionRegistry Registry => registry;
    public WorkflowEngine Engine => engine;
    public JurisdictionRegistry Jurisdictions => jurisdictions;
    public TimeProvider Clock => clock;
    public DocumentQueries Documents => documents;
}

/// <summary>A returned package: when, by whom, what was missing and why (the legality-intake completion with outcome <c>returned</c>).</summary>
public sealed record PackageReturn(DateTimeOffset At, string By, IReadOnlyList<string> Missing, string? Comment);

/// <summary>
/// The base of the legality review's step pages (第二十五条至第二十八条): the task (see <see cref="TaskPageModel"/>) and
/// what <c>GET /api/matters/{id}/legality</c> answers (submissions with their packages, counsel opinions, findings),
/// read through the service that endpoint calls (<see cref="LegalityService.GetAsync"/>).
/// </summary>
public abstract class LegalityPageModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t, LegalityPageServices services)
    : TaskPageModel(reader, db, commands, t)
{
    protected LegalityPageServices Services => services;

    public LegalityView Legality { get; private set; } = new([], [], []);

    /// <summary>
    /// The package of the latest submission (what the review office has in hand): the one in the completion's data, or
    /// the one assembled beforehand for that submission (the guard's rule, <see cref="LegalityGuards.PreparedPackageAsync"/>).
    /// </summary>
    public LegalitySubmissionPackage? Package { get; private set; }

    public SubmissionView? LatestSubmission => Legality.Submissions.LastOrDefault();

    /// <summary>Every return of the package by the review office, oldest first.</summary>
    public IReadOnlyList<PackageReturn> Returns { get; private set; } = [];

    /// <summary>The matter's documents (versioned; the links open the stored content).</summary>
    public IReadOnlyList<DocumentView> Documents { get; private set; } = [];

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        Legality = (await services.Legality.GetAsync(Dossier.Matter.Id, ct)).Value ?? new([], [], []);
        Package = LatestSubmission is { } latest
            ? latest.Package ?? await LegalityGuards.PreparedPackageAsync(Db, Dossier.State!.Id, latest.Iteration, ct)
            : null;
        Returns = [.. Dossier.Journal
            .Where(j => j.Type == JournalEntryTypes.TaskCompleted && j.StepId == LegalityGuards.Intake && j.Outcome == LegalityOutcomes.Returned)
            .OrderBy(j => j.Sequence)
            .Select(j => new PackageReturn(j.OccurredAt, j.ActorName, MissingOf(j.DataJson), j.Comment))];
        Documents = await services.Documents.ListAsync(Dossier.Matter.Id, ct);
        await LoadLegalityStepAsync(ct);
    }

    /// <summary>What the page reads besides the legality view.</summary>
    protected virtual Task LoadLegalityStepAsync(CancellationToken ct) => System.Threading.Tasks.Task.CompletedTask;

    /// <summary>
    /// Completes the task through the API's service (<see cref="TaskCompletion"/>, behind <c>POST /api/tasks/{id}/complete</c>:
    /// engine, guards, idempotency);
    /// refusals next to what they concern, else the dossier (the task is closed) with <paramref name="notice"/>.
    /// </summary>
    protected async Task<IActionResult> CompleteThroughApiAsync(Guid id, CompleteTaskRequest request, string key, string notice,
        Func<string, string?> field, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (CannotActOnStep is { } cannot)
        {
            ModelState.AddModelError("", cannot);
            return this.Refused(CannotActStatus);
        }
        if (ModelState.ShowRequestErrors(request, field))
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var outcome = await services.Completion.CompleteAsync(id, request, key, Dossier.Actor, ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field);
            await LoadStepAsync(ct);
            return this.Refused(outcome.Status);
        }
        TempData["Notice"] = notice;
        return Redirect($"/matters/{Dossier.Matter.Id}");
    }

    /// <summary>After an action that completed the task, the dossier rather than the page of a closed task.</summary>
    protected IActionResult ToDossierIfDone(IActionResult result) =>
        result is RedirectResult && ModelState.IsValid ? Redirect($"/matters/{Dossier.Matter.Id}") : result;

    /// <summary>Lines of a text area, trimmed, without the empty ones.</summary>
    protected static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static IReadOnlyList<string> MissingOf(string? dataJson) =>
        ModuleWrites.DataProperty(dataJson, "missing") is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}

/// <summary>A counsel opinion as a page shows it: the opinion, the zone for its time, and the signature check (null: not checked).</summary>
public sealed record CounselOpinionShown(CounselOpinionView Opinion, TimeZoneInfo Zone, bool? Valid);
