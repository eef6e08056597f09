using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>An administrator's request to put an entity on a government's list.</summary>
public sealed record AddIssuerRequest(string? GovernmentId, string? OrganizationId, string? Name, string? Code, string? Kind, string? DocumentNumberPrefix);

public sealed record IssuerView(Guid Id, string GovernmentId, string OrganizationId, string Name, string Code, string Kind, string DocumentNumberPrefix, bool Listed)
{
    public static IssuerView From(NormativeIssuer i) => new(i.Id, i.GovernmentId, i.OrganizationId, i.Name, i.Code, i.Kind, i.DocumentNumberPrefix, i.Listed);
}

/// <summary>The drafting unit opens a document (shared/domain "Drafting").</summary>
public sealed record DraftRequest(
    Guid IssuerId, string? Kind, string? Title, bool Provisional, int ValidityYears, bool AffectsMarketActors, bool MajorDecision,
    Guid? MajorDecisionMatterId, IReadOnlyList<string>? LegalBases, bool PublicConsultation = false);

/// <summary>The justice office's legality review opinion with the content checklist.</summary>
public sealed record ReviewOpinionRequest(string? Conclusion, IReadOnlyList<ChecklistAnswer>? Checklist, string? Opinion);

/// <summary>The collective deliberation's record: the meeting, its date and whether the document was adopted.</summary>
public sealed record DeliberationRequest(DateOnly? MeetingDate, bool Adopted, string? Attendees);

/// <summary>Publication on the portal: the effective date and the full text.</summary>
public sealed record NormativePublicationRequest(DateOnly? EffectiveFrom, string? FullText);

/// <summary>The issuer's decision when reminded before expiry.</summary>
public sealed record ExpiryDecisionRequest(string? Decision, string? Note);

public sealed record NormativeDocumentView(
    Guid Id, Guid IssuerId, string GovernmentId, string Kind, string Title, bool Provisional, int ValidityYears, bool AffectsMarketActors,
    bool MajorDecision, IReadOnlyList<string> LegalBases, string Status, string? ReviewConclusion, DateOnly? SubmittedForReviewOn,
    DateOnly? ReviewEarliestOn, DateOnly? ReviewLatestOn, bool ReviewOverdue, string? RegistrationNumber, string? DocumentNumber,
    int? RegistrationYear, int? RegistrationSequence, DateOnly? IssuedOn, DateTimeOffset? PublishedAt, DateOnly? EffectiveFrom,
    DateOnly? LastDayInForce, DateOnly? LapsesOn, DateOnly? ReminderOn, string? ExpiryDecision, DateOnly? EndedOn, string DeliberationMeeting)
{
    public static NormativeDocumentView From(NormativeDocument d, ReviewWindow? window = null, DateOnly? today = null) => new(
        d.Id, d.IssuerId, d.GovernmentId, d.Kind, d.Title, d.Provisional, d.ValidityYears, d.AffectsMarketActors, d.MajorDecision,
        d.LegalBases.Split('\n', StringSplitOptions.RemoveEmptyEntries), d.Status, d.ReviewConclusion, d.SubmittedForReviewOn,
        window?.Earliest.LastDay, window?.Latest.LastDay,
        window is not null && today is { } t && d.Status == NormativeStatuses.InReview && LegalityReviewRules.IsOverdue(window, t),
        d.RegistrationNumber, d.DocumentNumber, d.RegistrationYear, d.RegistrationSequence, d.IssuedOn, d.PublishedAt, d.EffectiveFrom,
        d.LastDayInForce, d.LapsesOn, d.ReminderOn, d.ExpiryDecision, d.EndedOn, DeliberationMeetings.For(d.Kind));
}

/// <summary>What the portal shows of a published document.</summary>
public sealed record PublicNormativeDocumentView(
    Guid Id, string Title, string Issuer, string Kind, string RegistrationNumber, string DocumentNumber, DateOnly IssuedOn,
    DateTimeOffset PublishedAt, DateOnly EffectiveFrom, DateOnly LastDayInForce, string Status, bool InForce, string? FullText);

/// <summary>
/// One row of a document's history: <see cref="Type"/> is the event's code; <see cref="Note"/> is its note as the
/// reader reads it (<see cref="RuleOfLaw.Workflow.NormativeDocuments.HistoryNotes"/>: the codes and the module's fixed
/// phrases in the reader's language, what people wrote as written); <see cref="StoredNote"/> is the note as stored, codes
/// and all, for scripts (the API sends it; the document page needs only <see cref="Note"/>).
/// </summary>
public sealed record NormativeEventView(string Type, DateTimeOffset At, string Actor, string? Note, string? StoredNote = null);
