using RuleOfLaw.Workflow.Engine.Calendar;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// The jurisdiction an instance was started in, as it was at that moment: its id and name, its time zone and the
/// periods its settings held. Stored in <see cref="InstanceState"/>, so a later edit of the settings file never
/// changes a running matter (the same principle as pinning the definition version).
/// </summary>
public sealed class JurisdictionSnapshot
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>IANA time-zone id; the instance's periods are counted in its local days.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Setting name (e.g. <c>publicationDeadline</c>) → its period and the article it comes from.</summary>
    public Dictionary<string, SettingPeriod> Periods { get; init; } = [];
    /// <summary>
    /// Every filing recipient (备案机关) with its own deadline after issuance, in the settings' order. Empty for
    /// instances started before per-recipient filing: they have only <c>filingDeadline</c> (the first recipient's).
    /// </summary>
    public List<FilingRecipientSnapshot> Filing { get; init; } = [];
}

/// <summary>One filing recipient of a jurisdiction and its deadline, as it was when the instance started.</summary>
public sealed class FilingRecipientSnapshot
{
    public required string Id { get; init; }
    public required string Recipient { get; init; }
    public required SettingPeriod Deadline { get; init; }
}

/// <summary>A jurisdiction's value of one period setting.</summary>
public sealed class SettingPeriod
{
    public required int Days { get; init; }
    public required DayCounting Counting { get; init; }
    public string? Article { get; init; }

    public override string ToString() => Counting == DayCounting.WorkingDays ? $"{Days}个工作日" : $"{Days}日";
}
