using RuleOfLaw.Workflow.Engine.Calendar;

namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>
/// A period such as "15 days" or "7 working days", counted by the rules of 《民法典》 arts. 201-203; or, when
/// <see cref="Setting"/> is given, the period a jurisdiction setting of that name holds (e.g.
/// <c>publicationDeadline</c>), taken from the snapshot of the jurisdiction the instance was started in.
/// A fixed period has <see cref="Days"/> and <see cref="Counting"/> and no setting; a setting period has neither.
/// </summary>
public sealed record Period(int? Days, DayCounting? Counting, string? Setting = null)
{
    public static Period FromSetting(string setting) => new(null, null, setting);

    public override string ToString() => Setting is { } setting
        ? $"辖区设置“{setting}”"
        : Counting == DayCounting.WorkingDays ? $"{Days}个工作日" : $"{Days}日";
}
