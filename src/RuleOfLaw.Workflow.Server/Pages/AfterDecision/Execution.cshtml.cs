using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The execution step (第三十四条至第三十七条): what <c>GET /api/matters/{id}/execution</c> shows (reports, suspension,
/// the public's objections), progress and problem reports through <see cref="ExecutionService.ReportAsync"/>, then the task.
/// </summary>
public sealed class ExecutionModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ExecutionService service)
    : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Text { get; set; }

    public ExecutionView? Execution { get; private set; }

    protected override async Task LoadStepAsync(CancellationToken ct) =>
        Execution = (await service.GetAsync(Dossier.Matter.Id, ct, "page")).Value;

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct)
    {
        var request = new ExecutionReportRequest(Kind ?? "", Text ?? "");
        return await ActAsync(id, request,
            () => service.ReportAsync(Dossier.Matter.Id, request, "web-execution:" + FormKey, HttpContext.RequestAborted),
            T["已记录执行情况报告。"], field => field switch
            {
                nameof(ExecutionReportRequest.Kind) => nameof(Kind),
                nameof(ExecutionReportRequest.Text) or "invalid-report" => nameof(Text),
                _ => null,
            }, ct);
    }
}
