using RuleOfLaw.Workflow.Engine.Calendar;
using static RuleOfLaw.Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace RuleOfLaw.Workflow.Engine.Tests.Calendar;

/// <summary>
/// A period ending in a year without a calendar (the repository has none for 2027) gets its earliest possible end,
/// marked provisional (issue 16 item 6); a period inside known years is unchanged.
/// </summary>
public sealed class ProvisionalDeadlineTests
{
    private readonly DeadlineCalculator _calculator = Calculator();

    [Fact]
    public void Thirty_days_from_6_December_2026_run_at_least_until_5_January_2027()
    {
        Assert.Throws<CalendarYearMissingException>(() => _calculator.AfterDays(Day("2026-12-06"), 30, DayCounting.Calendar));
        var deadline = _calculator.AfterDaysAtLeast(Day("2026-12-06"), 30, DayCounting.Calendar);

        Assert.Equal((Day("2027-01-05"), 2027, true), (deadline.LastDay, deadline.ProvisionalYear, deadline.IsProvisional));
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 16, 0, 0, TimeSpan.Zero), deadline.EndsAtUtc);
        Assert.EndsWith(DeadlineRules.ProvisionalCalendarMissing, deadline.Rule);
        Assert.Contains("期限至少至2027-01-05", deadline.Explanation);
    }

    [Fact]
    public void Working_days_in_the_unknown_year_count_as_possible_working_days()
    {
        // Thursday 2026-12-24: 25, 28, 29, 30, 31 (five working days of 2026), then 01-01..01-05 counted as possible working days.
        var deadline = _calculator.AfterDaysAtLeast(Day("2026-12-24"), 10, DayCounting.WorkingDays);
        Assert.Equal((Day("2027-01-05"), 2027), (deadline.LastDay, deadline.ProvisionalYear));
    }

    [Fact]
    public void Near_the_year_end_a_period_ending_in_a_known_year_stays_final_and_still_rolls_forward()
    {
        // 2026-12-26 is a Saturday: rolled forward to Monday 12-28; 12-31 is a Thursday working day. Neither needs 2027.
        var deadline = _calculator.AfterDaysAtLeast(Day("2026-12-11"), 15, DayCounting.Calendar);
        Assert.Equal((Day("2026-12-28"), (int?)null), (deadline.LastDay, deadline.ProvisionalYear));
        var across = _calculator.AfterDaysAtLeast(Day("2026-12-16"), 15, DayCounting.Calendar);
        Assert.Equal((Day("2026-12-31"), (int?)null), (across.LastDay, across.ProvisionalYear));
    }

    [Fact]
    public void A_period_within_known_years_is_final_and_equal_to_the_exact_count()
    {
        var exact = _calculator.AfterDays(Day("2026-09-16"), 15, DayCounting.Calendar);
        Assert.Equal(exact, _calculator.AfterDaysAtLeast(Day("2026-09-16"), 15, DayCounting.Calendar));
        Assert.False(exact.IsProvisional);
    }

    [Fact]
    public void A_year_added_while_running_is_used_at_once_and_never_replaced()
    {
        var calculator = WeekendsOnlyCalculator(2026);
        var year2027 = new HolidayCalendarYear(2027, new HashSet<DateOnly> { Day("2027-01-05") }, new HashSet<DateOnly>(), "test data, not official");
        Assert.True(calculator.AfterDaysAtLeast(Day("2026-12-06"), 30, DayCounting.Calendar).IsProvisional);

        Assert.True(calculator.Calendar.Add(year2027));
        Assert.False(calculator.Calendar.Add(year2027 with { Source = "another" }));
        var final = calculator.AfterDaysAtLeast(Day("2026-12-06"), 30, DayCounting.Calendar);
        Assert.Equal((Day("2027-01-06"), false), (final.LastDay, final.IsProvisional));
        Assert.Throws<ArgumentException>(() => calculator.Calendar.Add(new HolidayCalendarYear(2028, new HashSet<DateOnly>(), new HashSet<DateOnly> { Day("2028-01-03") }, "x")));
    }
}
