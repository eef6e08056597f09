using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Tasks;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>One task as a page shows it: the matter's dossier, the task, its step, and why this user cannot act now (null: may act).</summary>
public sealed record TaskContext(Dossier Dossier, WorkTask Task, StepDefinition Step, string? CannotAct)
{
    public Actor Actor => Dossier.Actor;
    public Guid MatterId => Dossier.Matter.Id;
}

/// <summary>Reads a task for a page with the API's visibility rule (the holder of the task's role, or anyone who may see the matter).</summary>
public sealed class TaskPageReader(CurrentActor current, DossierReader reader, WorkflowDbContext db, IStringLocalizer<SharedResource> t)
{
    public async Task<TaskContext?> ReadAsync(Guid taskId, CancellationToken ct)
    {
        var matterId = await db.Tasks.AsNoTracking().Where(x => x.Id == taskId).Select(x => (Guid?)x.MatterId).SingleOrDefaultAsync(ct);
        var actor = await current.GetAsync(ct);
        var dossier = matterId is null ? null : await reader.ReadAsync(matterId.Value, actor, ct);
        // A finished task of an earlier pass has left the (bounded) state: its row and journal entries say what it was.
        var task = dossier?.State?.Tasks.FirstOrDefault(x => x.Id == taskId)
            ?? (dossier?.State is { } state ? await TaskHistory.FindAsync(db, state.Id, taskId, ct) : null);
        if (dossier is null || task is null)
        {
            return null;
        }
        // The same conditions the engine checks, so the form is offered only when the engine would accept it.
        var cannotAct = task.Status != WorkTaskStatus.Open ? t["该任务已办结。"].Value
            : dossier.State!.Status != InstanceStatus.Running ? t["程序未在运行（已中止、办结或终止），不能办理任务（第三十七条）。"].Value
            : !actor.Holds(task.Role, task.OrganizationId) ? t["您不具有办理该任务的角色：需要{0}。", Ui.RoleName(task.Role)].Value
            : null;
        return new TaskContext(dossier, task, dossier.Definition.Step(task.StepId), cannotAct);
    }
}

/// <summary>
/// The base of every task page (the generic form and the step pages of the modules): loads the task on every request
/// and completes it through <see cref="TaskCompletion"/> (the API's service, guards included) from the
/// shared <c>_CompleteTask</c> form, posting to the <c>complete</c> handler. A refusal shows next to its field with
/// its article; the form key makes a second click replay the first answer instead of acting twice.
/// </summary>
public abstract class TaskPageModel(TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    public TaskContext Context { get; private set; } = null!;
    public Dossier Dossier => Context.Dossier;
    public WorkTask Task => Context.Task;
    public StepDefinition Step => Context.Step;
    public string? CannotAct => Context.CannotAct;

    /// <summary>
    /// The API's status for <see cref="CannotAct"/> (and a step's own <see cref="CannotActOnStep"/>): 409 when the task
    /// is closed or the procedure is not running, 403 when the user does not hold the role.
    /// </summary>
    protected int CannotActStatus => Task.Status != WorkTaskStatus.Open || Dossier.State?.Status != InstanceStatus.Running
        ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden;

    protected WorkflowDbContext Db => db;
    protected InstanceCommandService Commands => commands;
    protected IStringLocalizer<SharedResource> T => t;

    /// <summary>Loads what the step page shows besides the task (its module's rows); called after the task is read.</summary>
    protected virtual Task LoadStepAsync(CancellationToken ct) => System.Threading.Tasks.Task.CompletedTask;

    /// <summary>
    /// Why this user may not use the step's own forms (not the completion): by default the task's rule; a module whose
    /// API lets others act during the step (participation: the drafting head too) says so.
    /// </summary>
    protected virtual string? CannotActOnStep => CannotAct;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A plain post to the page (no handler named) is the completion, as it was before step pages had several forms.</summary>
    public Task<IActionResult> OnPostAsync(Guid id, [FromServices] TaskCompletion completion, CancellationToken ct) =>
        OnPostCompleteAsync(id, completion, ct);

    /// <summary>The completion, through the API's service (<see cref="TaskCompletion"/>, a handler parameter so the step pages' constructors stay as they are).</summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, [FromServices] TaskCompletion completion, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (CannotAct is not null)
        {
            ModelState.AddModelError("", CannotAct);
            return this.Refused(CannotActStatus);
        }
        if (string.IsNullOrEmpty(Outcome))
        {
            ModelState.AddModelError(nameof(Outcome), t["请选择办理结果。"]);
        }
        if (Comment is { Length: > CompleteTaskRequest.MaxCommentLength })
        {
            ModelState.AddModelError(nameof(Comment), t["意见不得超过一万字。"]);
        }
        if (!ModelState.IsValid)
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var request = new CompleteTaskRequest(Outcome!, string.IsNullOrWhiteSpace(Comment) ? null : Comment, null);
        var outcome = await completion.CompleteAsync(id, request, "web-complete:" + FormKey, Dossier.Actor, ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, CompletionField);
            return this.Refused(outcome.Status);
        }
        TempData["Notice"] = t["已办理：{0}", Ui.Pick(Step.Title, Step.TitleEn)].Value;
        return Redirect($"/matters/{Dossier.Matter.Id}");
    }

    /// <summary>Where the generic form shows a completion refusal: the opinion's, the outcome's, else above the form.</summary>
    private static string? CompletionField(string code) => code switch
    {
        "comment-required" or "reason-required" => nameof(Comment),
        "unknown-outcome" => nameof(Outcome),
        _ => null,
    };

    /// <summary>Reads the task (and the step's rows); false when there is no such task or the user may not see it.</summary>
    protected async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var context = await reader.ReadAsync(id, ct);
        if (context is null)
        {
            return false;
        }
        Context = context;
        await LoadStepAsync(ct);
        return true;
    }

    /// <summary>
    /// A step page's own action through a module's service: refuses when the user cannot act on the task, checks the
    /// request's annotations, runs <paramref name="act"/> and shows its refusals on the form. On success, redirects
    /// back to this page (post-redirect-get) with <paramref name="notice"/>.
    /// </summary>
    protected async Task<IActionResult> ActAsync<T>(Guid id, object? request, Func<Task<ModuleOutcome<T>>> act, string notice,
        Func<string, string?>? field, CancellationToken ct) where T : class
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
        var outcome = await act();
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field);
            await LoadStepAsync(ct);
            return this.Refused(outcome.Status);
        }
        TempData["Notice"] = notice;
        return Redirect(Request.Path);
    }
}
