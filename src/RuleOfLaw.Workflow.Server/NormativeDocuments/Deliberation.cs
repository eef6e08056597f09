using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// Collective deliberation (集体审议: the government's executive meeting or the department's office meeting) and the
/// head's signature. Deliberation is refused for a document not reviewed or found unlawful (Notice 37).
/// </summary>
public sealed class Deliberation(NormativeContext context, DocumentProcedure procedure)
{
    /// <summary>
    /// Who records the meeting: a government document's executive meeting is the general office's secretary; a
    /// department's office meeting is the department head's.
    /// </summary>
    public async Task<NormativeDocument> RecordAsync(Actor actor, Guid id, DeliberationRequest request, CancellationToken ct)
    {
        var outcome = request.Adopted ? "adopted" : "not-adopted";
        if (await procedure.AnsweredAsync(id, NormativeSteps.OfficeMeeting, NormativeCommands.Deliberation, outcome, request, actor, ct))
        {
            return await context.DocumentAsync(id, ct);
        }
        var document = await context.DocumentAsync(id, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        if (document.Kind == NormativeDocumentKinds.Government)
        {
            var offices = await context.Db.Organizations.AsNoTracking()
                .Where(o => o.ParentId == document.GovernmentId && o.Kind == OrganizationScopes.GeneralOffice).Select(o => o.Id).ToListAsync(ct);
            NormativeContext.Require(actor, offices, [Roles.MeetingSecretary], "政府办公室的会议秘书 / the general office's meeting secretary", NormativeArticles.Notice37);
        }
        else
        {
            NormativeContext.Require(actor, [issuer.OrganizationId], [Roles.DraftingHead], $"{issuer.Name}负责人 / the department head", NormativeArticles.Notice37);
        }
        CheckDeliberable(document);
        var complete = document.MajorDecision
            && await NormativeCompliance.MajorDecisionAsync(context.Db, document, ct) == MajorDecisionRunStatus.Adopted;
        var conclusion = document.Status == NormativeStatuses.Reviewed ? document.ReviewConclusion : null;
        if (DeliberationRules.CheckCanDeliberate(conclusion, document.MajorDecision, complete) is { } refusal)
        {
            throw new NormativeRefusedException(refusal);
        }
        var loaded = await procedure.LoadAsync(document.Id, ct);
        var runs = loaded is not null;
        var recordedByHead = loaded?.Definition.Steps.Any(s => s.Id == NormativeSteps.OfficeMeeting) != false;
        if (DeliberationRules.CheckOfficeMeeting(document.Kind, runs, recordedByHead) is { } executiveMeeting)
        {
            throw new NormativeRefusedException(executiveMeeting);
        }
        // The rule refuses a record without its date, so a date is there whenever it passes.
        var incomplete = DeliberationRules.CheckRecord(request.MeetingDate, request.Attendees, decided: true);
        if (incomplete is not null || request.MeetingDate is not { } meetingDate)
        {
            throw new NormativeRefusedException(incomplete!);
        }
        var meeting = DeliberationMeetings.For(document.Kind);
        var record = $"{meeting} {NormativeProblems.Day(meetingDate)}；出席：{request.Attendees}";
        await procedure.CheckAsync(document.Id, NormativeSteps.OfficeMeeting, outcome, record, NormativeCommands.Deliberation, actor, ct);
        var deliberatedAt = context.Clock.GetUtcNow();
        await procedure.ActAsync(id, new NormativeAct(NormativeSteps.OfficeMeeting, NormativeCommands.Deliberation, outcome, record,
            new { meetingDate = request.MeetingDate, attendees = request.Attendees, adopted = request.Adopted }, request), actor, async c =>
        {
            var stored = await context.DocumentAsync(id, c);
            CheckDeliberable(stored);
            stored.DeliberatedAt = deliberatedAt;
            // Not adopted: back to drafting; the revised document is reviewed again before it returns to a meeting.
            stored.Status = request.Adopted ? NormativeStatuses.Deliberated : NormativeStatuses.Drafting;
            if (!request.Adopted && runs)
            {
                stored.ReviewConclusion = null;
            }
            context.Event(id, request.Adopted ? "deliberated" : "not-adopted", actor.Id, record);
        }, ct);
        return await context.DocumentAsync(id, ct);
    }

    private static void CheckDeliberable(NormativeDocument document)
    {
        if (document.Status is not (NormativeStatuses.Drafting or NormativeStatuses.InReview or NormativeStatuses.Reviewed))
        {
            throw NormativeRefusedException.WrongStage("提交集体审议 / deliberated", document.Status, NormativeArticles.Notice37);
        }
    }

    /// <summary>The head of the issuing organ signs (签发): the department head, or the government's chief executive.</summary>
    public async Task<NormativeDocument> SignAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var document = await context.DocumentAsync(id, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        NormativeContext.Require(actor, SignerOrganizations(document, issuer.OrganizationId), SignerRoles,
            "制定机关负责人 / the issuing organ's head", NormativeArticles.UniformRegistration);
        if (document.Status != NormativeStatuses.Deliberated)
        {
            throw NormativeRefusedException.WrongStage("签发 / signed", document.Status, NormativeArticles.NoDeliberationWithoutReview);
        }
        document.SignedAt = context.Clock.GetUtcNow();
        document.Status = NormativeStatuses.Signed;
        context.Event(document.Id, "signed", actor.Id);
        await context.Db.SaveChangesAsync(ct);
        return document;
    }

    private static readonly string[] SignerRoles = [Roles.DraftingHead, Roles.ChiefExecutive];

    private static string[] SignerOrganizations(NormativeDocument document, string issuerOrganizationId) => [issuerOrganizationId, document.GovernmentId];

    /// <summary>
    /// Whether <paramref name="actor"/> may sign the adopted <paramref name="document"/> now: the rule <see cref="SignAsync"/>
    /// applies (the issuing organ's head: the issuer's drafting head or the government's chief executive), for the pages
    /// that offer the signature.
    /// </summary>
    public static bool MaySign(Actor actor, NormativeDocument document, string issuerOrganizationId)
    {
        var organizations = SignerOrganizations(document, issuerOrganizationId);
        return document.Status == NormativeStatuses.Deliberated
            && actor.Memberships.Any(m => organizations.Contains(m.OrganizationId, StringComparer.Ordinal) && SignerRoles.Contains(m.Role, StringComparer.Ordinal));
    }
}
