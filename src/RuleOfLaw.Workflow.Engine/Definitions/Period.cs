using RuleOfLaw.Workflow.Engine.Calendar;

namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>A period such as "15 days" or "7 working days", counted by the rules of 《民法典》 arts. 201-203.</summary>
public sealed record Period(int Days, DayCounting Counting)
{
    public override string ToString() => Counting == DayCounting.WorkingDays ? $"{Days}个工作日" : $"{Days}日";
}
