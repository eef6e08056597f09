using System.Globalization;
using System.Text.Json;

namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// Reads one <c>workflows/calendars/{yyyy}.json</c> file.
/// </summary>
/// <remarks>
/// An administrator edits these files by hand when the State Council publishes the next year's holidays, so every
/// problem is reported with the file name and a precise reason, and unknown properties are rejected (a misspelt
/// "makeupWorkingDays" must not silently drop all make-up days).
/// </remarks>
internal static class HolidayCalendarFile
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Whether a path names a year file such as <c>2026.json</c>.</summary>
    public static bool IsYearFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.Length == 4 && name.All(char.IsAsciiDigit);
    }

    /// <summary>Reads and checks one file.</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the problem.</exception>
    public static HolidayCalendarYear Read(string path) =>
        Parse(File.ReadAllText(path), int.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture), path);

    /// <summary>
    /// Reads and checks one year's calendar given as text (a file's content, or what an administrator uploads),
    /// with the same rules as a file; <paramref name="expectedYear"/> plays the file name's part.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is malformed; the message names <paramref name="path"/> and the problem.</exception>
    public static HolidayCalendarYear Parse(string json, int expectedYear, string path)
    {
        FileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(json, Options);
        }
        catch (JsonException ex)
        {
            throw Invalid(path, $"not valid calendar JSON: {ex.Message}", ex);
        }

        if (dto is null)
        {
            throw Invalid(path, "the file is empty (null)");
        }

        var problems = new List<string>();
        var fileYear = expectedYear;
        if (dto.Year is not { } year)
        {
            problems.Add("\"year\" is missing");
            year = fileYear;
        }
        else if (year != fileYear)
        {
            // The file name is how an administrator finds a year; a mismatch means a copied file was not updated.
            problems.Add($"\"year\" is {year} but the file name (or the year in the address) says {fileYear}");
        }

        if (dto.Source is null)
        {
            problems.Add("\"source\" is missing");
        }

        var daysOff = new HashSet<DateOnly>();
        if (dto.DaysOff is null)
        {
            problems.Add("\"daysOff\" is missing");
        }
        else
        {
            foreach (var (range, index) in dto.DaysOff.Select((r, i) => (r, i)))
            {
                ReadRange(range, index, daysOff, problems);
            }
        }

        var makeUp = new HashSet<DateOnly>();
        if (dto.MakeUpWorkingDays is null)
        {
            problems.Add("\"makeUpWorkingDays\" is missing");
        }
        else
        {
            foreach (var text in dto.MakeUpWorkingDays)
            {
                if (TryParseDate(text, $"makeUpWorkingDays entry \"{text}\"", problems) is { } day && !makeUp.Add(day))
                {
                    problems.Add($"make-up working day {day:yyyy-MM-dd} is listed twice");
                }
            }
        }

        var result = new HolidayCalendarYear(year, daysOff, makeUp, dto.Source ?? string.Empty);
        if (problems.Count == 0)
        {
            problems.AddRange(result.FindProblems());
        }

        if (problems.Count > 0)
        {
            throw Invalid(path, string.Join("; ", problems));
        }

        return result;
    }

    private static void ReadRange(RangeDto? range, int index, HashSet<DateOnly> daysOff, List<string> problems)
    {
        var where = $"daysOff[{index}]";
        if (range is null)
        {
            problems.Add($"{where} is null");
            return;
        }

        if (string.IsNullOrWhiteSpace(range.Name))
        {
            problems.Add($"{where} has no \"name\"");
        }

        var from = TryParseDate(range.From, $"{where}.from", problems);
        var to = TryParseDate(range.To, $"{where}.to", problems);
        if (from is not { } first || to is not { } last)
        {
            return;
        }

        if (last < first)
        {
            problems.Add($"{where} ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd})");
            return;
        }

        for (var day = first; day <= last; day = day.AddDays(1))
        {
            // Overlapping ranges usually mean one holiday was typed with the wrong dates.
            if (!daysOff.Add(day))
            {
                problems.Add($"day off {day:yyyy-MM-dd} is listed twice ({where} overlaps an earlier range)");
            }
        }
    }

    private static DateOnly? TryParseDate(string? text, string what, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{what} is missing");
            return null;
        }

        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add($"{what}: \"{text}\" is not a date in the form {DateFormat}");
            return null;
        }

        return day;
    }

    private static InvalidDataException Invalid(string path, string problem, Exception? inner = null) =>
        new($"节假日日历文件有误 / Invalid holiday calendar file {path}: {problem}", inner);

    private sealed record FileDto(int? Year, string? Source, List<RangeDto?>? DaysOff, List<string>? MakeUpWorkingDays);

    private sealed record RangeDto(string? From, string? To, string? Name);
}
