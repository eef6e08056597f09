namespace RuleOfLaw.Workflow.Jurisdictions;

/// <summary>
/// When people are reminded of a task's due date and to whom it is escalated once it has passed (issue 4). Local
/// practice, not national law: each jurisdiction sets it in the <c>deadlines</c> object of its settings file.
/// </summary>
/// <param name="ReminderHoursBeforeDue">Reminders to the task's assignees, this many hours before the due time.</param>
/// <param name="EscalationHoursAfterDue">Escalations, this many hours after the due time passed with the task still open.</param>
/// <param name="EscalationTargets">Who receives an escalation.</param>
public sealed record DeadlineNotificationSettings(
    IReadOnlyList<int> ReminderHoursBeforeDue,
    IReadOnlyList<int> EscalationHoursAfterDue,
    IReadOnlyList<EscalationTarget> EscalationTargets)
{
    /// <summary>The organization of the task itself (its unit head is <c>drafting-head</c> there).</summary>
    public const string TaskOrganization = "task";

    /// <summary>What a settings file without <c>deadlines</c> gets: 3 days and 1 day before; at due time and 3 days after; unit head and legality review office.</summary>
    public static DeadlineNotificationSettings Default { get; } = new(
        [72, 24],
        [0, 72],
        [
            new EscalationTarget(TaskOrganization, "drafting-head", "单位负责人"),
            new EscalationTarget("legality-review-office", "legality-reviewer", "合法性审查机构"),
        ]);
}

/// <summary>
/// An escalation recipient: the holders of <paramref name="Role"/> in <paramref name="Organization"/>, which is
/// <c>task</c> (the task's own organization) or an organization kind looked up under the same government (e.g.
/// <c>legality-review-office</c>, <c>rule-of-law-office</c>).
/// </summary>
public sealed record EscalationTarget(string Organization, string Role, string Name);
