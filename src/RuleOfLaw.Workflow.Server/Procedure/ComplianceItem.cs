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
public sealed record ComplianceItem(
    string Code,
    string Title,
    string TitleEn,
    string? Article,
    ComplianceStatus Status,
    string? Detail,
    string? StepId = null,
    IReadOnlyList<string>? RequiredBefore = null);
