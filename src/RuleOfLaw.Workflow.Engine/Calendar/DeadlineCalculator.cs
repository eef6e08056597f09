using System.Globalization;

namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// Computes statutory periods the way Chinese law counts them, in the jurisdiction's time zone.
/// </summary>
/// <remarks>
/// Rules applied:
/// <list type="bullet">
/// <item>《民法典》第二百零一条: the day on which a period starts is not counted; counting begins the next day.</item>
/// <item>《民法典》第二百零二条: a period in months or years ends on the corresponding day of the last month, or on
/// that month's last day when it has no corresponding day.</item>
/// <item>《民法典》第二百零三条: a last day that is a statutory rest day moves to the first working day after it; the
/// last day ends at 24:00.</item>
/// <item>《民法典》第一千二百五十九条: "以内" includes the stated number, so "within N days" includes day N.</item>
/// </list>
/// Dates are computed in the jurisdiction's local time and only the end instant is converted to UTC, because a
/// deadline is a local calendar fact (the office's 24:00), not a fixed number of hours.
/// </remarks>
public sealed class DeadlineCalculator
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly HolidayCalendar _calendar;

    public DeadlineCalculator(HolidayCalendar calendar, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(timeZone);
        _calendar = calendar;
        TimeZone = timeZone;
    }

    /// <summary>The holiday calendar the periods are counted on.</summary>
    public HolidayCalendar Calendar => _calendar;

    /// <summary>The jurisdiction's time zone (Asia/Shanghai by default).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The local calendar day on which <paramref name="instant"/> falls in the jurisdiction.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>
    /// "Within <paramref name="days"/> days after <paramref name="startDay"/>" (N日内 / N个工作日内).
    /// </summary>
    /// <remarks>
    /// Calendar days: the start day is not counted (第二百零一条), day N is the last day (第一千二百五十九条), and if day
    /// N is a statutory rest day the period ends on the next working day (第二百零三条); a make-up working Saturday is
    /// not a rest day, so a period ending on it stays there. Working days: the N-th working day after the start
    /// day, counting make-up working days; it needs no roll-forward because it is a working day by construction.
    /// </remarks>
    /// <exception cref="CalendarYearMissingException">The period reaches a year with no calendar data.</exception>
    public Deadline AfterDays(DateOnly startDay, int days, DayCounting counting)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return counting switch
        {
            DayCounting.Calendar => AfterCalendarDays(startDay, days),
            DayCounting.WorkingDays => AfterWorkingDays(startDay, days),
            _ => throw new ArgumentOutOfRangeException(nameof(counting), counting, "Unknown day counting."),
        };
    }

    /// <summary>As <see cref="AfterDays(DateOnly, int, DayCounting)"/>, from the local day of <paramref name="startInstant"/>.</summary>
    /// <remarks>
    /// The start day is the local day, not the UTC day: a notice published at 07:00 Beijing time on 2026-09-21 is
    /// 23:00 UTC on 2026-09-20, and counting must still begin on 09-22.
    /// </remarks>
    public Deadline AfterDays(DateTimeOffset startInstant, int days, DayCounting counting) =>
        AfterDays(LocalDay(startInstant), days, counting);

    /// <summary>
    /// As <see cref="AfterDays(DateOnly, int, DayCounting)"/>, but a period that ends in a year without a calendar gives
    /// a <b>provisional</b> deadline instead of an exception: the earliest day it can end whatever that year's
    /// holidays are (<see cref="Deadline.ProvisionalYear"/> names the year). Used where the work must go on before
    /// the State Council publishes next year's holidays (a consultation opening in December; a filing made while it
    /// is certainly on time), never to decide that a minimum period has elapsed.
    /// </summary>
    /// <remarks>
    /// Why it is a lower bound: a day of an unknown year is counted as if it were a working day (a holiday there can
    /// only move the end later, and a make-up working day only turns a weekend day, already counted, into a working
    /// day), and a calendar-day period's last day is not rolled forward past a day whose status is unknown.
    /// </remarks>
    public Deadline AfterDaysAtLeast(DateOnly startDay, int days, DayCounting counting)
    {
        try
        {
            return AfterDays(startDay, days, counting);
        }
        catch (CalendarYearMissingException)
        {
            return ProvisionalAfterDays(startDay, days, counting);
        }
    }

    /// <summary>As <see cref="AfterDaysAtLeast(DateOnly, int, DayCounting)"/>, from the local day of <paramref name="startInstant"/>.</summary>
    public Deadline AfterDaysAtLeast(DateTimeOffset startInstant, int days, DayCounting counting) =>
        AfterDaysAtLeast(LocalDay(startInstant), days, counting);

    private Deadline ProvisionalAfterDays(DateOnly startDay, int days, DayCounting counting)
    {
        DateOnly last;
        int? missing = null;
        if (counting == DayCounting.Calendar)
        {
            last = startDay.AddDays(days);
            while (_calendar.HasYear(last.Year) && _calendar.IsStatutoryRestDay(last))
            {
                last = last.AddDays(1);
            }

            if (!_calendar.HasYear(last.Year))
            {
                missing = last.Year;
            }
        }
        else
        {
            last = startDay;
            for (var counted = 0; counted < days;)
            {
                last = last.AddDays(1);
                if (!_calendar.HasYear(last.Year))
                {
                    missing ??= last.Year;
                    counted++;
                }
                else if (_calendar.IsWorkingDay(last))
                {
                    counted++;
                }
            }
        }

        // AfterDays threw, so some day of the period lies in a year without data; the loops above found it.
        var year = missing ?? throw new InvalidOperationException("A provisional deadline needs a year without a calendar.");
        var length = counting == DayCounting.WorkingDays ? $"{days}个工作日" : $"{days}日";
        var explanation =
            $"自{Format(startDay)}次日起算{length}；{year}年节假日日历尚未加载，期限至少至{Format(last)}（{year}年的日子均按可能的工作日计算、不作顺延），" +
            $"待{year}年日历加载后确定最终期限。";
        var rule = DeadlineRules.Join(DeadlineRules.CivilCode201,
            counting == DayCounting.WorkingDays ? DeadlineRules.WorkingDays : DeadlineRules.CivilCode203, DeadlineRules.ProvisionalCalendarMissing);
        var unit = DeadlineUnits.Days;
        return new Deadline(startDay, last, EndOfLocalDayUtc(last), counting, days, unit, rule, explanation, year);
    }

    /// <summary>
    /// "Within <paramref name="months"/> months after <paramref name="startDay"/>" (《民法典》第二百零二条, then 第二百零三条).
    /// </summary>
    /// <exception cref="CalendarYearMissingException">The period reaches a year with no calendar data.</exception>
    public Deadline AfterMonths(DateOnly startDay, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        return AfterMonthsCore(startDay, months, months, DeadlineUnits.Months, $"{months}个月");
    }

    /// <summary>
    /// "Within <paramref name="years"/> years after <paramref name="startDay"/>": counted as 12 × years months, so
    /// a period starting on 29 February ends on 28 February of a common year (《民法典》第二百零二条).
    /// </summary>
    /// <exception cref="CalendarYearMissingException">The period reaches a year with no calendar data.</exception>
    public Deadline AfterYears(DateOnly startDay, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(years);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(years, 9999);
        return AfterMonthsCore(startDay, years * 12, years, DeadlineUnits.Years, $"{years}年");
    }

    /// <summary>
    /// The latest day for something that must happen "<paramref name="days"/> days before" an event (N日前), e.g.
    /// hearing materials delivered 7 days before the hearing: <c>eventDay - days</c>.
    /// </summary>
    /// <remarks>
    /// Counted backwards from the event, the event day itself is not counted (第二百零一条) and the N-th day before it is
    /// the last day on which the act still leaves the recipient the full N days. There is deliberately no
    /// roll-forward: 第二百零三条 extends a period for the benefit of whoever must act before it ends, but here the
    /// period protects the recipient's preparation time, and moving the day forward onto a working day would shorten
    /// that guaranteed time below N days. When the day is a rest day the act simply has to happen earlier (on the
    /// preceding working day or on the rest day itself); the day returned is the legal limit, not a suggestion.
    /// </remarks>
    public DateOnly LatestDayBefore(DateOnly eventDay, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return eventDay.AddDays(-days);
    }

    private Deadline AfterCalendarDays(DateOnly startDay, int days)
    {
        var nominal = startDay.AddDays(days);
        var last = RollForward(nominal);
        var rolled = last != nominal;
        var explanation =
            $"自{Format(startDay)}次日起算{days}日，第{days}日为{Format(nominal)}（{DescribeDay(nominal)}）" +
            (rolled ? RollForwardClause(last) : "，即期间最后一日。");
        var rule = rolled
            ? DeadlineRules.Join(DeadlineRules.CivilCode201, DeadlineRules.CivilCode203)
            : DeadlineRules.Join(DeadlineRules.CivilCode201);
        return Create(startDay, last, DayCounting.Calendar, days, DeadlineUnits.Days, rule, explanation);
    }

    private Deadline AfterWorkingDays(DateOnly startDay, int days)
    {
        // Walk day by day: working days are irregular (holidays, make-up Saturdays), and the walk makes every day
        // of the period pass through the calendar, so a missing year is noticed even mid-period.
        var makeUpDaysCounted = new List<DateOnly>();
        var day = startDay;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (_calendar.IsWorkingDay(day))
            {
                counted++;
                if (_calendar.IsMakeUpWorkingDay(day))
                {
                    makeUpDaysCounted.Add(day);
                }
            }
        }

        var makeUpClause = makeUpDaysCounted.Count == 0
            ? string.Empty
            : $"、计入调休上班日（{string.Join("、", makeUpDaysCounted.Select(Format))}）";
        var explanation =
            $"自{Format(startDay)}次日起算{days}个工作日，不计周末和法定休假日{makeUpClause}，第{days}个工作日为{Format(day)}。";
        var rule = DeadlineRules.Join(DeadlineRules.CivilCode201, DeadlineRules.WorkingDays);
        return Create(startDay, day, DayCounting.WorkingDays, days, DeadlineUnits.Days, rule, explanation);
    }

    private Deadline AfterMonthsCore(DateOnly startDay, int months, int amount, string unit, string lengthText)
    {
        // DateOnly.AddMonths already clamps to the month's last day, which is exactly 第二百零二条's fallback.
        var nominal = startDay.AddMonths(months);
        var hasCorrespondingDay = nominal.Day == startDay.Day;
        var last = RollForward(nominal);
        var rolled = last != nominal;
        var dayClause = hasCorrespondingDay
            ? $"期间最后一日为到期月的对应日{Format(nominal)}（{DescribeDay(nominal)}）"
            : $"到期月没有{startDay.Day}日，期间最后一日为该月末日{Format(nominal)}（{DescribeDay(nominal)}）";
        var explanation =
            $"自{Format(startDay)}次日起算{lengthText}，依《民法典》第二百零二条，{dayClause}" +
            (rolled ? RollForwardClause(last) : "。");
        var rule = rolled
            ? DeadlineRules.Join(DeadlineRules.CivilCode201, DeadlineRules.CivilCode202, DeadlineRules.CivilCode203)
            : DeadlineRules.Join(DeadlineRules.CivilCode201, DeadlineRules.CivilCode202);
        return Create(startDay, last, DayCounting.Calendar, amount, unit, rule, explanation);
    }

    /// <summary>第二百零三条: a last day that is a statutory rest day moves to the first working day after it.</summary>
    private DateOnly RollForward(DateOnly day)
    {
        while (_calendar.IsStatutoryRestDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private Deadline Create(
        DateOnly startDay, DateOnly lastDay, DayCounting counting, int amount, string unit, string rule, string explanation) =>
        new(startDay, lastDay, EndOfLocalDayUtc(lastDay), counting, amount, unit, rule, explanation);

    /// <summary>
    /// The instant <paramref name="day"/> ends, at 24:00 local time (第二百零三条第二款), in UTC.
    /// </summary>
    /// <remarks>
    /// Uses the UTC offset in force during the day's last moment rather than at the following midnight, so that a
    /// daylight-saving change at midnight (absent in Asia/Shanghai, present in some zones) neither throws for a
    /// non-existent midnight nor picks the later of two midnights.
    /// </remarks>
    private DateTimeOffset EndOfLocalDayUtc(DateOnly day)
    {
        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = TimeZone.GetUtcOffset(nextMidnight.AddTicks(-1));
        return new DateTimeOffset(nextMidnight, offset).ToUniversalTime();
    }

    private string DescribeDay(DateOnly day)
    {
        if (_calendar.IsMakeUpWorkingDay(day))
        {
            return "调休上班日，不属法定休假日";
        }

        if (_calendar.IsWorkingDay(day))
        {
            return "工作日";
        }

        return _calendar.IsPublishedDayOff(day)
            ? "法定休假日"
            : $"{WeekdayName(day.DayOfWeek)}，法定休假日";
    }

    private static string RollForwardClause(DateOnly last) =>
        $"，依《民法典》第二百零三条顺延至休假日结束的次日{Format(last)}。";

    private static string WeekdayName(DayOfWeek dayOfWeek) => dayOfWeek switch
    {
        DayOfWeek.Saturday => "星期六",
        DayOfWeek.Sunday => "星期日",
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        _ => throw new ArgumentOutOfRangeException(nameof(dayOfWeek), dayOfWeek, null),
    };

    private static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);
}
