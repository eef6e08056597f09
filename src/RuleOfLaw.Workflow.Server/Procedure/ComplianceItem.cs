using System.Text.Json.Serialization;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Server.Procedure;

/// <summary>Where a statutory rule stands for one matter.</summary>
public enum ComplianceStatus
{
    /// <summary>Done as the law requires (on time, where there is a deadline).</summary>
    Met,
    /// <summary>Not yet due, or the step has not been reached.</summary>
    Pending,
    /// <summary>Required and missing, refused, or late: a reviewer must see it.</summary>
    Unmet,
    /// <summary>Does not apply to this matter, with the reason in <see cref="ComplianceItem.Detail"/>.</summary>
    NotApplicable,
}

/// <summary>
/// One line of the compliance report (合规报告): a rule, its article, where the matter stands and why.
/// <paramref name="RequiredBefore"/> names the steps that may not be done while this item is Pending or Unmet; the
/// meeting agenda refuses a matter with such an item before <c>collective-decision</c> (art. 25 and art. 29).
/// </summary>
/// <remarks>
/// <see cref="Detail"/> is what the reader sees. A line written with its catalog's text (<see cref="Because"/>) keeps
/// it as data (<see cref="DetailText"/>: key and arguments) and <see cref="ComplianceReportService"/> renders it in the
/// reader's language (zh-CN until then); a line still written "中文。English." in one string is split for an API
/// client that asked for one language, as refusals are.
/// </remarks>
public sealed record ComplianceItem(
    string Code,
    string Title,
    string TitleEn,
    string? Article,
    ComplianceStatus Status,
    string? Detail,
    string? StepId = null,
    IReadOnlyList<string>? RequiredBefore = null)
{
    /// <summary>The detail as data (catalog, key, arguments), rendered for each reader; null: <see cref="Detail"/> is all there is.</summary>
    [JsonIgnore]
    public IReaderText? DetailText { get; init; }

    /// <summary>This line with its detail from a catalog (<c>T.Line("key", …)</c>): zh-CN now, the reader's language when the report is built.</summary>
    public ComplianceItem Because(IReaderText detail) => this with { Detail = detail.ToText(TextCatalog.Chinese), DetailText = detail };

    /// <summary>This line with its detail in <paramref name="culture"/>.</summary>
    public ComplianceItem For(System.Globalization.CultureInfo culture, Func<string, string> legacy) =>
        DetailText is { } text ? this with { Detail = text.ToText(culture) } : Detail is null ? this : this with { Detail = legacy(Detail) };
}
