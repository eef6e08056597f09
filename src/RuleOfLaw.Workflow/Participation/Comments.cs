using RuleOfLaw.Workflow.Engine.Calendar;

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
    public static Submitter SubmitterOf(CommentContent comment) =>
        new(comment.SubmitterType?.Trim().ToLowerInvariant() ?? "", Clean(comment.Name), Clean(comment.Contact));

    /// <summary>The checks every comment passes: text, length, submitter type, name. Null when acceptable.</summary>
    public static ParticipationRefusal? Check(CommentContent comment)
    {
        var submitter = SubmitterOf(comment);
        if (string.IsNullOrWhiteSpace(comment.Text))
        {
            return ParticipationRefusal.Invalid("comment-text-required", "请填写意见内容。The comment text is required.");
        }
        if (comment.Text.Length > ParticipationLimits.CommentLength)
        {
            return new ParticipationRefusal("comment-too-long",
                $"每条意见不得超过{ParticipationLimits.CommentLength}个字符（本条{comment.Text.Length}个）；较长的意见请分条提交。" +
                $"A comment may have at most {ParticipationLimits.CommentLength} characters (this one has {comment.Text.Length}).", null, RefusalKind.TooLarge);
        }
        if (!ParticipationTerms.SubmitterTypes.Contains(submitter.Type))
        {
            return ParticipationRefusal.Invalid("invalid-submitter-type",
                "submitterType 应为 individual、organization 或 anonymous。submitterType must be individual, organization or anonymous.");
        }
        if (submitter.Type is "individual" or "organization" && submitter.Name is null)
        {
            return ParticipationRefusal.Invalid("submitter-name-required", submitter.Type == "organization"
                ? "以组织名义提出意见的，应当填写组织名称。An organization must give its name."
                : "以个人名义提出意见的，应当填写姓名；不愿署名的请选择匿名。An individual gives a name; choose anonymous otherwise.");
        }
        if (submitter.Name is { Length: > ParticipationLimits.NameLength } || submitter.Contact is { Length: > ParticipationLimits.NameLength })
        {
            return ParticipationRefusal.Invalid("field-too-long", "姓名（名称）和联系方式各不得超过200个字符。Name and contact are limited to 200 characters each.");
        }
        return null;
    }

    /// <summary>The channel as recorded (lower case), for an offline comment.</summary>
    public static string ChannelOf(ReceivedCommentFacts received) => received.Channel?.Trim().ToLowerInvariant() ?? "";

    /// <summary>
    /// Whether a comment received on <see cref="ReceivedCommentFacts.ReceivedOn"/> may be entered now (art. 15): a known
    /// channel, a day not after today, and within the period's local days. One received in time and entered after the
    /// close is accepted (the close's count and hash cover what was there then).
    /// </summary>
    public static ParticipationRefusal? MayEnter(ConsultationFacts consultation, ReceivedCommentFacts received, DateTimeOffset now, DeadlineCalculator calendar)
    {
        if (!ParticipationTerms.OfflineChannels.Contains(ChannelOf(received)))
        {
            return ParticipationRefusal.Invalid("invalid-channel", "channel 应为 letter、fax、phone 或 hearing。channel must be letter, fax, phone or hearing.");
        }
        if (received.ReceivedOn is not { } receivedOn)
        {
            return ParticipationRefusal.Invalid("received-on-required", "请填写收到日期。The day received is required.");
        }
        if (receivedOn > calendar.LocalDay(now))
        {
            return ParticipationRefusal.Invalid("received-on-future", "收到日期不能晚于今天。The day received cannot be after today.");
        }
        var (first, last) = Consultations.Days(consultation, calendar);
        return receivedOn < first || receivedOn > last
            ? ParticipationRefusal.Invalid(receivedOn < first ? "received-before-open" : "received-after-close",
                $"该意见于{receivedOn:yyyy-MM-dd}收到，不在征求意见期间（{first:yyyy-MM-dd}至{last:yyyy-MM-dd}）内，不予登记。" +
                $"Received on {receivedOn:yyyy-MM-dd}, outside the consultation period {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; it is not entered.",
                Consultations.Article)
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
