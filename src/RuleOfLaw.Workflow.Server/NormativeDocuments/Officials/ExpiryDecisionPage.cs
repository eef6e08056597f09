using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The issuer's decision before expiry on a page (<c>/normative/documents/{id}/expiry-decision</c>, “有效期届满前……评估”):
/// the issuer's head, reminded by mail at the configured time before the lapse day, decides to continue (re-issue
/// through the procedure), amend or let the document lapse — the same service as
/// <c>POST /api/normative-documents/{id}/expiry-decision</c> (<see cref="ExpiryEvaluation.DecideAsync"/>). The decision is
/// outside the procedure's instance (which ended with the filing review): the page is open to the issuer's head while
/// the published document is still in force. No decision: 422 at the field; after the last day in force: 409.
/// </summary>
public sealed class ExpiryDecisionModel(NormativeContext context, LegalityReviewOpinions reviews, DocumentProcedure procedure, CurrentActor current,
    ExpiryEvaluation evaluation, IStringLocalizer<SharedResource> t) : DocumentActModel(context, reviews, procedure, current, t)
{
    /// <summary><c>continue</c>, <c>amend</c> or <c>lapse</c> (<see cref="ExpiryDecisions"/>).</summary>
    [BindProperty] public string? Decision { get; set; }

    [BindProperty] public string? Note { get; set; }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, actor => evaluation.DecideAsync(actor, id, new ExpiryDecisionRequest(Decision, Note), ct), "到期评估决定已记录。",
            $"/normative/documents/{id}/expiry-decision", code => code is "expiry-decision-required" or "expiry-decision-unknown" ? nameof(Decision) : null, ct);

    /// <summary>The issuer's head, while the published document is in force (on its last day at the latest).</summary>
    protected override async Task<bool> MayActAsync(NormativeDocument document, Actor actor, CancellationToken ct)
    {
        if (document.Status != NormativeStatuses.Published || document.LastDayInForce is not { } last)
        {
            return false;
        }
        var issuer = await Context.IssuerAsync(document.IssuerId, ct);
        return IssuerHead.Is(actor.Memberships, issuer.OrganizationId) && Context.Today(await Context.SettingsAsync(document.GovernmentId, ct)) <= last;
    }
}
