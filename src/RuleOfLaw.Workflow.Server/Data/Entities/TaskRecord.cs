namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>
/// A query copy of a task in the instance state, written in the same transaction, so inboxes are an indexed
/// lookup by (organization, role) instead of a scan of every instance's JSON.
/// </summary>
public sealed class TaskRecord
{
    public required Guid Id { get; set; }
    public required Guid InstanceId { get; set; }
    public required Guid MatterId { get; set; }
    public required string StepId { get; set; }
    public required int Iteration { get; set; }
    public required string Title { get; set; }
    public required string Role { get; set; }
    public required string OrganizationId { get; set; }
    public required string Status { get; set; }
    public required DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Outcome { get; set; }
    /// <summary>
    /// On a multi-party step (each member present at the meeting, art. 30): the person whose task this is. Only she
    /// sees it in her inbox; null for a task of the role in the organization.
    /// </summary>
    public string? PartyId { get; set; }
    public string? PartyName { get; set; }
}
