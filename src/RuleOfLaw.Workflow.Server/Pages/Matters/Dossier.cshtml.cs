using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Matters;

/// <summary>
/// The matter's dossier: where it stands, the diagram, every step with its deadline, the open tasks, the compliance
/// report and the journal. Starting the procedure goes through <see cref="ProcedureStart"/> (the API's service).
/// </summary>
public sealed class DossierModel(CurrentActor current, DossierReader reader, ProcedureStart start, StepPages stepPages,
    ProcedureControl control) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;
    public ProcedureDiagram Diagram { get; private set; } = null!;
    public StepPages StepPages => stepPages;
    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var outcome = await start.StartAsync(id, null, actor, ct);
        if (outcome.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        if (outcome.Succeeded)
        {
            Notice = Ui.Pick("决策程序已启动。", "The procedure has been started.");
            return Redirect($"/matters/{id}");
        }
        Error = string.Join(" ", outcome.Refusals.Select(RefusalForms.Text));
        await LoadAsync(id, ct);
        return this.Refused(outcome.Status);
    }

    [BindProperty] public string? ControlReason { get; set; }
    [BindProperty] public string ControlKey { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Whether this user may cancel, suspend or resume the procedure (the API's <see cref="MatterAccess.CanControl"/>).</summary>
    public bool CanControl => MatterAccess.CanControl(Dossier.Matter, Dossier.Actor);

    /// <summary>Cancel, suspend (中止, art. 37) or resume, through the API's service (<see cref="ProcedureControl"/>); a reason is required for the first two.</summary>
    public async Task<IActionResult> OnPostControlAsync(Guid id, string operation, CancellationToken ct)
    {
        WorkflowCommand? command = operation switch
        {
            "cancel" => new WorkflowCommand.Cancel(ControlReason?.Trim() ?? ""),
            "suspend" => new WorkflowCommand.Suspend(ControlReason?.Trim() ?? ""),
            "resume" => new WorkflowCommand.Resume(string.IsNullOrWhiteSpace(ControlReason) ? null : ControlReason.Trim()),
            _ => null,
        };
        if (command is null || !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var body = new ReasonRequest(ControlReason);
        Func<string, string?> field = f => f is "reason-required" or nameof(ReasonRequest.Reason) ? nameof(ControlReason) : null;
        var status = StatusCodes.Status400BadRequest;
        if (!ModelState.ShowRequestErrors(body, field))
        {
            var outcome = await control.ControlAsync(id, operation, command, body, $"web-{operation}:{ControlKey}", Dossier.Actor, ct);
            if (outcome.Succeeded)
            {
                Notice = operation switch
                {
                    "cancel" => Ui.Pick("决策程序已终止。", "The procedure has been cancelled."),
                    "suspend" => Ui.Pick("决策程序已中止。", "The procedure has been suspended."),
                    _ => Ui.Pick("决策程序已恢复。", "The procedure has been resumed."),
                };
                return Redirect($"/matters/{id}");
            }
            ModelState.ShowRefusals(outcome.Refusals, field);
            status = outcome.Status;
        }
        await LoadAsync(id, ct);
        return this.Refused(status);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var dossier = await reader.ReadAsync(id, await current.GetAsync(ct), ct);
        if (dossier is null)
        {
            return false;
        }
        Dossier = dossier;
        Diagram = ProcedureDiagram.Build(dossier.Definition, dossier.State, dossier.BlockedReasons);
        return true;
    }

    /// <summary>The step's latest task (its due time and who did it).</summary>
    public WorkTask? LastTask(string stepId) => Dossier.State?.Tasks.LastOrDefault(t => t.StepId == stepId && t.PartyId is null);
}
