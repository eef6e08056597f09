using System.Globalization;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>Small view helpers: the text in the reader's language, local times in the jurisdiction's zone, days left.</summary>
public static class Ui
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The definition's or data's English text when English is chosen and there is one, else the Chinese.</summary>
    public static string Pick(string chinese, string? english) => IsEnglish && !string.IsNullOrWhiteSpace(english) ? english : chinese;

    public static string RoleName(string roleId) => Roles.All.FirstOrDefault(r => r.Id == roleId) is { } role ? Pick(role.Name, role.NameEn) : roleId;

    public static TimeZoneInfo Zone(string? timeZoneId, TimeZoneInfo fallback) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : fallback;

    /// <summary>An instant as the jurisdiction's wall-clock time (the statute counts the jurisdiction's days).</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The end of a period as people read it: a period ends at 24:00 of its last local day (《民法典》第二百零三条), so
    /// an end at local midnight is shown as the previous day's 24:00, not the next day's 00:00.
    /// </summary>
    public static string PeriodEnd(DateTimeOffset end, TimeZoneInfo zone) => ReaderTime.When(end, zone).ToText(CultureInfo.InvariantCulture);

    /// <summary>Machine-readable form for &lt;time datetime&gt;.</summary>
    public static string Iso(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    /// <summary>Calendar days from today to the due day, both in the jurisdiction's zone; negative when overdue.</summary>
    public static int DaysLeft(DateTimeOffset due, DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, zone).DateTime).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).DayNumber;
}
