namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>The values of <see cref="Deadline.Unit"/>; stable because they are stored with every deadline.</summary>
public static class DeadlineUnits
{
    /// <summary>Days; whether calendar or working days is given by <see cref="Deadline.Counting"/>.</summary>
    public const string Days = "days";

    public const string Months = "months";

    public const string Years = "years";
}
