using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>A participant's confirmation of the hearing record, or refusal to sign with a note.</summary>
public sealed record HearingConfirmation(string Participant, bool Declined, string? Note, DateTimeOffset RecordedAt);

/// <summary>What the rules need to know of a hearing (听证会).</summary>
public sealed record HearingFacts(
    DateTimeOffset ScheduledAt, DateOnly MaterialsDueOn, IReadOnlyList<string> Participants, IReadOnlyList<HearingConfirmation> Confirmations,
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

    public static (HearingAnnouncement? Announcement, ParticipationRefusal? Refusal) Announce(
        DateTimeOffset now, DateTimeOffset scheduledAt, IEnumerable<string?> participants, SettingPeriod? leadTime, DeadlineCalculator calendar)
    {
        var names = participants.Select(p => p?.Trim() ?? "").ToList();
        if (names.Count == 0 || names.Any(p => p.Length is 0 or > ParticipationLimits.NameLength) || names.Distinct().Count() != names.Count)
        {
            return (null, ParticipationRefusal.Invalid("invalid-participants",
                "听证参加人名单不得有空白或重复的姓名（每个不超过200字符）。Participant names must be distinct and non-empty.", "第十六条"));
        }
        now = Consultations.Instant(now);
        var at = Consultations.Instant(scheduledAt.ToUniversalTime());
        if (at <= now)
        {
            return (null, ParticipationRefusal.Invalid("hearing-in-past", "听证会时间应当在公告之后（提前公布）。A hearing is announced in advance.", "第十六条"));
        }
        var lead = leadTime ?? NationalLeadTime;
        var dueOn = calendar.LatestDayBefore(calendar.LocalDay(at), lead.Days);
        if (calendar.LocalDay(now) > dueOn)
        {
            return (null, ParticipationRefusal.Invalid("hearing-lead-time-impossible",
                $"听证会材料应当于召开听证会{lead}前送达听证参加人，即最迟{dueOn:yyyy-MM-dd}；该日已过，请另定听证会时间。" +
                $"The materials must reach the participants {lead.Days} days before, by {dueOn:yyyy-MM-dd}, which has passed; choose a later date.", "第十七条"));
        }
        return (new HearingAnnouncement(at, names, dueOn), null);
    }

    /// <summary>The materials are recorded as delivered once, on or before their last lawful day.</summary>
    public static ParticipationRefusal? MayDeliverMaterials(HearingFacts h, DateTimeOffset now, DeadlineCalculator calendar) =>
        h.CancelledAt is not null ? Cancelled(h)
        : h.MaterialsDeliveredAt is not null
            ? ParticipationRefusal.Conflict("hearing-materials-already-delivered", "听证材料已记录送达。Already recorded.")
        : calendar.LocalDay(now) > h.MaterialsDueOn
            ? ParticipationRefusal.Conflict("hearing-materials-late",
                $"听证会材料最迟应于{h.MaterialsDueOn:yyyy-MM-dd}送达（听证会7日前），现已逾期；请另定听证会时间。" +
                $"The materials were due by {h.MaterialsDueOn:yyyy-MM-dd}; reschedule the hearing.", "第十七条")
        : null;

    /// <summary>A hearing is held (its record written) once, not before its time, and only if the materials reached the participants in time.</summary>
    public static ParticipationRefusal? MayHold(HearingFacts h, DateTimeOffset now) =>
        h.CancelledAt is not null ? Cancelled(h)
        : h.HeldAt is not null ? ParticipationRefusal.Conflict("hearing-already-recorded", "听证会笔录已记录。Already recorded.")
        : h.MaterialsDeliveredAt is null
            ? ParticipationRefusal.Conflict("hearing-materials-not-delivered",
                "听证会材料未于听证会7日前送达听证参加人，不能按此安排举行听证会。The materials were not delivered in time; the hearing cannot be held as announced.", "第十七条")
        : Consultations.Instant(now) < h.ScheduledAt
            ? ParticipationRefusal.Conflict("hearing-not-yet-held",
                $"听证会定于{h.ScheduledAt:O}举行，尚未到时间。The hearing is scheduled for {h.ScheduledAt:O}.", "第十六条")
        : null;

    /// <summary>Each published participant confirms the written record once, or declines to sign with a note of why.</summary>
    public static ParticipationRefusal? MayConfirm(HearingFacts h, string participant, bool declined, string? note)
    {
        if (h.CancelledAt is not null)
        {
            return Cancelled(h);
        }
        if (h.HeldAt is null)
        {
            return ParticipationRefusal.Conflict("hearing-not-recorded", "听证会笔录尚未记录。The hearing record does not exist yet.", "第十七条");
        }
        var name = participant.Trim();
        if (!h.Participants.Contains(name))
        {
            return ParticipationRefusal.Invalid("not-a-participant", $"“{name}”不在公布的听证参加人名单中。Not on the published participant list.", "第十六条");
        }
        if (h.Confirmations.Any(c => c.Participant == name))
        {
            return ParticipationRefusal.Conflict("already-confirmed", "该参加人已确认（或拒绝签字）。Already recorded for this participant.");
        }
        return declined && string.IsNullOrWhiteSpace(note)
            ? ParticipationRefusal.Invalid("reason-required", "参加人拒绝签字的，应当注明情况。Note why the participant declined.", "第十七条")
            : null;
    }

    /// <summary>A hearing not yet held may be called off, with a reason; a new one can then be announced.</summary>
    public static ParticipationRefusal? MayCancel(HearingFacts h, string? reason) =>
        h.CancelledAt is not null ? Cancelled(h)
        : h.HeldAt is not null ? ParticipationRefusal.Conflict("hearing-already-recorded", "听证会已经举行，不能取消。The hearing was held.")
        : string.IsNullOrWhiteSpace(reason) ? ParticipationRefusal.Invalid("reason-required", "取消听证会必须写明理由。A reason is required.")
        : null;

    /// <summary>Nothing more happens to a hearing called off; a new one is announced instead.</summary>
    private static ParticipationRefusal Cancelled(HearingFacts h) =>
        ParticipationRefusal.Conflict("hearing-cancelled", $"该听证会已取消：{h.CancelReason}。The hearing was called off.");
}
