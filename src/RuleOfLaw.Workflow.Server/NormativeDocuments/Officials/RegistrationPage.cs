using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// “三统一” on a page (<c>/normative/documents/{id}/registration</c>): the justice office registers a signed document —
/// the same service as <c>POST /api/normative-documents/{id}/registration</c> (<see cref="NormativeDocuments.Registration.RegisterAsync"/>:
/// the entity's next registration number and document number, gap-free) — and the page then shows the two numbers it got;
/// then publishes it with its full text and effective day (<see cref="NormativeDocuments.Publication.PublishAsync"/>, the
/// API's <c>…/publication</c>: the validity, the expiry timers and the filings follow).
/// </summary>
public sealed class RegistrationModel(NormativeContext context, LegalityReviewOpinions reviews, DocumentProcedure procedure, CurrentActor current,
    Registration registration, Publication publication, IStringLocalizer<SharedResource> t) : DocumentActModel(context, reviews, procedure, current, t)
{
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty] public string? FullText { get; set; }

    /// <summary>Registration while the document is signed; publication once it is registered.</summary>
    protected override string StepId => Document?.Status == NormativeStatuses.Registered ? NormativeSteps.Publication : NormativeSteps.Registration;

    protected override IReadOnlyCollection<string> Stages => [NormativeStatuses.Signed, NormativeStatuses.Registered];

    public Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, actor => registration.RegisterAsync(actor, id, ct), "已统一登记、统一编号。", $"/normative/documents/{id}/registration", null, ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, actor => publication.PublishAsync(actor, id, new NormativePublicationRequest(EffectiveFrom, FullText), ct), "已统一印发并公布。",
            $"/normative/documents/{id}/registration", code => code switch
            {
                "full-text-required" => nameof(FullText),
                "effective-before-issue" => nameof(EffectiveFrom),
                _ => null,
            }, ct);
}
