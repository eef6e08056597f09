using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Rules;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>A participant's confirmation of the hearing record, or refusal to sign with a note.</summary>
public sealed record HearingConfirmation(string Participant, bool Declined, string? Note, DateTimeOffset RecordedAt);

/// <summary>What the rules need to know of a hearing (听证会); <paramref name="TimeZone"/> is the jurisdiction's (for the texts).</summary>
public sealed record HearingFacts(
    string TimeZone, DateTimeOffset ScheduledAt, DateOnly MaterialsDueOn, IReadOnlyList<string> Participants, IReadOnlyList<HearingConfirmation> Confirmations,
    DateTimeOffset? MaterialsDeliveredAt = null, DateTimeOffset? HeldAt = null, DateTimeOffset? CancelledAt = null, string? CancelReason = null)
{
    /// <summary>The participants who have neither confirmed the record nor declined to sign it.</summary>
    public IReadOnlyList<string> Unconfirmed => [.. Participants.Where(p => Confirmations.All(c => c.Participant != p))];
}

/// <summary>The announcement a hearing is recorded with: when, the participants (trimmed) and the last day to deliver the materials.</summary>
public sealed record HearingAnnouncement(DateTimeOffset ScheduledAt, IReadOnlyList<string> Participants, DateOnly MaterialsDueOn);

/// <summary>
/// The hearing's rules (《重大行政决策程序暂行条例》第十六条、第十七条): announced in advance with its participants; the
/// materials delivered to them at least the lead time (7 days, the jurisdiction's <c>hearingMaterialsLeadTime</c>)
/// before, so a hearing whose last delivery day has passed cannot be announced and undelivered materials keep it from
/// being held; held not before its time; its record confirmed by each participant (or a refusal to sign, noted).
/// </summary>
public static class Hearings
{
    /// <summary>The national lead time (art. 17: 听证会材料应当于召开听证会7日前送达).</summary>
    public static readonly SettingPeriod NationalLeadTime = new() { Days = 7, Counting = DayCounting.Calendar, Article = "《重大行政决策程序暂行条例》第十七条" };

    /// <summary>
    /// At most this many hearings on one matter, cancelled ones included. Art. 16 asks for a hearing where a decision
    /// touches the public's vital interests; one is the rule and a few (a hearing called off and announced again, a
    /// second round after a major revision) the exception. Ten leaves room for every lawful case; more is a runaway
    /// client filling the record and the participants' mailboxes (17 were once announced on one matter).
    /// </summary>
    public const int MaxPerMatter = 10;

    private static ParticipationTexts T => ParticipationTexts.Catalog;

    /// <summary>Another hearing may be announced while the matter has fewer than <see cref="MaxPerMatter"/> (cancelled ones count).</summary>
    public static Refusal? MayAnnounceAnother(int hearingsSoFar) =>
        hearingsSoFar >= MaxPerMatter ? T.Invalid("too-many-hearings", "第十六条", ("limit", MaxPerMatter)) : null;

    public static Ruling<HearingAnnouncement> Announce(
        DateTimeOffset now, DateTimeOffset scheduledAt, IEnumerable<string?> participants, SettingPeriod? leadTime, DeadlineCalculator calendar)
    {
        var names = participants.Select(p => p?.Trim() ?? "").ToList();
        if (names.Count == 0 || names.Any(p => p.Length is 0 or > ParticipationLimits.NameLength) || names.Distinct().Count() != names.Count)
        {
            return T.Invalid("invalid-participants", "第十六条", ("limit", ParticipationLimits.NameLength));
        }
        now = Consultations.Instant(now);
        var at = Consultations.Instant(scheduledAt.ToUniversalTime());
        if (at <= now)
        {
            return T.Invalid("hearing-in-past", "第十六条");
        }
        var lead = leadTime ?? NationalLeadTime;
        var dueOn = calendar.LatestDayBefore(calendar.LocalDay(at), lead.Days);
        return calendar.LocalDay(now) > dueOn
            ? T.Invalid("hearing-lead-time-impossible", "第十七条", ("days", lead.Days), ("dueOn", dueOn))
            : Ruling<HearingAnnouncement>.Accept(new HearingAnnouncement(at, names, dueOn));
    }

    /// <summary>The materials are recorded as delivered once, on or before their last lawful day.</summary>
    public static Refusal? MayDeliverMaterials(HearingFacts h, DateTimeOffset now, DeadlineCalculator calendar) =>
        h.CancelledAt is not null ? Cancelled(h)
        : h.MaterialsDeliveredAt is not null ? T.Conflict("hearing-materials-already-delivered")
        : calendar.LocalDay(now) > h.MaterialsDueOn ? T.Conflict("hearing-materials-late", "第十七条", ("dueOn", h.MaterialsDueOn))
        : null;

    /// <summary>A hearing is held (its record written) once, not before its time, and only if the materials reached the participants in time.</summary>
    public static Refusal? MayHold(HearingFacts h, DateTimeOffset now) =>
        h.CancelledAt is not null ? Cancelled(h)
        : h.HeldAt is not null ? T.Conflict("hearing-already-recorded")
        : h.MaterialsDeliveredAt is null ? T.Conflict("hearing-materials-not-delivered", "第十七条")
        : Consultations.Instant(now) < h.ScheduledAt
            ? T.Conflict("hearing-not-yet-held", "第十六条", ("scheduledAt", ParticipationTexts.When(h.ScheduledAt, h.TimeZone)))
        : null;

    /// <summary>Each published participant confirms the written record once, or declines to sign with a note of why.</summary>
    public static Refusal? MayConfirm(HearingFacts h, string participant, bool declined, string? note)
    {
        var name = participant.Trim();
        return h.CancelledAt is not null ? Cancelled(h)
            : h.HeldAt is null ? T.Conflict("hearing-not-recorded", "第十七条")
            : !h.Participants.Contains(name) ? T.Invalid("not-a-participant", "第十六条", ("participant", name))
            : h.Confirmations.Any(c => c.Participant == name) ? T.Conflict("already-confirmed")
            : declined && string.IsNullOrWhiteSpace(note) ? T.Invalid("reason-required.declined", "第十七条")
            : null;
    }

    /// <summary>A hearing not yet held may be called off, with a reason; a new one can then be announced.</summary>
    public static Refusal? MayCancel(HearingFacts h, string? reason) =>
        h.CancelledAt is not null ? Cancelled(h)
        : h.HeldAt is not null ? T.Conflict("hearing-already-recorded.cancel")
        : string.IsNullOrWhiteSpace(reason) ? T.Invalid("reason-required.cancel")
        : null;

    /// <summary>Nothing more happens to a hearing called off; a new one is announced instead.</summary>
    private static Refusal Cancelled(HearingFacts h) => T.Conflict("hearing-cancelled", null, ("reason", h.CancelReason ?? ""));
}
