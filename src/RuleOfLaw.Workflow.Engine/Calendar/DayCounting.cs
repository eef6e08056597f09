using System.Text.Json.Serialization;

namespace RuleOfLaw.Workflow.Engine.Calendar;

/// <summary>How the days of a period are counted.</summary>
/// <remarks>
/// The Regulation has no counting clause of its own, so "30日" and "7日前" are calendar days and "7个工作日" are
/// working days (the reading 《行政处罚法》第八十五条 and 《行政复议法》第八十八条 give to short periods). The JSON
/// names are fixed because workflow definitions store them.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<DayCounting>))]
public enum DayCounting
{
    /// <summary>Every day counts; a last day that is a statutory rest day moves to the next working day (《民法典》第二百零三条).</summary>
    [JsonStringEnumMemberName("calendar")]
    Calendar,

    /// <summary>Only working days count: weekends and public holidays are skipped, make-up working days (调休上班日) count.</summary>
    [JsonStringEnumMemberName("workingDays")]
    WorkingDays,
}
