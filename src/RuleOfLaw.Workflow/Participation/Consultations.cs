using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>What the rules need to know of an open consultation (公开征求意见).</summary>
/// <param name="SealedAt">When the close sealed it (no comment is written after the seal).</param>
/// <param name="ProvisionalYear">
/// Set while the minimum period ends in a year without a holiday calendar (issue 16 item 6): <c>ClosesAt</c> is then
/// only the earliest possible end; the consultation stays open past it and cannot be closed until the year's calendar
/// makes the end final.
/// </param>
public sealed record ConsultationFacts(
    string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? SealedAt = null, DateTimeOffset? ClosedAt = null,
    DateTimeOffset? FeedbackPublishedAt = null, int? ProvisionalYear = null)
{
    /// <summary>Whether the period is over at <paramref name="now"/>: never while the end is provisional.</summary>
    public bool Ended(DateTimeOffset now) => now >= ClosesAt && ProvisionalYear is null;
}

/// <summary>The engine's verdict on a consultation's closing moment against the definition's period rule, and the period in words.</summary>
public sealed record ConsultationPeriodVerdict(RequestedDateCheck Check, string Period);

/// <summary>The period a consultation is published with (art. 15).</summary>
/// <param name="ProvisionalYear">The year whose missing calendar makes the end provisional (the earliest it can be); null when final.</param>
public sealed record ConsultationPeriod(
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? MinimumClosesAt, string? MinimumRule, bool Shortened, string? UrgencyReason,
    int? ProvisionalYear = null);

/// <summary>
/// The open consultation's rules (《重大行政决策程序暂行条例》第十五条): when it is open, what period it may be published
/// with, when it may be extended and closed. Times are kept to the millisecond (<see cref="Instant"/>); the end is
/// exclusive: a consultation closing at <c>ClosesAt</c> is open at one tick before it and ended at it.
/// </summary>
public static class Consultations
{
    public const string Article = "第十五条";

    /// <summary>The close refused while the end waits for a year's holiday calendar (issue 16 item 6).</summary>
    public const string ProvisionalRefusal = "consultation-period-provisional";

    /// <summary>The instant as stored and compared: to the millisecond (a tick before the end is received as the end's last millisecond).</summary>
    public static DateTimeOffset Instant(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());

    /// <summary>
    /// scheduled (not yet open), open, ended (period over or sealed, close not yet recorded), closed. A provisional end
    /// (waiting for next year's holiday calendar) keeps it open past that end.
    /// </summary>
    public static string Status(ConsultationFacts c, DateTimeOffset now) =>
        c.ClosedAt is not null ? "closed"
        : now < c.OpensAt ? "scheduled"
        : !c.Ended(now) && c.SealedAt is null ? "open"
        : "ended";

    /// <summary>
    /// Whether a comment received at <paramref name="now"/> is accepted (art. 15): only while OpensAt ≤ now &lt; ClosesAt
    /// and the consultation is not sealed. Null when accepted.
    /// </summary>
    public static ParticipationRefusal? AcceptComment(ConsultationFacts c, DateTimeOffset now) =>
        now < c.OpensAt
            ? ParticipationRefusal.Conflict("consultation-not-open",
                $"征求意见尚未开始（{c.OpensAt:O}开始）。The consultation opens at {c.OpensAt:O}.", Article)
            : c.Ended(now) || c.SealedAt is not null || c.ClosedAt is not null
                ? ParticipationRefusal.Conflict("consultation-closed",
                    $"征求意见期限已于{c.ClosesAt:O}届满，不再接收意见。The consultation closed at {c.ClosesAt:O}; no comment is accepted after it.", Article)
                : null;

    /// <summary>A matter has one running consultation at a time: a new one waits until the previous one is closed.</summary>
    public static ParticipationRefusal? MayPublish(IEnumerable<ConsultationFacts> previous) =>
        previous.FirstOrDefault(c => c.ClosedAt is null) is { } running
            ? ParticipationRefusal.Conflict("consultation-already-open",
                $"本事项已有未结束的公开征求意见（{running.Title}），结束后才能再次发布。A consultation of this matter is still running.", Article)
            : null;

    /// <summary>
    /// The period of a consultation published at <paramref name="now"/> (art. 15). It opens now or later (never
    /// back-dated); it closes at <paramref name="requestedClose"/>, or at the end of the definition's minimum when none is
    /// asked; a close before that minimum is allowed only where the definition waives it (an urgent matter), with the
    /// reason stated now. <paramref name="judge"/> is the engine's check of a closing moment (null close: only the
    /// minimum) against the definition's rule, null when the procedure has none.
    /// </summary>
    public static (ConsultationPeriod? Period, ParticipationRefusal? Refusal) Period(
        DateTimeOffset now, DateTimeOffset? requestedOpen, DateTimeOffset? requestedClose, string? urgencyReason,
        Func<DateTimeOffset, DateTimeOffset?, string?, ConsultationPeriodVerdict?> judge)
    {
        now = Instant(now);
        var opensAt = requestedOpen is { } o ? Instant(o.ToUniversalTime()) : now;
        if (opensAt < now)
        {
            return (null, ParticipationRefusal.Invalid("opens-in-past", "开始时间不能早于发布时间（不得倒签）。The consultation cannot open before it is published.", Article));
        }
        var reason = string.IsNullOrWhiteSpace(urgencyReason) ? null : urgencyReason.Trim();
        var rule = judge(opensAt, null, null);
        if (rule?.Check.Refusals is [var counting, ..])
        {
            // The minimum could not be counted (a calendar year missing, a setting absent): the engine's own refusal.
            return (null, ParticipationRefusal.Invalid(counting.Code, counting.Message, counting.Article ?? Article));
        }
        var minimum = rule?.Check.Minimum;
        if ((requestedClose ?? minimum?.EndsAtUtc) is not { } end)
        {
            return (null, ParticipationRefusal.Invalid("invalid-period",
                "本程序的定义没有规定公开征求意见的最短期限，须写明截止时间。The procedure's definition sets no minimum period; give the closing moment."));
        }
        var closesAt = Instant(end.ToUniversalTime());
        if (closesAt <= opensAt)
        {
            return (null, ParticipationRefusal.Invalid("invalid-period", "截止时间必须晚于开始时间。The consultation must close after it opens."));
        }
        if (judge(opensAt, closesAt, reason)?.Check.Refusals.FirstOrDefault() is { } refusal)
        {
            return (null, refusal.Code switch
            {
                RequestedDateCheck.TooEarly => ParticipationRefusal.Invalid("consultation-period-too-short",
                    $"公开征求意见的期限不得少于{rule!.Period}（本次应至{minimum!.LastDay:yyyy-MM-dd}届满：{rule.Check.Rule}）；只有情况紧急的事项才能缩短。" +
                    $"The period must be at least {rule.Period} (until the end of {minimum.LastDay:yyyy-MM-dd}); only an urgent matter may shorten it.",
                    refusal.Article ?? Article),
                RequestedDateCheck.ReasonRequired => ParticipationRefusal.Invalid("urgency-reason-required",
                    $"因情况紧急缩短公开征求意见期限（少于{rule!.Period}）的，应当在公开征求意见时说明理由。A shortened period needs the reason stated at publication.",
                    refusal.Article ?? Article),
                _ => ParticipationRefusal.Invalid(refusal.Code, refusal.Message, refusal.Article ?? Article),
            });
        }
        var shortened = minimum is not null && closesAt < minimum.EndsAtUtc;
        // A minimum ending in a year without a calendar (the judge counted its earliest end): the period is provisional
        // unless the matter is urgent and was shortened below even that earliest end.
        var provisional = minimum is { ProvisionalYear: { } missing } && !shortened ? missing : (int?)null;
        return (new ConsultationPeriod(opensAt, closesAt, minimum?.EndsAtUtc, rule?.Check.Rule, shortened, shortened ? reason : null, provisional), null);
    }

    /// <summary>
    /// A running period may be extended to a later end, with a reason; once it has ended (at <c>ClosesAt</c> exactly, or
    /// sealed or closed) it cannot be: a new consultation is published instead.
    /// </summary>
    public static ParticipationRefusal? MayExtend(ConsultationFacts c, DateTimeOffset now, DateTimeOffset newEnd, string? reason)
    {
        if (c.SealedAt is not null || c.ClosedAt is not null || c.Ended(Instant(now)))
        {
            return ParticipationRefusal.Conflict("consultation-ended",
                "征求意见期限已届满，不能再延长；如需继续听取意见，请重新发布公开征求意见。The period has ended and cannot be extended; publish a new consultation instead.", Article);
        }
        if (Instant(newEnd.ToUniversalTime()) <= c.ClosesAt)
        {
            return ParticipationRefusal.Invalid("extension-not-later", $"延长后的截止时间必须晚于原截止时间（{c.ClosesAt:O}）。The new end must be later than the current one.");
        }
        return string.IsNullOrWhiteSpace(reason)
            ? ParticipationRefusal.Invalid("reason-required", "延长期限必须写明理由。An extension needs a reason.", Article)
            : null;
    }

    /// <summary>A consultation is closed only once its period has ended: the published period cannot be cut short.</summary>
    public static ParticipationRefusal? MayClose(ConsultationFacts c, DateTimeOffset now) =>
        c.ProvisionalYear is { } year
            ? ParticipationRefusal.Conflict(ProvisionalRefusal,
                $"征求意见期限至少至{c.ClosesAt:O}，最终期限待{year}年节假日日历加载后确定，确定前不能结束（不得缩短期限）。" +
                $"The period runs at least until {c.ClosesAt:O} and becomes final when the {year} holiday calendar is loaded; it cannot be closed before.", Article)
        : Instant(now) < c.ClosesAt
            ? ParticipationRefusal.Conflict("consultation-still-open",
                $"征求意见期限至{c.ClosesAt:O}届满，届满前不能结束（不得缩短已公布的期限）。The period runs until {c.ClosesAt:O}; it cannot be cut short.", Article)
            : null;

    /// <summary>The refusal when the close lost a race (another close recorded it first): the close has happened, once.</summary>
    public static ParticipationRefusal AlreadyClosed() =>
        ParticipationRefusal.Conflict("consultation-already-closed", "该公开征求意见已经结束。The consultation is already closed.", Article);

    /// <summary>
    /// The first and last local days of the period (art. 15), for comments received on paper: the last day is the one
    /// the exclusive end falls just after (an end at 24:00 local makes that day the last).
    /// </summary>
    public static (DateOnly First, DateOnly Last) Days(ConsultationFacts c, DeadlineCalculator calendar) =>
        (calendar.LocalDay(c.OpensAt), calendar.LocalDay(c.ClosesAt.AddTicks(-1)));
}
