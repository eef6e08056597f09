using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The post-decision evaluation step (第三十六条): the decision organ starts an evaluation by the task's evaluation body
/// (<see cref="EvaluationEndpoints.Start"/>), the evaluator records the input heard (<see cref="EvaluationEndpoints.Input"/>)
/// and concludes (<see cref="EvaluationEndpoints.Complete"/>), then completes the task with the outcome.
/// </summary>
/// <remarks>Starting is the chief executive's act, not the task holder's, so it is not refused by the task's role; the handler decides who may.</remarks>
public sealed class EvaluationModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ModuleWriter records, CurrentActor current, TimeProvider clock)
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
        Evaluations = ApiAnswer.From(await EvaluationEndpoints.List(Dossier.Matter.Id, current, records, ct)).Value<List<EvaluationView>>() ?? [];

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var request = new StartEvaluationRequest(Trigger ?? "", Task.OrganizationId, string.IsNullOrWhiteSpace(Note) ? null : Note);
        var answer = await ApiForms.CallAsync(request,
            () => EvaluationEndpoints.Start(Dossier.Matter.Id, request, "web-evaluation:" + FormKey, current, records, clock, ct));
        if (!answer.Succeeded)
        {
            answer.ShowOn(ModelState, field => field is nameof(StartEvaluationRequest.Trigger) or "invalid-trigger" ? nameof(Trigger)
                : field is nameof(StartEvaluationRequest.Note) ? nameof(Note) : null);
            await LoadStepAsync(ct);
            return Page();
        }
        TempData["Notice"] = T["已启动决策后评估。"].Value;
        return Redirect(Request.Path);
    }

    public async Task<IActionResult> OnPostInputAsync(Guid id, Guid evaluationId, CancellationToken ct)
    {
        var request = new EvaluationInputRequest(Source ?? "", string.IsNullOrWhiteSpace(SourceName) ? null : SourceName, InputText ?? "");
        return await ActAsync(id, request,
            () => EvaluationEndpoints.Input(evaluationId, request, "web-evaluation-input:" + FormKey, current, records, clock, HttpContext.RequestAborted),
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
            () => EvaluationEndpoints.Complete(evaluationId, request, "web-evaluation-complete:" + FormKey, current, records, clock, HttpContext.RequestAborted),
            T["已作出评估结论。"], field => field switch
            {
                nameof(CompleteEvaluationRequest.Outcome) => nameof(EvaluationOutcome),
                nameof(CompleteEvaluationRequest.Conclusion) or "invalid-outcome" => nameof(Conclusion),
                _ => null,
            }, ct);
    }
}
