using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.AfterDecision;

/// <summary>
/// The <c>publication</c> task (第三十二条): channels, date and how public and expert opinions were used (required when
/// the matter had them), through <see cref="AfterDecisionService"/> (as <c>POST /api/matters/{id}/publication</c>); then the task is completed
/// (refused without the record, <c>publication-missing</c>).
/// </summary>
public sealed class PublicationModel(
    TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t,
    AfterDecisionService service, ModuleWriter records, TimeProvider clock) : TaskPageModel(reader, db, commands, t)
{
    [BindProperty] public List<string> Channels { get; set; } = [];
    [BindProperty] public DateOnly? PublishedOn { get; set; }
    [BindProperty] public string? OpinionsUse { get; set; }

    public PublicationView? Recorded { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>Whether the use of opinions must be explained (the API's own rule, <see cref="Issuance.NeedsOpinionsUse"/>).</summary>
    public bool OpinionsUseRequired { get; private set; }

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var recorded = (await service.PublicationsAsync(Dossier.Matter.Id, ct)).Value ?? [];
        Recorded = recorded.LastOrDefault(p => p.TaskId == Task.Id);
        var loaded = await records.LoadAsync(Dossier.Matter.Id, ct);
        Today = loaded is null ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) : records.Calendar(loaded.State).LocalDay(clock.GetUtcNow());
        OpinionsUseRequired = loaded is not null && Issuance.NeedsOpinionsUse(loaded.State);
        PublishedOn ??= Today;
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
    {
        if (PublishedOn is null)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }
            ModelState.AddModelError(nameof(PublishedOn), T["请填写日期。"]);
            return Page();
        }
        var request = new DecisionPublicationRequest(Channels.Distinct().ToList(), PublishedOn.Value, string.IsNullOrWhiteSpace(OpinionsUse) ? null : OpinionsUse);
        return await ActAsync(id, request,
            () => service.PublishAsync(Dossier.Matter.Id, request, "web-publication:" + FormKey, ct),
            T["已记录公布情况。"], code => code switch
            {
                nameof(DecisionPublicationRequest.Channels) or "invalid-channels" => nameof(Channels),
                nameof(DecisionPublicationRequest.PublishedOn) or "date-in-future" or "date-too-early" => nameof(PublishedOn),
                nameof(DecisionPublicationRequest.OpinionsUse) or "opinions-use-required" => nameof(OpinionsUse),
                _ => null,
            }, ct);
    }
}
