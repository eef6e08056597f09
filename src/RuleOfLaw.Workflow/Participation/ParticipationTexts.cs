using System.Globalization;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>The public participation module's texts (its refusals): <c>ParticipationTexts.resx</c> (zh-CN) and <c>ParticipationTexts.en.resx</c>.</summary>
public sealed class ParticipationTexts : TextCatalog
{
    public static readonly ParticipationTexts Catalog = new();

    private ParticipationTexts() : base("participation")
    {
    }

    /// <summary>
    /// An instant for a text in the jurisdiction's time: an end at local midnight is the previous day's 24:00 (a period's
    /// end, 《民法典》第二百零三条), any other instant its local date and time.
    /// </summary>
    public static IReaderText When(DateTimeOffset at, string timeZone) => ReaderTime.When(at, timeZone);
}

/// <summary>A period's length as a reader says it: 30日 / 30 days, 7个工作日 / 7 working days, 3个月 / 3 months.</summary>
public sealed record PeriodLength(int Amount, string Unit, DayCounting Counting) : IReaderText
{
    public static PeriodLength Of(Deadline deadline) => new(deadline.Amount, deadline.Unit, deadline.Counting);

    public string ToText(CultureInfo culture)
    {
        var n = Amount.ToString(CultureInfo.InvariantCulture);
        var chinese = TextCatalog.IsChinese(culture);
        return Unit switch
        {
            DeadlineUnits.Months => chinese ? $"{n}个月" : $"{n} months",
            DeadlineUnits.Years => chinese ? $"{n}年" : $"{n} years",
            _ when Counting == DayCounting.WorkingDays => chinese ? $"{n}个工作日" : $"{n} working days",
            _ => chinese ? $"{n}日" : $"{n} days",
        };
    }
}
