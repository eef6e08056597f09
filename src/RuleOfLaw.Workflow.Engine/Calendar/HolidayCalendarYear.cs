namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// One year's public holidays and make-up working days, as published by the State Council General Office.
/// </summary>
/// <param name="Year">The calendar year the data belongs to.</param>
/// <param name="DaysOff">Public holidays and the weekend days merged into them (法定休假日 other than plain weekends).</param>
/// <param name="MakeUpWorkingDays">Weekend days declared working days (调休上班日); they are not statutory rest days.</param>
/// <param name="Source">Where the data comes from, normally the title of the State Council notice, so it can be checked.</param>
public sealed record HolidayCalendarYear(
    int Year,
    IReadOnlySet<DateOnly> DaysOff,
    IReadOnlySet<DateOnly> MakeUpWorkingDays,
    string Source)
{
    /// <summary>
    /// Describes everything wrong with this year's data; empty when it is consistent.
    /// Used both by <see cref="HolidayCalendar"/>'s constructor and by the file loader, so that data built in code
    /// and data read from files obey the same rules.
    /// </summary>
    internal IEnumerable<string> FindProblems()
    {
        if (Year is < 1 or > 9999)
        {
            yield return $"year {Year} is not a valid year";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Source))
        {
            // Every computed deadline must be explainable, and that includes where the holidays came from.
            yield return "source is empty; name the State Council notice the data comes from";
        }

        foreach (var day in DaysOff.Where(d => d.Year != Year).Order())
        {
            yield return $"day off {day:yyyy-MM-dd} is outside the year {Year}";
        }

        foreach (var day in MakeUpWorkingDays.Where(d => d.Year != Year).Order())
        {
            yield return $"make-up working day {day:yyyy-MM-dd} is outside the year {Year}";
        }

        foreach (var day in DaysOff.Intersect(MakeUpWorkingDays).Order())
        {
            yield return $"{day:yyyy-MM-dd} is listed both as a day off and as a make-up working day";
        }

        // A make-up working day (调休上班日) is by definition a weekend day declared a working day; a weekday in the
        // list is a typing error that would otherwise go unnoticed because weekdays are working days anyway.
        foreach (var day in MakeUpWorkingDays.Where(d => !IsWeekend(d)).Order())
        {
            yield return $"make-up working day {day:yyyy-MM-dd} is a {day.DayOfWeek}, not a weekend day";
        }
    }

    /// <summary>
    /// Reads one year's calendar from its JSON text (the form of <c>workflows/calendars/{yyyy}.json</c>) with every
    /// check a file gets; <paramref name="year"/> must be the year the text says.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is malformed; the message lists every problem found.</exception>
    public static HolidayCalendarYear Parse(string json, int year, string source = "upload")
    {
        ArgumentNullException.ThrowIfNull(json);
        return HolidayCalendarFile.Parse(json, year, source);
    }

    internal static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
