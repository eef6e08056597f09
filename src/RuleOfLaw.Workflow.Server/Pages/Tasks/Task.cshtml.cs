using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tasks;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Tasks;

/// <summary>
/// The generic task form: an outcome of the step and a comment, completed through <see cref="TaskEndpoints.CompleteAsync"/>
/// (the API's path, guards included). The form is offered only when the engine would accept it from this user (task
/// open, instance running, the exact role in the exact organization) and lists only the step's outcomes; a refusal
/// still shows next to its field with its article. Steps with their own page register it in <see cref="StepPages"/>.
/// </summary>
public sealed class TaskModel(CurrentActor current, DossierReader reader, WorkflowDbContext db, InstanceCommandService commands,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public Dossier Dossier { get; private set; } = null!;
    public WorkTask Task { get; private set; } = null!;
    public StepDefinition Step { get; private set; } = null!;
    public string? FormError { get; private set; }

    /// <summary>Why this user cannot act on the task now (null: the form is shown).</summary>
    public string? CannotAct { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (CannotAct is not null)
        {
            FormError = CannotAct;
            return Page();
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
            return Page();
        }
        var request = new CompleteTaskRequest(Outcome!, string.IsNullOrWhiteSpace(Comment) ? null : Comment, null);
        var (result, error) = await TaskEndpoints.CompleteAsync(id, request, null, Dossier.Actor, db, commands, ct);
        if (error is not null)
        {
            FormError = error.Message;
            return Page();
        }
        if (result!.Refusals.Count > 0)
        {
            foreach (var refusal in result.Refusals)
            {
                var message = refusal.Article is null ? refusal.Message : $"{refusal.Message}（{refusal.Article}）";
                switch (refusal.Code)
                {
                    case "comment-required" or "reason-required":
                        ModelState.AddModelError(nameof(Comment), message);
                        break;
                    case "unknown-outcome":
                        ModelState.AddModelError(nameof(Outcome), message);
                        break;
                    default:
                        FormError = FormError is null ? message : FormError + " " + message;
                        break;
                }
            }
            return Page();
        }
        TempData["Notice"] = t["已办理：{0}", Ui.Pick(Step.Title, Step.TitleEn)].Value;
        return Redirect($"/matters/{Dossier.Matter.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var matterId = await db.Tasks.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.MatterId).SingleOrDefaultAsync(ct);
        var actor = await current.GetAsync(ct);
        var dossier = matterId is null ? null : await reader.ReadAsync(matterId.Value, actor, ct);
        var task = dossier?.State?.Tasks.FirstOrDefault(x => x.Id == id);
        // Like GET /api/tasks/{id}: the holder of the task's role, or anyone who may see the matter.
        if (dossier is null || task is null)
        {
            return false;
        }
        Dossier = dossier;
        Task = task;
        Step = dossier.Definition.Step(task.StepId);
        CannotAct = task.Status != WorkTaskStatus.Open ? t["该任务已办结。"].Value
            : dossier.State!.Status != InstanceStatus.Running ? t["程序未在运行（已中止、办结或终止），不能办理任务（第三十七条）。"].Value
            : !actor.Holds(task.Role, task.OrganizationId) ? t["您不具有办理该任务的角色：需要{0}。", Ui.RoleName(task.Role)].Value
            : null;
        return true;
    }
}
