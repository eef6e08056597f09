using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RuleOfLaw.Workflow.Server.Calendars;

/// <summary>
/// <c>Calendars:*</c>: when to start warning that next year's holiday calendar is missing (issue 16 item 6).
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendars";

    /// <summary>
    /// From this day of the year (<c>MM-dd</c>, local time of the server's time zone; default <c>11-01</c>: the State
    /// Council usually publishes next year's holidays in November) a missing next-year calendar makes <c>/health</c>
    /// Degraded and mails the administrators.
    /// </summary>
    [RegularExpression(@"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", ErrorMessage = "Calendars:WarnFrom must be MM-dd, e.g. 11-01.")]
    public string WarnFrom { get; set; } = "11-01";

    /// <summary>Mail the administrators (once per year and administrator) when the warning starts. Default true.</summary>
    public bool MailAdministrators { get; set; } = true;

    /// <summary>The first day of <paramref name="year"/> on which next year's calendar is expected.</summary>
    public DateOnly WarnFromIn(int year)
    {
        var parts = WarnFrom.Split('-');
        var month = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var day = Math.Min(int.Parse(parts[1], CultureInfo.InvariantCulture), DateTime.DaysInMonth(year, month));
        return new DateOnly(year, month, day);
    }
}
