namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// Stable machine ids of the counting rules, stored in <see cref="Deadline.Rule"/> so that a stored deadline
/// says which law it was computed under even after the code changes.
/// </summary>
public static class DeadlineRules
{
    /// <summary>《民法典》第二百零一条: the start day is not counted; counting begins the next day.</summary>
    public const string CivilCode201 = "civil-code-201";

    /// <summary>《民法典》第二百零二条: months and years end on the corresponding day, or the month's last day.</summary>
    public const string CivilCode202 = "civil-code-202";

    /// <summary>《民法典》第二百零三条: a last day that is a statutory rest day moves to the next working day.</summary>
    public const string CivilCode203 = "civil-code-203";

    /// <summary>
    /// "N个工作日": only working days are counted; make-up working days count, weekends and holidays do not
    /// (the reading of 《行政处罚法》第八十五条 and 《行政复议法》第八十八条).
    /// </summary>
    public const string WorkingDays = "working-days";

    /// <summary>
    /// The period ends in a year without a holiday calendar: the stored end is the earliest it can be (every unknown
    /// day counted as if it were a working day, no roll-forward past it), final once that year is loaded.
    /// </summary>
    public const string ProvisionalCalendarMissing = "provisional-calendar-missing";

    /// <summary>Joins rule ids in the stored form.</summary>
    internal static string Join(params string[] rules) => string.Join(';', rules);
}
