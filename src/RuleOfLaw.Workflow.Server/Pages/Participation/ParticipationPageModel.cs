using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Participation;

/// <summary>
/// The base of the participation step's pages (the step page and the hearings page): who may use their forms, and
/// how a form calls the participation module's service (the one the API calls) and shows its refusal with the API's status.
/// </summary>
public abstract class ParticipationPageModel(TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t)
    : TaskPageModel(reader, db, commands, t)
{
    /// <summary>
    /// The participation forms (publish, extend, close, answer, hide, feedback, activities) follow the API's rule — the
    /// drafting unit's officer or head (<see cref="ParticipationActs"/>) — not the task's role: the head may publish
    /// and answer too. Completing the step stays with the task's holder (<see cref="TaskPageModel.CannotAct"/>).
    /// </summary>
    public bool CanWrite => Task.Status == WorkTaskStatus.Open && Dossier.State?.Status == InstanceStatus.Running && Dossier.CanDraft;

    protected override string? CannotActOnStep => CanWrite ? null : CannotAct ?? T["只有承办单位的承办人员或负责人可以办理公众参与事项（第十四条）。"].Value;

    protected string Key(string form) => $"web-participation-{form}:{FormKey}";

    /// <summary>
    /// A participation form's act: refused when the user cannot act on the step, else the request's annotations are
    /// checked and the module's service is called; its refusal shows next to the field it concerns. After a refusal
    /// the form gets a new key, so the corrected form is a new request rather than a replay of the refused one. On
    /// success, redirects back to this page (post-redirect-get) with <paramref name="notice"/>.
    /// </summary>
    protected async Task<IActionResult> ActOnceAsync<T>(Guid id, object? request, Func<Task<ParticipationOutcome<T>>> act, string notice,
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
        int? refused = ModelState.ShowRequestErrors(request, field) ? StatusCodes.Status400BadRequest : null;
        if (refused is null && await act() is { Problem: { } problem })
        {
            ModelState.ShowRefusals(problem.Refusals, field);
            await LoadStepAsync(ct);
            refused = problem.Status;
        }
        if (refused is { } status)
        {
            FormKey = Guid.NewGuid().ToString("N");
            return this.Refused(status);
        }
        TempData["Notice"] = notice;
        return Redirect(Request.Path);
    }

    protected async Task<IActionResult> FieldErrorAsync(Guid id, string field, string message, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.AddModelError(field, message);
        return this.Refused(StatusCodes.Status400BadRequest);
    }

    /// <summary>A date field (yyyy-MM-dd, the value of an input of type date); an unreadable one is an error next to the field.</summary>
    protected Task<IActionResult>? ParseDay(string? value, string field, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return null;
        }
        return FieldErrorAsync(RouteId, field, T["请按“年-月-日”填写日期，如2026-04-01。"], HttpContext.RequestAborted);
    }

    protected Guid RouteId => Guid.Parse((string)RouteData.Values["id"]!);
}
