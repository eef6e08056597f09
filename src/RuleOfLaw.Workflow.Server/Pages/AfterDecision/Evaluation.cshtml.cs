using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The post-decision evaluation step (第三十六条): the decision organ starts an evaluation by the task's evaluation body
/// (<see cref="EvaluationService.StartAsync"/>), the evaluator records the input heard (<see cref="EvaluationService.InputAsync"/>)
/// and concludes (<see cref="EvaluationService.CompleteAsync"/>), then completes the task with the outcome.
/// </summary>
/// <remarks>Starting is the chief executive's act, not the task holder's, so it is not refused by the task's role; the service decides who may.</remarks>
public sealed class EvaluationModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    EvaluationService service)
    : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public string? Trigger { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? SourceName { get; set; }
    [BindProperty] public string? InputText { get; set; }
    [BindProperty] public string? EvaluationOutcome { get; set; }
    [BindProperty] public string? Conclusion { get; set; }

    public IReadOnlyList<EvaluationView> Evaluations { get; private set; } = [];

    /// <summary>The evaluation the evaluator works on: the last one by this task's evaluation body.</summary>
    public EvaluationView? Current => Evaluations.LastOrDefault(e => e.EvaluatorOrganizationId == Task.OrganizationId);

    protected override async Task LoadStepAsync(CancellationToken ct) =>
        Evaluations = (await service.ListAsync(Dossier.Matter.Id, ct)).Value ?? [];

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var request = new StartEvaluationRequest(Trigger ?? "", Task.OrganizationId, string.IsNullOrWhiteSpace(Note) ? null : Note);
        Func<string, string?> field = name => name is nameof(StartEvaluationRequest.Trigger) or "invalid-trigger" ? nameof(Trigger)
            : name is nameof(StartEvaluationRequest.Note) ? nameof(Note) : null;
        if (ModelState.ShowRequestErrors(request, field))
        {
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var outcome = await service.StartAsync(Dossier.Matter.Id, request, "web-evaluation:" + FormKey, ct);
        if (!outcome.Succeeded)
        {
            ModelState.ShowRefusals(outcome.Refusals, field);
            await LoadStepAsync(ct);
            return this.Refused(outcome.Status);
        }
        TempData["Notice"] = T["已启动决策后评估。"].Value;
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostInputAsync(Guid id, Guid evaluationId, CancellationToken ct)
    {
        var request = new EvaluationInputRequest(Source ?? "", string.IsNullOrWhiteSpace(SourceName) ? null : SourceName, InputText ?? "");
        return await ActAsync(id, request,
            () => service.InputAsync(evaluationId, request, "web-evaluation-input:" + FormKey, HttpContext.RequestAborted),
            T["已记录所听取的意见。"], field => field switch
            {
                nameof(EvaluationInputRequest.Source) => nameof(Source),
                nameof(EvaluationInputRequest.SourceName) => nameof(SourceName),
                nameof(EvaluationInputRequest.Text) or "invalid-input" => nameof(InputText),
                _ => null,
            }, ct);
    }

    public async Task<IActionResult> OnPostConcludeAsync(Guid id, Guid evaluationId, CancellationToken ct)
    {
        var request = new CompleteEvaluationRequest(EvaluationOutcome ?? "", Conclusion ?? "");
        return await ActAsync(id, request,
            () => service.CompleteAsync(evaluationId, request, "web-evaluation-complete:" + FormKey, HttpContext.RequestAborted),
            T["已作出评估结论。"], field => field switch
            {
                nameof(CompleteEvaluationRequest.Outcome) => nameof(EvaluationOutcome),
                nameof(CompleteEvaluationRequest.Conclusion) or "invalid-outcome" => nameof(Conclusion),
                _ => null,
            }, ct);
    }
}
