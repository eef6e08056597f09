using System.ComponentModel.DataAnnotations;

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

/// <summary>A public comment. The text's length is checked by the handler (413 above 5000 characters).</summary>
public sealed record PublicCommentRequest(string? SubmitterType, string? Name, string? Contact, string? Text);

/// <summary>The vocabulary of the module.</summary>
public static class ParticipationTerms
{
    public static readonly IReadOnlyList<string> SubmitterTypes = ["individual", "organization", "anonymous"];
    public static readonly IReadOnlyList<string> Decisions = ["adopted", "partly-adopted", "not-adopted"];

    /// <summary>Art. 14's methods (other than the open consultation, which has its own record).</summary>
    public static readonly IReadOnlyDictionary<string, string> Methods = new Dictionary<string, string>
    {
        ["forum"] = "座谈会",
        ["hearing"] = "听证会",
        ["field-visit"] = "实地走访",
        ["written-consultation"] = "书面征求意见",
        ["questionnaire"] = "问卷调查",
        ["opinion-poll"] = "民意调查",
        ["expert-interview"] = "专家访谈",
        ["other"] = "其他方式",
    };

    public static string DecisionText(string decision) => decision switch
    {
        "adopted" => "采纳",
        "partly-adopted" => "部分采纳",
        "not-adopted" => "不予采纳",
        _ => decision,
    };
}
