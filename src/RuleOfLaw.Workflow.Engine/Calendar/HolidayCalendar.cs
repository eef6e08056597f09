namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// The working-day calendar of the jurisdiction: weekends, public holidays and make-up working days per year.
/// </summary>
/// <remarks>
/// 《民法典》第二百零三条 moves a period's last day off a statutory rest day (法定休假日): the weekly rest days and the
/// public holidays, but not a weekend day the State Council has declared a make-up working day. The holidays change
/// every year, so they are data (one file per year) rather than code, and a year without data is an error rather
/// than an ordinary year.
/// <para>
/// A year can be added while the server runs (<see cref="Add"/>: an administrator loads next year's calendar once
/// the State Council has published it). Readers see either the calendar before or after the addition, never half of
/// it: the year table is replaced as a whole, never edited in place.
/// </para>
/// </remarks>
public sealed class HolidayCalendar
{
    private readonly Lock _writeLock = new();
    private volatile Dictionary<int, HolidayCalendarYear> _years;

    public HolidayCalendar(IEnumerable<HolidayCalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        Dictionary<int, HolidayCalendarYear> table = [];
        foreach (var year in years)
        {
            ArgumentNullException.ThrowIfNull(year, nameof(years));
            var problems = year.FindProblems().ToList();
            if (problems.Count > 0)
            {
                throw new ArgumentException(
                    $"节假日日历{year.Year}年的数据有误 / The holiday calendar for {year.Year} is invalid: " +
                    string.Join("; ", problems),
                    nameof(years));
            }

            // Two sources for one year would make the answer depend on load order; refuse rather than guess.
            if (!table.TryAdd(year.Year, year))
            {
                throw new ArgumentException(
                    $"节假日日历{year.Year}年的数据重复 / The holiday calendar for {year.Year} is given more than once.",
                    nameof(years));
            }
        }

        _years = table;
    }

    /// <summary>The years that have data, in ascending order.</summary>
    public IReadOnlyCollection<int> Years => _years.Keys.Order().ToArray();

    /// <summary>Whether <paramref name="year"/> has data.</summary>
    public bool HasYear(int year) => _years.ContainsKey(year);

    /// <summary>The data of <paramref name="year"/>, or null when it has none.</summary>
    public HolidayCalendarYear? Year(int year) => _years.GetValueOrDefault(year);

    /// <summary>
    /// Adds a year that has no data yet (an administrator loading next year's calendar while the server runs).
    /// </summary>
    /// <returns>False when the year already has data: a loaded year is never replaced, because deadlines were already
    /// counted on it (a correction is a new release of the file and a restart, deliberately).</returns>
    /// <exception cref="ArgumentException">The year's data is inconsistent.</exception>
    public bool Add(HolidayCalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var problems = year.FindProblems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"节假日日历{year.Year}年的数据有误 / The holiday calendar for {year.Year} is invalid: " + string.Join("; ", problems),
                nameof(year));
        }

        lock (_writeLock)
        {
            if (_years.ContainsKey(year.Year))
            {
                return false;
            }

            _years = new Dictionary<int, HolidayCalendarYear>(_years) { [year.Year] = year };
            return true;
        }
    }

    /// <summary>
    /// Reads every <c>{yyyy}.json</c> file in <paramref name="directory"/> (other files are ignored).
    /// </summary>
    /// <exception cref="InvalidDataException">A file is malformed; the message names the file and the problem.</exception>
    public static HolidayCalendar LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"节假日日历目录不存在 / The holiday calendar directory does not exist: {directory}");
        }

        var years = Directory.EnumerateFiles(directory, "*.json")
            .Where(HolidayCalendarFile.IsYearFileName)
            .Order(StringComparer.Ordinal)
            .Select(HolidayCalendarFile.Read);
        return new HolidayCalendar(years);
    }

    /// <summary>
    /// Whether <paramref name="day"/> is a working day: a make-up working day, or a weekday that is not a day off.
    /// </summary>
    /// <exception cref="CalendarYearMissingException">The calendar has no data for the day's year.</exception>
    public bool IsWorkingDay(DateOnly day)
    {
        if (!_years.TryGetValue(day.Year, out var year))
        {
            throw new CalendarYearMissingException(day.Year);
        }

        // Make-up days first: they are weekend days that the State Council has turned into working days.
        if (year.MakeUpWorkingDays.Contains(day))
        {
            return true;
        }

        return !year.DaysOff.Contains(day) && !HolidayCalendarYear.IsWeekend(day);
    }

    /// <summary>
    /// Whether <paramref name="day"/> is a statutory rest day (法定休假日) in the sense of 《民法典》第二百零三条.
    /// </summary>
    /// <exception cref="CalendarYearMissingException">The calendar has no data for the day's year.</exception>
    public bool IsStatutoryRestDay(DateOnly day) => !IsWorkingDay(day);

    /// <summary>Whether <paramref name="day"/> is a make-up working day (调休上班日); used to explain deadlines.</summary>
    internal bool IsMakeUpWorkingDay(DateOnly day) =>
        _years.TryGetValue(day.Year, out var year) && year.MakeUpWorkingDays.Contains(day);

    /// <summary>Whether <paramref name="day"/> is a published day off (not merely a weekend); used to explain deadlines.</summary>
    internal bool IsPublishedDayOff(DateOnly day) =>
        _years.TryGetValue(day.Year, out var year) && year.DaysOff.Contains(day);
}
