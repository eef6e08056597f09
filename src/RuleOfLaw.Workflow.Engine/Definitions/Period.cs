using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Conditions;

namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// A period such as "15 days" or "7 working days", counted by the rules of 《民法典》 arts. 201-203; or, when
/// <see cref="Setting"/> is given, the period a jurisdiction setting of that name holds (e.g.
/// <c>publicationDeadline</c>), taken from the snapshot of the jurisdiction the instance was started in.
/// A fixed period has <see cref="Days"/> and <see cref="Counting"/> and no setting; a setting period has neither.
/// </summary>
public sealed record Period(int? Days, DayCounting? Counting, string? Setting = null)
{
    /// <summary>Counted from the latest completion of this step (e.g. the submission, art. 26) instead of the step's own activation.</summary>
    public string? From { get; init; }

    /// <summary>The period applies only while this condition holds (e.g. <c>!urgent</c>, art. 15); otherwise it is waived.</summary>
    public Condition? When { get; init; }

    /// <summary>The article a refusal on this period cites, when it is not the step's (e.g. <c>第二十六条</c> on a step citing 第二十六条至第二十八条).</summary>
    public string? Article { get; init; }

    /// <summary>What a <c>minimum</c> restricts: the task's completion, or the dates others ask of the step.</summary>
    public PeriodRestriction Restricts { get; init; } = PeriodRestriction.Task;

    /// <summary>When the period is waived by <see cref="When"/>, a shorter requested date must come with a stated reason (art. 15).</summary>
    public bool ReasonIfShorter { get; init; }

    public static Period FromSetting(string setting) => new(null, null, setting);

    public override string ToString() => Setting is { } setting
        ? $"辖区设置“{setting}”"
        : Counting == DayCounting.WorkingDays ? $"{Days}个工作日" : $"{Days}日";
}

/// <summary>What a minimum period holds back.</summary>
public enum PeriodRestriction
{
    /// <summary>The task cannot be completed before the period ends (a waiting time the performer must keep).</summary>
    Task,

    /// <summary>
    /// The period protects the step: no date asked of it (a requested opinion date, a consultation's closing date) may
    /// fall before the period ends, but the step itself may finish earlier (art. 26: the review office may answer early).
    /// </summary>
    Requests,
}
