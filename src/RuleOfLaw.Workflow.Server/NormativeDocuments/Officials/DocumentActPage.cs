using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// A page for one act on one normative document (the review opinion, the office meeting, registration and publication):
/// the document as it stands, whether the reader may do the act now, and <see cref="ActAsync"/>, which calls the same
/// service as the API's <c>POST /api/normative-documents/{id}/…</c>. A refusal shows the page again with each error next
/// to its field (or above the form) with its article, answered with the API's status; nothing is written.
/// </summary>
/// <remarks>
/// A resent form needs no key of its own: the act's service remembers it under the person, the act, the step's task and
/// the request (<see cref="DocumentProcedure.AnsweredAsync"/>), so the same form sent twice is answered once.
/// </remarks>
public abstract class DocumentActModel(NormativeContext context, LegalityReviewOpinions reviews, DocumentProcedure procedure, CurrentActor current,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public NormativeDocumentView Document { get; private set; } = null!;

    /// <summary>Whether the reader may do this page's act now (its step's task is open and theirs; without a procedure, the document's stage).</summary>
    public bool MayAct { get; private set; }

    /// <summary>The step the act completes (none: an act outside the procedure, whose page decides <see cref="MayActAsync"/> itself).</summary>
    protected virtual string? StepId => null;

    /// <summary>The document's stages at which the act is due, for a document drafted before the procedure.</summary>
    protected virtual IReadOnlyCollection<string> Stages => [];

    protected CurrentActor Current => current;

    protected NormativeContext Context => context;

    protected DocumentProcedure Procedure => procedure;

    /// <summary>Loads what the page shows besides the document (after it, on every view and after a refusal).</summary>
    protected virtual Task LoadedAsync(NormativeDocument document, CancellationToken ct) => Task.CompletedTask;

    protected LegalityReviewOpinions Reviews => reviews;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await Prepare(ct);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>Sets the form's defaults on a first view (not after a refusal, which shows what was sent).</summary>
    protected virtual Task Prepare(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Runs the act; on success to <paramref name="then"/> with <paramref name="notice"/>, else this page with the refusal.</summary>
    protected Task<IActionResult> ActAsync(Guid id, Func<Actor, Task> act, string notice, string then, Func<string, string?>? field, CancellationToken ct) =>
        this.RunAsync(async () =>
        {
            await act(await current.GetAsync(ct));
            TempData["Notice"] = t[notice].Value;
            return Redirect(then);
        }, field, () => LoadAsync(id, ct));

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
        MayAct = await MayActAsync(document, await current.GetAsync(ct), ct);
        await LoadedAsync(document, ct);
        return true;
    }

    /// <summary>Whether <paramref name="actor"/> may do the act now: the step's task is open and theirs; without a procedure, the document's stage.</summary>
    protected virtual async Task<bool> MayActAsync(NormativeDocument document, Actor actor, CancellationToken ct) =>
        await procedure.LoadAsync(document.Id, ct) is { } running
            ? StepId is { } step && running.OpenTask(step) is { } task && actor.Holds(task.Role, task.OrganizationId)
            : Stages.Contains(document.Status);
}
