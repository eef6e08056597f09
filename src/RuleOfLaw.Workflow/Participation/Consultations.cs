using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>What the rules need to know of an open consultation (公开征求意见); <paramref name="TimeZone"/> is the jurisdiction's (for the texts).</summary>
/// <param name="SealedAt">When the close sealed it (no comment is written after the seal).</param>
/// <param name="ProvisionalYear">
/// Set while the minimum period ends in a year without a holiday calendar (issue 16 item 6): <c>ClosesAt</c> is then
/// only the earliest possible end; the consultation stays open past it and cannot be closed until the year's calendar
/// makes the end final.
/// </param>
public sealed record ConsultationFacts(
    string Title, string TimeZone, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? SealedAt = null, DateTimeOffset? ClosedAt = null,
    DateTimeOffset? FeedbackPublishedAt = null, int? ProvisionalYear = null)
{
    /// <summary>Whether the period is over at <paramref name="now"/>: never while the end is provisional.</summary>
    public bool Ended(DateTimeOffset now) => Consultations.Ended(ClosesAt, ProvisionalYear, now);
}

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

    private static ParticipationTexts T => ParticipationTexts.Catalog;

    /// <summary>The instant as stored and compared: to the millisecond (a tick before the end is received as the end's last millisecond).</summary>
    public static DateTimeOffset Instant(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());

    /// <summary>
    /// scheduled (not yet open), open, ended (period over or sealed, close not yet recorded), closed. A provisional end
    /// (waiting for next year's holiday calendar) keeps it open past that end.
    /// </summary>
    public static string Status(ConsultationFacts c, DateTimeOffset now) => Status(c.OpensAt, c.ClosesAt, c.SealedAt, c.ClosedAt, c.ProvisionalYear, now);

    /// <inheritdoc cref="Status(ConsultationFacts, DateTimeOffset)"/>
    public static string Status(
        DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset? sealedAt, DateTimeOffset? closedAt, int? provisionalYear, DateTimeOffset now) =>
        closedAt is not null ? "closed"
        : now < opensAt ? "scheduled"
        : !Ended(closesAt, provisionalYear, now) && sealedAt is null ? "open"
        : "ended";

    /// <summary>Whether a period ending at <paramref name="closesAt"/> is over at <paramref name="now"/> (the end is exclusive): never while it is provisional.</summary>
    public static bool Ended(DateTimeOffset closesAt, int? provisionalYear, DateTimeOffset now) => now >= closesAt && provisionalYear is null;

    /// <summary>Whether a comment received at <paramref name="now"/> is accepted: OpensAt ≤ now &lt; ClosesAt, not sealed (art. 15).</summary>
    public static bool IsOpen(ConsultationFacts c, DateTimeOffset now) => Status(c, now) == "open";

    /// <summary>The refusal of a comment received at <paramref name="now"/> (art. 15); null when it is accepted (<see cref="IsOpen"/>).</summary>
    public static Refusal? AcceptComment(ConsultationFacts c, DateTimeOffset now) =>
        IsOpen(c, now) ? null
        : now < c.OpensAt ? T.Conflict("consultation-not-open", Article, ("opensAt", ParticipationTexts.When(c.OpensAt, c.TimeZone)))
        : T.Conflict("consultation-closed", Article, ("closesAt", ParticipationTexts.When(c.ClosesAt, c.TimeZone)));

    /// <summary>A matter has one running consultation at a time: a new one waits until the previous one is closed.</summary>
    public static Refusal? MayPublish(IEnumerable<ConsultationFacts> previous) =>
        previous.FirstOrDefault(c => c.ClosedAt is null) is { } running ? T.Conflict("consultation-already-open", Article, ("title", running.Title)) : null;

    /// <summary>
    /// The period of a consultation published at <paramref name="now"/> (art. 15). It opens now or later (never
    /// back-dated); it closes at <paramref name="requestedClose"/>, or at the end of the definition's minimum when none is
    /// asked; a close before that minimum is allowed only where the definition waives it (an urgent matter), with the
    /// reason stated now. <paramref name="judge"/> is the engine's check of a closing moment (null close: only the
    /// minimum) against the definition's rule, null when the procedure has none.
    /// </summary>
    public static Ruling<ConsultationPeriod> Period(
        DateTimeOffset now, DateTimeOffset? requestedOpen, DateTimeOffset? requestedClose, string? urgencyReason,
        Func<DateTimeOffset, DateTimeOffset?, string?, RequestedDateCheck?> judge)
    {
        now = Instant(now);
        var opensAt = requestedOpen is { } o ? Instant(o.ToUniversalTime()) : now;
        if (opensAt < now)
        {
            return T.Invalid("opens-in-past", Article);
        }
        var reason = string.IsNullOrWhiteSpace(urgencyReason) ? null : urgencyReason.Trim();
        var rule = judge(opensAt, null, null);
        if (rule?.Refusals is [var counting, ..])
        {
            // The minimum could not be counted (a calendar year missing, a setting absent): the engine's own refusal.
            return counting with { Article = counting.Article ?? Article, Class = RefusalClass.Invalid };
        }
        var minimum = rule?.Minimum;
        if ((requestedClose ?? minimum?.EndsAtUtc) is not { } end)
        {
            return T.Invalid("invalid-period.no-minimum");
        }
        var closesAt = Instant(end.ToUniversalTime());
        if (closesAt <= opensAt)
        {
            return T.Invalid("invalid-period.order");
        }
        if (judge(opensAt, closesAt, reason)?.Refusals.FirstOrDefault() is { } refusal)
        {
            return refusal.Code switch
            {
                RequestedDateCheck.TooEarly => T.Invalid("consultation-period-too-short", refusal.Article ?? Article,
                    ("period", PeriodLength.Of(minimum!)), ("minimumEnd", new Engine.Texts.PeriodEnd(minimum!.LastDay))),
                RequestedDateCheck.ReasonRequired => T.Invalid("urgency-reason-required", refusal.Article ?? Article, ("period", PeriodLength.Of(minimum!))),
                _ => refusal with { Article = refusal.Article ?? Article, Class = RefusalClass.Invalid },
            };
        }
        var shortened = minimum is not null && closesAt < minimum.EndsAtUtc;
        // A minimum ending in a year without a calendar (the judge counted its earliest end): the period is provisional
        // unless the matter is urgent and was shortened below even that earliest end.
        var provisional = minimum is { ProvisionalYear: { } missing } && !shortened ? missing : (int?)null;
        return Ruling<ConsultationPeriod>.Accept(
            new ConsultationPeriod(opensAt, closesAt, minimum?.EndsAtUtc, rule?.Rule, shortened, shortened ? reason : null, provisional));
    }

    /// <summary>
    /// A running period may be extended to a later end, with a reason; once it has ended (at <c>ClosesAt</c> exactly, or
    /// sealed or closed) it cannot be: a new consultation is published instead.
    /// </summary>
    public static Refusal? MayExtend(ConsultationFacts c, DateTimeOffset now, DateTimeOffset newEnd, string? reason) =>
        c.SealedAt is not null || c.ClosedAt is not null || c.Ended(Instant(now)) ? T.Conflict("consultation-ended", Article)
        : Instant(newEnd.ToUniversalTime()) <= c.ClosesAt ? T.Invalid("extension-not-later", null, ("closesAt", ParticipationTexts.When(c.ClosesAt, c.TimeZone)))
        : string.IsNullOrWhiteSpace(reason) ? T.Invalid("reason-required.extend", Article)
        : null;

    /// <summary>
    /// A consultation is closed only once its period has ended: the published period cannot be cut short, and a
    /// provisional end (waiting for a year's holiday calendar) is not an end yet.
    /// </summary>
    public static Refusal? MayClose(ConsultationFacts c, DateTimeOffset now) =>
        c.ProvisionalYear is { } year
            ? T.Conflict(ProvisionalRefusal, Article, ("closesAt", ParticipationTexts.When(c.ClosesAt, c.TimeZone)), ("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        : Instant(now) < c.ClosesAt ? T.Conflict("consultation-still-open", Article, ("closesAt", ParticipationTexts.When(c.ClosesAt, c.TimeZone)))
        : null;

    /// <summary>The refusal when the close lost a race (another close recorded it first): the close has happened, once.</summary>
    public static Refusal AlreadyClosed() => T.Conflict("consultation-already-closed", Article);

    /// <summary>
    /// The first and last local days of the period (art. 15), for comments received on paper: the last day is the one
    /// the exclusive end falls just after (an end at 24:00 local makes that day the last).
    /// </summary>
    public static (DateOnly First, DateOnly Last) Days(ConsultationFacts c, DeadlineCalculator calendar) =>
        (calendar.LocalDay(c.OpensAt), calendar.LocalDay(c.ClosesAt.AddTicks(-1)));
}
