using RuleOfLaw.Workflow.Engine.Calendar;

namespace RuleOfLaw.Workflow.Engine.Tests.Calendar;

/// <summary>
/// The repository's real calendar files, loaded once: the worked examples are checked against the data an
/// administrator actually ships, so a typing error in a data file fails a test.
/// </summary>
internal static class CalendarTestData
{
    private static readonly Lazy<string> RepoRoot = new(FindRepositoryRoot);
    private static readonly Lazy<HolidayCalendar> LoadedCalendar = new(() => HolidayCalendar.LoadDirectory(CalendarDirectory));

    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static string CalendarDirectory => Path.Combine(RepoRoot.Value, "workflows", "calendars");

    public static HolidayCalendar RepositoryCalendar => LoadedCalendar.Value;

    public static DeadlineCalculator Calculator() => new(RepositoryCalendar, Shanghai);

    /// <summary>A calculator over weekends-only years, for dates (leap years) the real files do not cover.</summary>
    public static DeadlineCalculator WeekendsOnlyCalculator(params int[] years) =>
        new(
            new HolidayCalendar(years.Select(y =>
                new HolidayCalendarYear(y, new HashSet<DateOnly>(), new HashSet<DateOnly>(), "test data: weekends only"))),
            Shanghai);

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleOfLaw.Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RuleOfLaw.Workflow.sln not found above {AppContext.BaseDirectory}");
    }
}
