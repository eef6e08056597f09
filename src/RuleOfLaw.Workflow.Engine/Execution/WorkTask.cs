namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>A human task: one activation of a human-task step, for a role in one organization.</summary>
public sealed class WorkTask
{
    public required Guid Id { get; init; }
    public required string StepId { get; set; }
    public required int Iteration { get; init; }
    public required string Role { get; init; }
    public required string Scope { get; init; }
    public required string OrganizationId { get; init; }
    public WorkTaskStatus Status { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Null when the task has no due date, or while it is provisional (<see cref="DueProvisional"/>).</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>How the due date was counted (the rule and the dates), or why it could not be.</summary>
    public string? DueRule { get; set; }
    /// <summary>
    /// Set while the due date falls in a year without a holiday calendar: <see cref="DueAt"/> is null (nothing is
    /// overdue or escalated on a guess) and this says "at least until"; the calendar's loading makes it final.
    /// </summary>
    public ProvisionalEnd? DueProvisional { get; set; }
    /// <summary>The task cannot be completed before this instant (a statutory minimum period).</summary>
    public DateTimeOffset? NotBefore { get; set; }
    public string? NotBeforeRule { get; set; }
    /// <summary>As <see cref="DueProvisional"/> for the minimum: until final, completion is refused (never assumed elapsed).</summary>
    public ProvisionalEnd? NotBeforeProvisional { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? CompletedByName { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? DataJson { get; set; }
    /// <summary>On a multi-party step: the party (a person's id) whose task this is; null for the step's own task.</summary>
    public string? PartyId { get; init; }
    public string? PartyName { get; init; }
    /// <summary>Why the party was removed from the step (the task is then cancelled and no longer counts).</summary>
    public string? RemovedReason { get; set; }
}

/// <summary>A finished task as the host's task rows and journal keep it, once it has left the instance state.</summary>
public sealed record FinishedTask(Guid Id, WorkTaskStatus Status, DateTimeOffset? CompletedAt, string? CompletedByName, string? Outcome);
