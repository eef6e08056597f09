namespace RuleOfLaw.Workflow.Meetings;

/// <summary>The steps of the shipped definition the meetings module completes (第二十五条、第二十九条、第三十条).</summary>
public static class MeetingSteps
{
    /// <summary>Put on a meeting's agenda by the general office (completed by the agenda command).</summary>
    public const string Scheduling = "meeting-scheduling";

    /// <summary>The collective discussion and the head's decision (completed by the meeting record).</summary>
    public const string CollectiveDecision = "collective-decision";
}

/// <summary>The meeting-scheduling step's outcome: the matter is put on a meeting's agenda (第二十九条).</summary>
public static class SchedulingOutcomes
{
    public const string Scheduled = "scheduled";
}
