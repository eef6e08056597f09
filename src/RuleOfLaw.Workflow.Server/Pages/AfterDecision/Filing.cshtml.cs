using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The filing step (第四十三条): every recipient of the jurisdiction with its own deadline after issuance, filed or
/// not, on time or late; recording a filing goes through <see cref="AfterDecisionService.FileAsync"/> (the API's
/// <c>POST /api/matters/{id}/filings</c>); then the task is completed (its guard refuses while a recipient is missing).
/// </summary>
public sealed class FilingModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    ModuleWriter records, AfterDecisionService service, TimeProvider clock)
    : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public string? RecipientId { get; set; }
    [BindProperty] public DateOnly? SubmittedOn { get; set; }
    [BindProperty] public string? ReceiptNumber { get; set; }
    [BindProperty] public DateOnly? ReceivedOn { get; set; }

    public IReadOnlyList<FilingView> Filings { get; private set; } = [];

    /// <summary>The receipt may come after the step is done: the filing officer records it while holding the task's role (the API's rule).</summary>
    public bool MayRecordReceipt => Dossier.Actor.Holds(Task.Role, Task.OrganizationId);

    protected override string? CannotActOnStep => MayRecordReceipt ? null : CannotAct;

    public async Task<IActionResult> OnPostReceiptAsync(Guid id, CancellationToken ct)
    {
        if (ReceivedOn is null)
        {
            ModelState.AddModelError(nameof(ReceivedOn), T["请填写接收日期。"]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var request = new ReceiptRequest(ReceiptNumber?.Trim() ?? "", ReceivedOn.Value);
        return await ActAsync(id, request,
            () => service.RecordReceiptAsync(Dossier.Matter.Id, RecipientId ?? "", request, "web-receipt:" + FormKey, HttpContext.RequestAborted),
            T["已记录备案回执。"], field => field switch
            {
                nameof(ReceiptRequest.ReceiptNumber) => nameof(ReceiptNumber),
                "invalid-date" => nameof(ReceivedOn),
                _ => null,
            }, ct);
    }

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var loaded = await records.LoadAsync(Dossier.Matter.Id, ct);
        Filings = loaded is null ? [] : await FilingPlan.ViewAsync(records, loaded, clock.GetUtcNow(), ct);
    }

    public async Task<IActionResult> OnPostFileAsync(Guid id, CancellationToken ct)
    {
        if (SubmittedOn is null)
        {
            // The API cannot receive a filing without its date either (the JSON has no default for it).
            ModelState.AddModelError(nameof(SubmittedOn), T["请填写报送日期。"]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var request = new FilingRequest(RecipientId ?? "", SubmittedOn.Value, string.IsNullOrWhiteSpace(ReceiptNumber) ? null : ReceiptNumber.Trim(), ReceivedOn);
        return await ActAsync(id, request,
            () => service.FileAsync(Dossier.Matter.Id, request, "web-filing:" + FormKey, HttpContext.RequestAborted),
            T["已记录备案报送。"], field => field switch
            {
                nameof(FilingRequest.RecipientId) or "unknown-recipient" or "already-filed" => nameof(RecipientId),
                "date-in-future" or "date-too-early" => nameof(SubmittedOn),
                nameof(FilingRequest.ReceiptNumber) => nameof(ReceiptNumber),
                _ => null,
            }, ct);
    }
}
