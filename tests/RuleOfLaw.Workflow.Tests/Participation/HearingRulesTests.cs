using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.Participation;

/// <summary>The hearing's rules (第十六条、第十七条) without a server: announced ahead, materials 7 days before, held not before its time, the record confirmed.</summary>
public sealed class HearingRulesTests
{
    private static readonly DeadlineCalculator Calendar = RepositoryFiles.Calculator();

    /// <summary>Monday 9 March 2026 09:00 Beijing.</summary>
    private static readonly DateTimeOffset Now = ProcedureDriver.Monday;

    /// <summary>Friday 20 March 2026 09:00 Beijing: the materials are due by Friday 13 March.</summary>
    private static readonly DateTimeOffset Scheduled = new(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly HearingFacts Announced = new("Asia/Shanghai", Scheduled.ToUniversalTime(), new DateOnly(2026, 3, 13), ["张三", "李四"], []);

    private static void Refused(Refusal? refusal, string code, string? article, RefusalClass kind)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, article, (RefusalClass?)kind), (refusal.Code, refusal.Article, refusal.Class));
    }

    [Fact]
    public void An_announcement_sets_the_last_day_for_the_materials_7_days_before_the_hearing()
    {
        var (announcement, refusal) = Hearings.Announce(Now, Scheduled, [" 张三 ", "李四"], null, Calendar);
        Assert.Null(refusal);
        Assert.Equal((Scheduled.ToUniversalTime(), new DateOnly(2026, 3, 13)), (announcement!.ScheduledAt, announcement.MaterialsDueOn));
        Assert.Equal(["张三", "李四"], announcement.Participants);
        // A jurisdiction's longer lead time moves the day.
        var ten = new Engine.Execution.SettingPeriod { Days = 10, Counting = DayCounting.Calendar };
        Assert.Equal(new DateOnly(2026, 3, 10), Hearings.Announce(Now, Scheduled, ["张三"], ten, Calendar).Value!.MaterialsDueOn);
    }

    [Fact]
    public void A_hearing_is_announced_in_advance_early_enough_for_the_materials_with_distinct_named_participants()
    {
        Refused(Hearings.Announce(Now, Now, ["张三"], null, Calendar).Refusal, "hearing-in-past", "第十六条", RefusalClass.Invalid);
        var tooSoon = Hearings.Announce(Now, Now.AddDays(6), ["张三"], null, Calendar).Refusal;
        Refused(tooSoon, "hearing-lead-time-impossible", "第十七条", RefusalClass.Invalid);
        Assert.Contains("2026-03-08", tooSoon!.Message);
        Assert.Null(Hearings.Announce(Now, Now.AddDays(7), ["张三"], null, Calendar).Refusal);
        Refused(Hearings.Announce(Now, Scheduled, ["张三", " 张三"], null, Calendar).Refusal, "invalid-participants", "第十六条", RefusalClass.Invalid);
        Refused(Hearings.Announce(Now, Scheduled, ["张三", " "], null, Calendar).Refusal, "invalid-participants", "第十六条", RefusalClass.Invalid);
        Refused(Hearings.Announce(Now, Scheduled, [], null, Calendar).Refusal, "invalid-participants", "第十六条", RefusalClass.Invalid);
    }

    [Fact]
    public void The_materials_are_delivered_once_and_not_after_their_last_day()
    {
        var lastDay = new DateTimeOffset(2026, 3, 13, 23, 59, 0, TimeSpan.FromHours(8));
        Assert.Null(Hearings.MayDeliverMaterials(Announced, lastDay, Calendar));
        Refused(Hearings.MayDeliverMaterials(Announced, lastDay.AddMinutes(1), Calendar), "hearing-materials-late", "第十七条", RefusalClass.Conflict);
        Refused(Hearings.MayDeliverMaterials(Announced with { MaterialsDeliveredAt = Now }, Now, Calendar),
            "hearing-materials-already-delivered", null, RefusalClass.Conflict);
    }

    [Fact]
    public void A_hearing_is_held_not_before_its_time_and_only_with_the_materials_delivered()
    {
        var delivered = Announced with { MaterialsDeliveredAt = Now };
        Refused(Hearings.MayHold(Announced, Scheduled), "hearing-materials-not-delivered", "第十七条", RefusalClass.Conflict);
        Refused(Hearings.MayHold(delivered, Scheduled.AddTicks(-1)), "hearing-not-yet-held", "第十六条", RefusalClass.Conflict);
        Assert.Null(Hearings.MayHold(delivered, Scheduled));
        Refused(Hearings.MayHold(delivered with { HeldAt = Scheduled }, Scheduled.AddHours(3)), "hearing-already-recorded", null, RefusalClass.Conflict);
    }

    [Fact]
    public void Each_participant_confirms_the_record_once_or_declines_with_a_note()
    {
        var held = Announced with { MaterialsDeliveredAt = Now, HeldAt = Scheduled };
        Refused(Hearings.MayConfirm(Announced, "张三", false, null), "hearing-not-recorded", "第十七条", RefusalClass.Conflict);
        Refused(Hearings.MayConfirm(held, "王五", false, null), "not-a-participant", "第十六条", RefusalClass.Invalid);
        Refused(Hearings.MayConfirm(held, "李四", true, " "), "reason-required", "第十七条", RefusalClass.Invalid);
        Assert.Null(Hearings.MayConfirm(held, " 李四 ", true, "不同意笔录第3页的记载。"));
        var confirmed = held with { Confirmations = [new HearingConfirmation("张三", false, null, Scheduled)] };
        Refused(Hearings.MayConfirm(confirmed, "张三", false, null), "already-confirmed", null, RefusalClass.Conflict);
        Assert.Equal(["李四"], confirmed.Unconfirmed);
    }

    [Fact]
    public void A_hearing_not_yet_held_may_be_called_off_with_a_reason_and_then_nothing_more_happens_to_it()
    {
        Refused(Hearings.MayCancel(Announced, " "), "reason-required", null, RefusalClass.Invalid);
        Assert.Null(Hearings.MayCancel(Announced, "材料未能按时送达。"));
        Refused(Hearings.MayCancel(Announced with { HeldAt = Scheduled }, "理由"), "hearing-already-recorded", null, RefusalClass.Conflict);
        var cancelled = Announced with { CancelledAt = Now, CancelReason = "材料未能按时送达。" };
        Refused(Hearings.MayCancel(cancelled, "理由"), "hearing-cancelled", null, RefusalClass.Conflict);
        Refused(Hearings.MayDeliverMaterials(cancelled, Now, Calendar), "hearing-cancelled", null, RefusalClass.Conflict);
        Refused(Hearings.MayHold(cancelled, Scheduled), "hearing-cancelled", null, RefusalClass.Conflict);
        Refused(Hearings.MayConfirm(cancelled, "张三", false, null), "hearing-cancelled", null, RefusalClass.Conflict);
    }
}
