namespace RuleOfLaw.Workflow.AfterDecision;

/// <summary>How late an act after the decision was (filing, publication): the report says it, the law does not excuse it.</summary>
public static class Lateness
{
    /// <summary>Calendar days from <paramref name="due"/> to <paramref name="done"/> (0 when on time or no period applies).</summary>
    public static int DaysLate(DateOnly? due, DateOnly done) => due is { } d && done > d ? done.DayNumber - d.DayNumber : 0;
}
