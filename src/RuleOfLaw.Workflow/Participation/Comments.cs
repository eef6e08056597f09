using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>A comment as sent (online) or as typed from paper: who (individual, organization, anonymous), their name and contact, the text.</summary>
public sealed record CommentContent(string? SubmitterType, string? Name, string? Contact, string? Text);

/// <summary>The submitter of a comment as recorded: the type in lower case, blank name and contact as absent.</summary>
public sealed record Submitter(string Type, string? Name, string? Contact);

/// <summary>A comment received by letter, fax, phone or at a hearing: the channel and the local day received.</summary>
public sealed record ReceivedCommentFacts(string? Channel, DateOnly? ReceivedOn);

/// <summary>
/// What every comment must be, online or entered from paper (art. 15: the public's comments are received and
/// counted; an individual or organization speaks under its name, anyone may stay anonymous), and the period rule for
/// a comment received otherwise than online: the day received, not the day entered, must fall within the period.
/// </summary>
public static class Comments
{
    private static ParticipationTexts T => ParticipationTexts.Catalog;

    public static Submitter SubmitterOf(CommentContent comment) =>
        new(comment.SubmitterType?.Trim().ToLowerInvariant() ?? "", Clean(comment.Name), Clean(comment.Contact));

    /// <summary>
    /// The checks every comment passes: text, length, submitter type, name. Null when acceptable. A text over the limit
    /// is <c>comment-too-long</c>, too large (413) rather than invalid.
    /// </summary>
    public static Refusal? Check(CommentContent comment)
    {
        var submitter = SubmitterOf(comment);
        return string.IsNullOrWhiteSpace(comment.Text) ? T.Invalid("comment-text-required")
            : comment.Text.Length > ParticipationLimits.CommentLength
                ? T.Refuse(RefusalClass.TooLarge, "comment-too-long", null, ("limit", ParticipationLimits.CommentLength), ("length", comment.Text.Length))
            : !ParticipationTerms.SubmitterTypes.Contains(submitter.Type) ? T.Invalid("invalid-submitter-type")
            : submitter.Type is "individual" or "organization" && submitter.Name is null
                ? T.Invalid(submitter.Type == "organization" ? "submitter-name-required.organization" : "submitter-name-required.individual")
            : submitter.Name is { Length: > ParticipationLimits.NameLength } || submitter.Contact is { Length: > ParticipationLimits.NameLength }
                ? T.Invalid("field-too-long", null, ("limit", ParticipationLimits.NameLength))
            : null;
    }

    /// <summary>The channel as recorded (lower case), for an offline comment.</summary>
    public static string ChannelOf(ReceivedCommentFacts received) => received.Channel?.Trim().ToLowerInvariant() ?? "";

    /// <summary>
    /// Whether a comment received on <see cref="ReceivedCommentFacts.ReceivedOn"/> may be entered now (art. 15): a known
    /// channel, a day not after today, and within the period's local days. One received in time and entered after the
    /// close is accepted (the close's count and hash cover what was there then).
    /// </summary>
    public static Refusal? MayEnter(ConsultationFacts consultation, ReceivedCommentFacts received, DateTimeOffset now, DeadlineCalculator calendar)
    {
        if (!ParticipationTerms.OfflineChannels.Contains(ChannelOf(received)))
        {
            return T.Invalid("invalid-channel");
        }
        if (received.ReceivedOn is not { } receivedOn)
        {
            return T.Invalid("received-on-required");
        }
        if (receivedOn > calendar.LocalDay(now))
        {
            return T.Invalid("received-on-future");
        }
        var (first, last) = Consultations.Days(consultation, calendar);
        return receivedOn < first || receivedOn > last
            ? T.Invalid(receivedOn < first ? "received-before-open" : "received-after-close", Consultations.Article,
                ("receivedOn", receivedOn), ("firstDay", first), ("lastDay", last))
            : null;
    }

    /// <summary>The instant recorded for a comment received on a local day: the day's start (the hour is not known; the day is what the period rule reads).</summary>
    public static DateTimeOffset ReceivedAt(DateOnly receivedOn, TimeZoneInfo zone)
    {
        var midnight = receivedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
