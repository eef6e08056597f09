using System.ComponentModel.DataAnnotations;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Publishing an open consultation (art. 15). Without <c>ClosesAt</c> the period is the jurisdiction's minimum; an
/// earlier end needs the matter's <c>urgent</c> attribute and the reason, stated now (at publication).
/// </summary>
public sealed record PublishConsultationRequest(
    [property: Required, MaxLength(200)] string Title,
    [property: Required, MaxLength(ParticipationLimits.DraftLength)] string DraftText,
    [property: Required, MaxLength(ParticipationLimits.DraftLength)] string Explanation,
    [property: MaxLength(100)] List<Guid>? DocumentVersionIds,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    [property: MaxLength(ParticipationLimits.ReasonLength)] string? UrgencyReason);

public sealed record ExtendConsultationRequest(
    [property: Required] DateTimeOffset? ClosesAt,
    [property: Required, MaxLength(ParticipationLimits.ReasonLength)] string Reason);

public sealed record HideCommentRequest([property: Required, MaxLength(ParticipationLimits.ReasonLength)] string Reason);

/// <summary>A response to one comment (<c>CommentId</c>) or to a group of identical comments (<c>GroupKey</c>).</summary>
public sealed record RespondRequest(
    Guid? CommentId,
    [property: MaxLength(64)] string? GroupKey,
    [property: Required, MaxLength(20)] string Decision,
    [property: MaxLength(ParticipationLimits.ReasonLength)] string? Reason);

public sealed record PublishFeedbackRequest([property: Required, MaxLength(ParticipationLimits.SummaryLength)] string Summary);

public sealed record RecordActivityRequest(
    [property: Required, MaxLength(64)] string Method,
    [property: Required] DateOnly? HeldOn,
    [property: Required, MaxLength(ParticipationLimits.SummaryLength)] string Summary,
    [property: Range(0, 10_000_000)] int? ParticipantCount,
    bool SpecificGroup,
    [property: MaxLength(200)] string? GroupName);

/// <summary>A public comment. The text's length is checked by the rules (413 above 5000 characters, <see cref="Comments.Check"/>).</summary>
public sealed record PublicCommentRequest(string? SubmitterType, string? Name, string? Contact, string? Text)
{
    public CommentContent ToContent() => new(SubmitterType, Name, Contact, Text);
}
