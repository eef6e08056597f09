namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// A date falls into a year for which no holiday calendar has been loaded.
/// </summary>
/// <remarks>
/// The State Council General Office publishes each year's holidays only late in the year before. Treating an
/// unpublished year as an ordinary year (weekends only) would silently produce wrong deadlines around Spring
/// Festival or National Day, so the engine refuses instead and tells the administrator which file to add.
/// </remarks>
public sealed class CalendarYearMissingException : Exception
{
    public CalendarYearMissingException(int year)
        : base(BuildMessage(year))
    {
        Year = year;
    }

    /// <summary>The year that has no calendar data.</summary>
    public int Year { get; }

    private static string BuildMessage(int year) =>
        $"缺少{year}年的节假日日历，无法判断该年的工作日和法定休假日，也不会把该年当作没有节假日的普通年份计算期限；" +
        $"请管理员在国务院办公厅公布{year}年节假日安排后添加 workflows/calendars/{year}.json。" +
        $" No holiday calendar is loaded for {year}: working days and statutory rest days in that year are unknown, " +
        $"and the year is not treated as an ordinary year; an administrator must add workflows/calendars/{year}.json " +
        "once the State Council has published that year's holidays.";
}
