using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments.Officials;

/// <summary>
/// The department's office meeting (部门办公会议) on a page (<c>/normative/documents/{id}/office-meeting</c>, Notice 37
/// “严格落实集体审议制度”): the meeting's date, who attended and whether the document was adopted, recorded by the
/// department head — the same service as <c>POST /api/normative-documents/{id}/deliberation</c>
/// (<see cref="NormativeDocuments.Deliberation.RecordAsync"/>), with its gates: not reviewed, found unlawful, a linked
/// major decision not complete (409). A government document goes to the executive meeting (the meetings module) instead.
/// </summary>
public sealed class OfficeMeetingModel(NormativeContext context, LegalityReviewOpinions reviews, DocumentProcedure procedure, CurrentActor current,
    Deliberation deliberation, IStringLocalizer<SharedResource> t) : DocumentActModel(context, reviews, procedure, current, t)
{
    [BindProperty] public DateOnly? MeetingDate { get; set; }
    [BindProperty] public string? Attendees { get; set; }

    /// <summary><c>adopted</c> or <c>not-adopted</c> (the step's outcomes).</summary>
    [BindProperty] public string? Decision { get; set; }

    protected override string StepId => NormativeSteps.OfficeMeeting;

    protected override IReadOnlyCollection<string> Stages => [NormativeStatuses.Reviewed];

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        // The API's request always states the conclusion; on the form it is a choice that may be left unmade (nothing is then recorded).
        var decided = Decision is "adopted" or "not-adopted";
        var request = new DeliberationRequest(MeetingDate, Decision == "adopted", string.IsNullOrWhiteSpace(Attendees) ? null : Attendees.Trim());
        return ActAsync(id, actor =>
            {
                if (DeliberationRules.CheckRecord(MeetingDate, Attendees, decided) is { } incomplete)
                {
                    throw new NormativeRefusedException(incomplete);
                }
                return deliberation.RecordAsync(actor, id, request, ct);
            }, decided && request.Adopted ? "办公会议审议通过，已记录。" : "办公会议审议结果已记录。", $"/normative/documents/{id}",
            code => code == "deliberation-record-incomplete" ? "Record" : null, ct);
    }
}
