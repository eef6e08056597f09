using RuleOfLaw.Workflow.Engine.Calendar;
using static RuleOfLaw.Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace RuleOfLaw.Workflow.Engine.Tests.Calendar;

public sealed class HolidayCalendarFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rol-calendar-tests-" + Guid.NewGuid().ToString("N"));

    public HolidayCalendarFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_repository_files_load_with_exactly_the_published_days()
    {
        var calendar = HolidayCalendar.LoadDirectory(CalendarDirectory);

        Assert.Equal(new[] { 2025, 2026 }, calendar.Years);
        Assert.False(File.Exists(Path.Combine(CalendarDirectory, "2027.json")), "2027 is not published yet");

        // Every day of the two years, checked against the shared domain document's lists.
        var daysOff = Ranges(
            ("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
            ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"),
            ("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
            ("2026-10-01", "2026-10-07"));
        var makeUp = new[]
        {
            "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        }.Select(Day).ToHashSet();

        for (var day = Day("2025-01-01"); day <= Day("2026-12-31"); day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var expected = makeUp.Contains(day) || (!weekend && !daysOff.Contains(day));
            Assert.True(expected == calendar.IsWorkingDay(day), $"{day:yyyy-MM-dd}: expected working={expected}");
        }
    }

    [Fact]
    public void The_repository_files_name_their_source_and_holidays()
    {
        foreach (var year in new[] { 2025, 2026 })
        {
            var text = File.ReadAllText(Path.Combine(CalendarDirectory, $"{year}.json"));
            Assert.Contains($"国务院办公厅关于{year}年部分节假日安排的通知", text);
            foreach (var name in new[] { "元旦", "春节", "清明节", "劳动节", "端午节", "国庆节" })
            {
                Assert.Contains(name, text);
            }
        }

        Assert.Contains("中秋节", File.ReadAllText(Path.Combine(CalendarDirectory, "2026.json")));
    }

    [Fact]
    public void A_day_both_off_and_make_up_fails_naming_the_file()
    {
        Write("2026.json", DaysOff("2026-02-28", "2026-02-28"), "\"2026-02-28\"");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026.json", ex.Message);
        Assert.Contains("2026-02-28", ex.Message);
        Assert.Contains("both", ex.Message);
    }

    [Fact]
    public void A_date_outside_the_files_year_fails_naming_the_file()
    {
        Write("2026.json", DaysOff("2025-12-31", "2026-01-03"), "");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026.json", ex.Message);
        Assert.Contains("2025-12-31", ex.Message);
        Assert.Contains("outside the year 2026", ex.Message);
    }

    [Fact]
    public void A_make_up_day_outside_the_files_year_fails()
    {
        Write("2026.json", DaysOff("2026-01-01", "2026-01-03"), "\"2027-01-02\"");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026.json", ex.Message);
        Assert.Contains("2027-01-02", ex.Message);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026/02/14")]
    [InlineData("next Saturday")]
    public void An_unparsable_date_fails_naming_the_file_and_the_text(string text)
    {
        Write("2026.json", DaysOff("2026-01-01", "2026-01-03"), $"\"{text}\"");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026.json", ex.Message);
        Assert.Contains(text, ex.Message);
    }

    [Fact]
    public void A_year_that_does_not_match_the_file_name_fails()
    {
        File.WriteAllText(Path.Combine(_directory, "2027.json"), Json(2026, DaysOff("2026-01-01", "2026-01-03"), ""));

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2027.json", ex.Message);
        Assert.Contains("file name", ex.Message);
    }

    [Fact]
    public void A_misspelt_property_fails_instead_of_dropping_the_make_up_days()
    {
        File.WriteAllText(
            Path.Combine(_directory, "2026.json"),
            """{ "year": 2026, "source": "s", "daysOff": [], "makeUpWorkingDays": [], "makeupWorkingDays": [ "2026-02-28" ] }""");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026.json", ex.Message);
        Assert.Contains("makeupWorkingDays", ex.Message);
    }

    [Fact]
    public void A_make_up_day_on_a_weekday_fails()
    {
        Write("2026.json", DaysOff("2026-01-01", "2026-01-03"), "\"2026-03-04\"");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026-03-04", ex.Message);
        Assert.Contains("not a weekend day", ex.Message);
    }

    [Fact]
    public void Overlapping_holiday_ranges_fail()
    {
        Write("2026.json", DaysOff("2026-10-01", "2026-10-07") + ", " + DaysOff("2026-10-07", "2026-10-08"), "");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026-10-07", ex.Message);
        Assert.Contains("listed twice", ex.Message);
    }

    [Fact]
    public void Invalid_json_fails_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_directory, "2026.json"), "{ \"year\": 2026, ");

        var ex = Assert.Throws<InvalidDataException>(() => HolidayCalendar.LoadDirectory(_directory));

        Assert.Contains("2026.json", ex.Message);
    }

    [Fact]
    public void Files_not_named_after_a_year_are_ignored()
    {
        Write("2026.json", DaysOff("2026-01-01", "2026-01-03"), "\"2026-01-04\"");
        File.WriteAllText(Path.Combine(_directory, "schema.json"), "not a calendar");

        var calendar = HolidayCalendar.LoadDirectory(_directory);

        Assert.Equal(new[] { 2026 }, calendar.Years);
        Assert.True(calendar.IsWorkingDay(Day("2026-01-04")));
        Assert.False(calendar.IsWorkingDay(Day("2026-01-02")));
    }

    private void Write(string fileName, string daysOff, string makeUp) =>
        File.WriteAllText(Path.Combine(_directory, fileName), Json(int.Parse(fileName[..4]), daysOff, makeUp));

    private static string Json(int year, string daysOff, string makeUp) =>
        $$"""{ "year": {{year}}, "source": "test", "daysOff": [ {{daysOff}} ], "makeUpWorkingDays": [ {{makeUp}} ] }""";

    private static string DaysOff(string from, string to) =>
        $$"""{ "from": "{{from}}", "to": "{{to}}", "name": "测试" }""";

    private static HashSet<DateOnly> Ranges(params (string From, string To)[] ranges)
    {
        var days = new HashSet<DateOnly>();
        foreach (var (from, to) in ranges)
        {
            for (var day = Day(from); day <= Day(to); day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        return days;
    }
}
