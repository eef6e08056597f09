using RuleOfLaw.Workflow.Engine.Calendar;
using static RuleOfLaw.Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace RuleOfLaw.Workflow.Engine.Tests.Calendar;

public sealed class DeadlineCalculatorTests
{
    private readonly DeadlineCalculator _calculator = Calculator();

    // ---- Worked examples from shared/domain/deadlines-and-calendars.md ----

    [Fact]
    public void Consultation_published_2026_09_21_for_30_days_ends_2026_10_21_at_24_00_Beijing_time()
    {
        var deadline = _calculator.AfterDays(Day("2026-09-21"), 30, DayCounting.Calendar);

        Assert.Equal(Day("2026-09-21"), deadline.StartDay);
        Assert.Equal(Day("2026-10-21"), deadline.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 21, 16, 0, 0, TimeSpan.Zero), deadline.EndsAtUtc);
        Assert.Equal(TimeSpan.Zero, deadline.EndsAtUtc.Offset);
        Assert.Equal(DayCounting.Calendar, deadline.Counting);
        Assert.Equal(30, deadline.Amount);
        Assert.Equal(DeadlineUnits.Days, deadline.Unit);
        Assert.Equal("civil-code-201", deadline.Rule);
        Assert.Equal("自2026-09-21次日起算30日，第30日为2026-10-21（工作日），即期间最后一日。", deadline.Explanation);
    }

    [Fact]
    public void Last_day_on_Saturday_2026_03_07_moves_to_Monday_2026_03_09()
    {
        var deadline = _calculator.AfterDays(Day("2026-03-02"), 5, DayCounting.Calendar);

        Assert.Equal(Day("2026-03-09"), deadline.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero), deadline.EndsAtUtc);
        Assert.Equal("civil-code-201;civil-code-203", deadline.Rule);
        Assert.Equal(
            "自2026-03-02次日起算5日，第5日为2026-03-07（星期六，法定休假日），依《民法典》第二百零三条顺延至休假日结束的次日2026-03-09。",
            deadline.Explanation);
    }

    [Fact]
    public void Last_day_on_make_up_working_Saturday_2026_02_28_stays()
    {
        var deadline = _calculator.AfterDays(Day("2026-02-18"), 10, DayCounting.Calendar);

        Assert.Equal(Day("2026-02-28"), deadline.LastDay);
        Assert.Equal(DayOfWeek.Saturday, deadline.LastDay.DayOfWeek);
        Assert.Equal("civil-code-201", deadline.Rule);
        Assert.Contains("调休上班日", deadline.Explanation);
    }

    [Fact]
    public void Filing_within_15_days_of_2026_09_16_rolls_over_National_Day_to_2026_10_08()
    {
        var deadline = _calculator.AfterDays(Day("2026-09-16"), 15, DayCounting.Calendar);

        Assert.Equal(Day("2026-10-08"), deadline.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 16, 0, 0, TimeSpan.Zero), deadline.EndsAtUtc);
        Assert.Equal("civil-code-201;civil-code-203", deadline.Rule);
        Assert.Equal(
            "自2026-09-16次日起算15日，第15日为2026-10-01（法定休假日），依《民法典》第二百零三条顺延至休假日结束的次日2026-10-08。",
            deadline.Explanation);
    }

    [Fact]
    public void Seven_working_days_after_Friday_2026_02_13_end_2026_03_02_counting_both_make_up_Saturdays()
    {
        var deadline = _calculator.AfterDays(Day("2026-02-13"), 7, DayCounting.WorkingDays);

        Assert.Equal(Day("2026-03-02"), deadline.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero), deadline.EndsAtUtc);
        Assert.Equal(DayCounting.WorkingDays, deadline.Counting);
        Assert.Equal(7, deadline.Amount);
        Assert.Equal(DeadlineUnits.Days, deadline.Unit);
        Assert.Equal("civil-code-201;working-days", deadline.Rule);
        Assert.Equal(
            "自2026-02-13次日起算7个工作日，不计周末和法定休假日、计入调休上班日（2026-02-14、2026-02-28），第7个工作日为2026-03-02。",
            deadline.Explanation);
    }

    // ---- Instants and time zone ----

    [Fact]
    public void An_instant_is_counted_from_its_Beijing_day_not_its_UTC_day()
    {
        // 2026-09-21 07:00 in Beijing is still 2026-09-20 in UTC.
        var published = new DateTimeOffset(2026, 9, 20, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(Day("2026-09-21"), _calculator.LocalDay(published));
        var deadline = _calculator.AfterDays(published, 30, DayCounting.Calendar);
        Assert.Equal(Day("2026-09-21"), deadline.StartDay);
        Assert.Equal(Day("2026-10-21"), deadline.LastDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 21, 16, 0, 0, TimeSpan.Zero), deadline.EndsAtUtc);
    }

    [Fact]
    public void LocalDay_just_before_Beijing_midnight_is_still_the_same_day()
    {
        Assert.Equal(Day("2026-10-21"), _calculator.LocalDay(new DateTimeOffset(2026, 10, 21, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(Day("2026-10-22"), _calculator.LocalDay(new DateTimeOffset(2026, 10, 21, 16, 0, 0, TimeSpan.Zero)));
        Assert.Same(Shanghai, _calculator.TimeZone);
    }

    [Fact]
    public void The_end_of_a_day_is_found_even_when_a_daylight_saving_change_falls_on_midnight()
    {
        // Asia/Shanghai has no daylight saving, but the engine takes any zone: in this one (UTC-4) clocks jump from
        // 24:00 on 2026-03-04 to 01:00, and fall back from 01:00 to 00:00 on 2026-10-29.
        var zone = TimeZoneInfo.CreateCustomTimeZone(
            "Test/MidnightDst",
            TimeSpan.FromHours(-4),
            "Midnight DST",
            "Standard",
            "Daylight",
            [
                TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                    new DateTime(2026, 1, 1),
                    new DateTime(2026, 12, 31),
                    TimeSpan.FromHours(1),
                    TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 5),
                    TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 1, 0, 0), 10, 29)),
            ]);
        var calculator = new DeadlineCalculator(new HolidayCalendar(
            [new HolidayCalendarYear(2026, new HashSet<DateOnly>(), new HashSet<DateOnly>(), "test data: weekends only")]), zone);

        // Midnight after Wednesday 03-04 does not exist locally: the day ends at the jump, 04:00 UTC.
        Assert.Equal(
            new DateTimeOffset(2026, 3, 5, 4, 0, 0, TimeSpan.Zero),
            calculator.AfterDays(Day("2026-03-03"), 1, DayCounting.Calendar).EndsAtUtc);

        // Midnight after Wednesday 10-28 happens twice: the day ends at the first one (daylight time, UTC-3).
        Assert.Equal(
            new DateTimeOffset(2026, 10, 29, 3, 0, 0, TimeSpan.Zero),
            calculator.AfterDays(Day("2026-10-27"), 1, DayCounting.Calendar).EndsAtUtc);
    }

    // ---- Missing calendar years ----

    [Fact]
    public void A_calendar_day_period_ending_in_2027_throws_naming_2027()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(
            () => _calculator.AfterDays(Day("2026-12-20"), 30, DayCounting.Calendar));

        Assert.Equal(2027, ex.Year);
        Assert.Contains("2027", ex.Message);
        Assert.Contains("workflows/calendars/2027.json", ex.Message);
    }

    [Fact]
    public void A_working_day_period_running_into_2027_throws_naming_2027()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(
            () => _calculator.AfterDays(Day("2026-12-24"), 10, DayCounting.WorkingDays));

        Assert.Equal(2027, ex.Year);
        Assert.Contains("2027", ex.Message);
    }

    [Fact]
    public void A_month_period_ending_in_2027_throws_naming_2027()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => _calculator.AfterMonths(Day("2026-12-01"), 1));

        Assert.Equal(2027, ex.Year);
    }

    // ---- Year boundary ----

    [Fact]
    public void Working_days_cross_from_2025_into_2026_skipping_New_Year_and_counting_the_make_up_Sunday()
    {
        // Fri 2025-12-26: 12-29 (1), 12-30 (2), 12-31 (3), 01-01..01-03 off, Sun 01-04 make-up (4), Mon 01-05 (5).
        var deadline = _calculator.AfterDays(Day("2025-12-26"), 5, DayCounting.WorkingDays);

        Assert.Equal(Day("2026-01-05"), deadline.LastDay);
        Assert.Contains("2026-01-04", deadline.Explanation);
    }

    [Fact]
    public void Calendar_days_ending_on_New_Year_2026_roll_to_the_make_up_Sunday()
    {
        // Day 10 is 2026-01-01; 01-02 and 01-03 are also off; Sunday 01-04 is a make-up working day.
        var deadline = _calculator.AfterDays(Day("2025-12-22"), 10, DayCounting.Calendar);

        Assert.Equal(Day("2026-01-04"), deadline.LastDay);
        Assert.Equal(DayOfWeek.Sunday, deadline.LastDay.DayOfWeek);
        Assert.Equal("civil-code-201;civil-code-203", deadline.Rule);
    }

    // ---- Months and years (art. 202) ----

    [Fact]
    public void Month_from_2026_01_15_ends_on_the_corresponding_day_then_rolls_over_Spring_Festival()
    {
        var deadline = _calculator.AfterMonths(Day("2026-01-15"), 1);

        Assert.Equal(Day("2026-02-24"), deadline.LastDay);
        Assert.Equal(DeadlineUnits.Months, deadline.Unit);
        Assert.Equal(1, deadline.Amount);
        Assert.Equal(DayCounting.Calendar, deadline.Counting);
        Assert.Equal("civil-code-201;civil-code-202;civil-code-203", deadline.Rule);
        Assert.Equal(
            "自2026-01-15次日起算1个月，依《民法典》第二百零二条，期间最后一日为到期月的对应日2026-02-15（法定休假日），依《民法典》第二百零三条顺延至休假日结束的次日2026-02-24。",
            deadline.Explanation);
    }

    [Fact]
    public void Month_from_January_31_ends_on_the_last_day_of_February_2026_a_make_up_Saturday()
    {
        var deadline = _calculator.AfterMonths(Day("2026-01-31"), 1);

        Assert.Equal(Day("2026-02-28"), deadline.LastDay);
        Assert.Equal("civil-code-201;civil-code-202", deadline.Rule);
        Assert.Equal(
            "自2026-01-31次日起算1个月，依《民法典》第二百零二条，到期月没有31日，期间最后一日为该月末日2026-02-28（调休上班日，不属法定休假日）。",
            deadline.Explanation);
    }

    [Fact]
    public void Month_from_January_31_2025_ends_on_February_28()
    {
        Assert.Equal(Day("2025-02-28"), _calculator.AfterMonths(Day("2025-01-31"), 1).LastDay);
    }

    [Fact]
    public void Month_from_January_31_of_a_leap_year_ends_on_February_29()
    {
        var calculator = WeekendsOnlyCalculator(2028);

        var deadline = calculator.AfterMonths(Day("2028-01-31"), 1);

        Assert.Equal(Day("2028-02-29"), deadline.LastDay);
        Assert.Contains("到期月没有31日", deadline.Explanation);
    }

    [Fact]
    public void Months_from_a_month_end_keep_the_start_day_number_where_it_exists()
    {
        // 2025-04-30 + 1 month: May has a 30th, so the last day is 05-30 (a Friday), not May 31.
        Assert.Equal(Day("2025-05-30"), _calculator.AfterMonths(Day("2025-04-30"), 1).LastDay);
    }

    [Fact]
    public void Year_from_2025_02_28_ends_on_2026_02_28_a_make_up_Saturday()
    {
        var deadline = _calculator.AfterYears(Day("2025-02-28"), 1);

        Assert.Equal(Day("2026-02-28"), deadline.LastDay);
        Assert.Equal(DeadlineUnits.Years, deadline.Unit);
        Assert.Equal(1, deadline.Amount);
        Assert.Equal("civil-code-201;civil-code-202", deadline.Rule);
        Assert.StartsWith("自2025-02-28次日起算1年，", deadline.Explanation);
    }

    [Fact]
    public void Year_from_2025_03_07_ends_on_Saturday_2026_03_07_and_rolls_to_Monday()
    {
        var deadline = _calculator.AfterYears(Day("2025-03-07"), 1);

        Assert.Equal(Day("2026-03-09"), deadline.LastDay);
        Assert.Equal("civil-code-201;civil-code-202;civil-code-203", deadline.Rule);
    }

    [Fact]
    public void Year_from_February_29_ends_on_February_28_of_a_common_year()
    {
        var calculator = WeekendsOnlyCalculator(2028, 2029);

        var deadline = calculator.AfterYears(Day("2028-02-29"), 1);

        Assert.Equal(Day("2029-02-28"), deadline.LastDay); // a Wednesday
        Assert.Contains("到期月没有29日", deadline.Explanation);
    }

    // ---- "N days before an event" ----

    [Fact]
    public void Materials_7_days_before_a_hearing_on_2026_03_16_are_due_by_2026_03_09()
    {
        Assert.Equal(Day("2026-03-09"), _calculator.LatestDayBefore(Day("2026-03-16"), 7));
    }

    [Fact]
    public void Days_before_an_event_never_roll_forward_onto_a_working_day()
    {
        // 2026-10-08 minus 7 is National Day; moving it later would leave the recipient fewer than 7 days.
        Assert.Equal(Day("2026-10-01"), _calculator.LatestDayBefore(Day("2026-10-08"), 7));
    }

    [Fact]
    public void Days_before_an_event_need_no_calendar_data()
    {
        Assert.Equal(Day("2027-03-08"), _calculator.LatestDayBefore(Day("2027-03-15"), 7));
    }

    // ---- Arguments ----

    [Fact]
    public void Non_positive_lengths_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.AfterDays(Day("2026-03-02"), 0, DayCounting.Calendar));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.AfterDays(Day("2026-03-02"), -1, DayCounting.WorkingDays));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.AfterMonths(Day("2026-03-02"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.AfterYears(Day("2026-03-02"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.LatestDayBefore(Day("2026-03-02"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.AfterDays(Day("2026-03-02"), 1, (DayCounting)7));
    }
}
