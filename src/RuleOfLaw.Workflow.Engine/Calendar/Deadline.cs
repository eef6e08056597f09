namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>
/// A computed deadline together with how it was computed, so that it can be stored and explained later
/// (a deadline that nobody can check by hand is worthless in a legality review).
/// </summary>
/// <param name="StartDay">The local day on which the period starts; by 《民法典》第二百零一条 it is not counted itself.</param>
/// <param name="LastDay">The last local day of the period, after any roll-forward under 《民法典》第二百零三条.</param>
/// <param name="EndsAtUtc">
/// The instant the last day ends: 24:00 local time (《民法典》第二百零三条第二款), i.e. the local midnight after
/// <see cref="LastDay"/>, converted to UTC.
/// </param>
/// <param name="Counting">How the days were counted.</param>
/// <param name="Amount">The length of the period in <see cref="Unit"/>s.</param>
/// <param name="Unit">The unit of <see cref="Amount"/>: <see cref="DeadlineUnits.Days"/>, <see cref="DeadlineUnits.Months"/> or <see cref="DeadlineUnits.Years"/>.</param>
/// <param name="Rule">Stable machine ids of the rules applied, separated by ';' (see <see cref="DeadlineRules"/>).</param>
/// <param name="Explanation">One Chinese sentence that a person can check by hand against a calendar.</param>
/// <param name="ProvisionalYear">
/// Set when the period ends in a year that has no holiday calendar yet: then <see cref="LastDay"/> is the earliest day
/// the period can end whatever that year's holidays turn out to be ("at least until …"), and the deadline becomes
/// final when that year's calendar is loaded. Null for a final deadline.
/// </param>
public sealed record Deadline(
    DateOnly StartDay,
    DateOnly LastDay,
    DateTimeOffset EndsAtUtc,
    DayCounting Counting,
    int Amount,
    string Unit,
    string Rule,
    string Explanation,
    int? ProvisionalYear = null)
{
    /// <summary>Whether this is only a lower bound, waiting for <see cref="ProvisionalYear"/>'s calendar.</summary>
    public bool IsProvisional => ProvisionalYear is not null;
}
