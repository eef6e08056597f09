using RuleOfLaw.Workflow.Engine.Calendar;
using static RuleOfLaw.Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace RuleOfLaw.Workflow.Engine.Tests.Calendar;

public sealed class HolidayCalendarTests
{
    [Theory]
    [InlineData("2026-03-10", true)]  // ordinary Tuesday
    [InlineData("2026-03-07", false)] // ordinary Saturday
    [InlineData("2026-03-08", false)] // ordinary Sunday
    [InlineData("2026-10-01", false)] // National Day, a Thursday
    [InlineData("2026-02-23", false)] // last day of Spring Festival, a Monday
    [InlineData("2026-02-28", true)]  // make-up working Saturday
    [InlineData("2026-01-04", true)]  // make-up working Sunday
    [InlineData("2025-10-08", false)] // 2025 National Day runs to Oct 8 (Mid-Autumn merged)
    [InlineData("2025-10-11", true)]  // make-up working Saturday
    public void IsWorkingDay_follows_weekends_holidays_and_make_up_days(string day, bool working)
    {
        Assert.Equal(working, RepositoryCalendar.IsWorkingDay(Day(day)));
        Assert.Equal(!working, RepositoryCalendar.IsStatutoryRestDay(Day(day)));
    }

    [Fact]
    public void A_year_without_data_throws_and_names_the_file_to_add()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => RepositoryCalendar.IsWorkingDay(Day("2027-01-04")));

        Assert.Equal(2027, ex.Year);
        Assert.Contains("2027", ex.Message);
        Assert.Contains("workflows/calendars/2027.json", ex.Message);
        Assert.Throws<CalendarYearMissingException>(() => RepositoryCalendar.IsStatutoryRestDay(Day("2024-12-31")));
    }

    [Fact]
    public void Missing_year_message_is_Chinese_first_then_English()
    {
        var message = new CalendarYearMissingException(2027).Message;

        Assert.StartsWith("缺少2027年", message);
        Assert.True(message.IndexOf("缺少", StringComparison.Ordinal) < message.IndexOf("administrator", StringComparison.Ordinal));
    }

    [Fact]
    public void Years_are_listed_in_order()
    {
        Assert.Equal(new[] { 2025, 2026 }, RepositoryCalendar.Years);
    }

    [Fact]
    public void Constructor_rejects_the_same_year_twice()
    {
        var year = new HolidayCalendarYear(2026, new HashSet<DateOnly>(), new HashSet<DateOnly>(), "a");

        var ex = Assert.Throws<ArgumentException>(() => new HolidayCalendar([year, year with { Source = "b" }]));
        Assert.Contains("2026", ex.Message);
    }

    [Fact]
    public void Constructor_rejects_a_day_both_off_and_make_up()
    {
        var saturday = Day("2026-02-28");
        var year = new HolidayCalendarYear(2026, new HashSet<DateOnly> { saturday }, new HashSet<DateOnly> { saturday }, "a");

        var ex = Assert.Throws<ArgumentException>(() => new HolidayCalendar([year]));
        Assert.Contains("2026-02-28", ex.Message);
    }
}
