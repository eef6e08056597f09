using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.Participation;

/// <summary>
/// The open consultation's rules (第十五条) without a server: the closing instant is exclusive, the period is the
/// definition's (judged by the real engine on version 4 of the procedure), extension and close around the end.
/// </summary>
public sealed class ConsultationRulesTests
{
    /// <summary>Opened Monday 9 March 2026 09:00 Beijing; 30 calendar days run to the end of Wednesday 8 April (16:00 UTC).</summary>
    private static readonly DateTimeOffset Opens = ProcedureDriver.Monday.ToUniversalTime();
    private static readonly DateTimeOffset Closes = new(2026, 4, 8, 16, 0, 0, TimeSpan.Zero);
    private static readonly ConsultationFacts Running = new("停车收费标准（征求意见稿）", "Asia/Shanghai", Opens, Closes);

    private static void Refused(Refusal? refusal, string code, string? article, RefusalClass kind)
    {
        Assert.NotNull(refusal);
        Assert.Equal((code, article, (RefusalClass?)kind), (refusal.Code, refusal.Article, refusal.Class));
    }

    [Fact]
    public void A_comment_one_tick_before_the_end_is_accepted_and_one_at_the_end_is_refused()
    {
        Assert.Null(Consultations.AcceptComment(Running, Closes.AddTicks(-1)));
        Assert.Null(Consultations.AcceptComment(Running, Opens));
        Refused(Consultations.AcceptComment(Running, Closes), "consultation-closed", "第十五条", RefusalClass.Conflict);
        Refused(Consultations.AcceptComment(Running, Closes.AddDays(3)), "consultation-closed", "第十五条", RefusalClass.Conflict);
        Refused(Consultations.AcceptComment(Running, Opens.AddTicks(-1)), "consultation-not-open", "第十五条", RefusalClass.Conflict);
        // Sealed by a close: nothing is accepted, whatever the clock says.
        Refused(Consultations.AcceptComment(Running with { SealedAt = Closes }, Closes.AddTicks(-1)), "consultation-closed", "第十五条", RefusalClass.Conflict);
    }

    [Fact]
    public void A_refusal_names_the_end_as_its_last_days_24_00_in_the_readers_language()
    {
        var refusal = Consultations.AcceptComment(Running, Closes)!;
        Assert.Equal("征求意见期限已于2026-04-08 24:00届满，不再接收意见。", refusal.TextIn(TextCatalog.Chinese));
        Assert.Equal("The consultation period ended at 2026-04-08 24:00; no comment is accepted after it.", refusal.TextIn(TextCatalog.English));
        Assert.Equal(refusal.TextIn(TextCatalog.Chinese), refusal.Message);
        // An instant that is no period's end reads as the local time.
        var early = Consultations.AcceptComment(Running with { OpensAt = Opens.AddHours(1) }, Opens)!;
        Assert.Equal("The consultation has not opened yet (it opens at 2026-03-09 10:00).", early.TextIn(TextCatalog.English));
    }

    [Fact]
    public void The_status_turns_from_open_to_ended_at_the_closing_instant()
    {
        Assert.Equal("scheduled", Consultations.Status(Running, Opens.AddTicks(-1)));
        Assert.Equal("open", Consultations.Status(Running, Closes.AddTicks(-1)));
        Assert.Equal("ended", Consultations.Status(Running, Closes));
        Assert.Equal("ended", Consultations.Status(Running with { SealedAt = Closes.AddTicks(-1) }, Closes.AddTicks(-1)));
        Assert.Equal("closed", Consultations.Status(Running with { ClosedAt = Closes }, Closes));
    }

    [Fact]
    public void Instants_are_kept_to_the_millisecond_so_one_tick_before_the_end_is_its_last_millisecond()
    {
        Assert.Equal(Closes.AddMilliseconds(-1), Consultations.Instant(Closes.AddTicks(-1)));
        Assert.Equal(Closes, Consultations.Instant(Closes));
    }

    [Fact]
    public void A_second_consultation_waits_until_the_running_one_is_closed()
    {
        Refused(Consultations.MayPublish([Running]), "consultation-already-open", "第十五条", RefusalClass.Conflict);
        Assert.Null(Consultations.MayPublish([Running with { ClosedAt = Closes }]));
        Assert.Null(Consultations.MayPublish([]));
    }

    [Fact]
    public void Without_a_closing_moment_the_period_is_the_definitions_minimum()
    {
        var (period, refusal) = Period(urgent: false, Opens, null, null);
        Assert.Null(refusal);
        Assert.Equal((Opens, Closes, Closes, false), (period!.OpensAt, period.ClosesAt, period.MinimumClosesAt!.Value, period.Shortened));
        Assert.Contains("2026-04-08", period.MinimumRule);
    }

    [Fact]
    public void A_period_shorter_than_the_minimum_is_refused_unless_urgent_and_then_needs_the_reason()
    {
        var (_, tooShort) = Period(urgent: false, Opens, Closes.AddTicks(-TimeSpan.TicksPerMillisecond), null);
        Refused(tooShort, "consultation-period-too-short", "第十五条", RefusalClass.Invalid);
        Assert.Contains("2026-04-08", tooShort!.Message);
        Assert.Null(Period(urgent: false, Opens, Closes, null).Refusal);

        var (_, noReason) = Period(urgent: true, Opens, Opens.AddDays(7), null);
        Refused(noReason, "urgency-reason-required", "第十五条", RefusalClass.Invalid);
        var (shortened, refusal) = Period(urgent: true, Opens, Opens.AddDays(7), "  防汛安全需要，须在汛期前实施。 ");
        Assert.Null(refusal);
        Assert.Equal((true, "防汛安全需要，须在汛期前实施。"), (shortened!.Shortened, shortened.UrgencyReason));
        // The full period needs no reason even for an urgent matter, and keeps none.
        Assert.Equal((false, null), (Period(urgent: true, Opens, Closes, "理由").Value!.Shortened, Period(urgent: true, Opens, Closes, "理由").Value!.UrgencyReason));
    }

    [Fact]
    public void A_consultation_is_never_back_dated_and_closes_after_it_opens()
    {
        Refused(Period(urgent: false, Opens.AddMilliseconds(-1), null, null).Refusal, "opens-in-past", "第十五条", RefusalClass.Invalid);
        Refused(Consultations.Period(Opens, null, Opens, null, (_, _, _) => null).Refusal, "invalid-period", null, RefusalClass.Invalid);
        // A procedure whose definition sets no minimum: the closing moment must be given.
        Refused(Consultations.Period(Opens, null, null, null, (_, _, _) => null).Refusal, "invalid-period", null, RefusalClass.Invalid);
        Assert.Equal(Opens.AddDays(1), Consultations.Period(Opens, null, Opens.AddDays(1), null, (_, _, _) => null).Value!.ClosesAt);
    }

    [Fact]
    public void When_the_minimum_cannot_be_counted_the_engines_refusal_is_the_answer()
    {
        var missing = new RequestedDateCheck(null, null, true, null, [new Refusal("calendar-year-missing", "没有2099年的节假日安排。", null)]);
        Refused(Consultations.Period(Opens, null, null, null, (_, _, _) => missing).Refusal,
            "calendar-year-missing", "第十五条", RefusalClass.Invalid);
    }

    [Fact]
    public void An_extension_is_possible_until_one_tick_before_the_end_later_and_with_a_reason()
    {
        Assert.Null(Consultations.MayExtend(Running, Closes.AddTicks(-1), Closes.AddDays(7), "意见较多。"));
        Refused(Consultations.MayExtend(Running, Closes, Closes.AddDays(7), "意见较多。"), "consultation-ended", "第十五条", RefusalClass.Conflict);
        Refused(Consultations.MayExtend(Running with { SealedAt = Closes.AddDays(-1) }, Closes.AddDays(-1), Closes.AddDays(7), "意见较多。"),
            "consultation-ended", "第十五条", RefusalClass.Conflict);
        Refused(Consultations.MayExtend(Running, Opens, Closes, "意见较多。"), "extension-not-later", null, RefusalClass.Invalid);
        Refused(Consultations.MayExtend(Running, Opens, Closes.AddDays(1), " "), "reason-required", "第十五条", RefusalClass.Invalid);
    }

    [Fact]
    public void A_close_one_tick_before_the_end_is_refused_and_at_the_end_allowed()
    {
        Refused(Consultations.MayClose(Running, Closes.AddTicks(-1)), "consultation-still-open", "第十五条", RefusalClass.Conflict);
        Assert.Null(Consultations.MayClose(Running, Closes));
        Refused(Consultations.AlreadyClosed(), "consultation-already-closed", "第十五条", RefusalClass.Conflict);
    }

    [Fact]
    public void The_periods_local_days_end_with_the_day_whose_24_00_is_the_end()
    {
        Assert.Equal((new DateOnly(2026, 3, 9), new DateOnly(2026, 4, 8)), Consultations.Days(Running, RepositoryFiles.Calculator()));
    }

    /// <summary>The real engine judging version 4's rule (<c>consultationMinimum</c>, waived when <c>urgent</c>) in the default jurisdiction.</summary>
    private static Ruling<ConsultationPeriod> Period(bool urgent, DateTimeOffset? opensAt, DateTimeOffset? closesAt, string? reason)
    {
        var driver = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        driver.Start(driver.Definition.Attributes.ToDictionary(a => a.Name, a => urgent && a.Name == "urgent"));
        var engine = new WorkflowEngine(RepositoryFiles.Calculator());
        return Consultations.Period(Opens, opensAt, closesAt, reason, (start, end, why) =>
            engine.CheckRequestedDate(driver.Definition, driver.Current, ParticipationTerms.Step, Opens, start, end, why));
    }

    [Fact]
    public void A_provisional_end_stays_open_past_its_earliest_day_and_cannot_be_closed_until_the_calendar_makes_it_final()
    {
        var provisional = Running with { ProvisionalYear = 2027 };
        Assert.Equal("open", Consultations.Status(provisional, Closes.AddDays(3)));
        Assert.Null(Consultations.AcceptComment(provisional, Closes.AddDays(3)));
        Refused(Consultations.MayClose(provisional, Closes.AddDays(3)), "consultation-period-provisional", "第十五条", RefusalClass.Conflict);
        Assert.Null(Consultations.MayClose(provisional with { ProvisionalYear = null }, Closes));
    }
}
