using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Instances;

public sealed record StartInstanceRequest([property: Required] Guid? MatterId);

public sealed record ReasonRequest([property: MaxLength(2000)] string? Reason);

/// <summary>A named signal for an instance (see the definition's event steps and events), with why and any data.</summary>
public sealed record SignalRequest(
    [property: Required, RegularExpression("^[a-z][a-z0-9]*(-[a-z0-9]+)*$"), MaxLength(100)] string? Signal,
    [property: MaxLength(2000)] string? Comment,
    System.Text.Json.JsonElement? Data);

/// <summary>Names the organization for a scope the start left open (late assignment), with the reason (journaled).</summary>
public sealed record AssignScopeRequest(
    [property: Required, MaxLength(64)] string? Scope,
    [property: Required, MaxLength(64)] string? OrganizationId,
    [property: MaxLength(2000)] string? Reason);

/// <summary>
/// A journal entry as stored (every field the hash covers, <see cref="Comment"/> included), and
/// <see cref="CommentText"/>: the comment for the reader — an engine's or a module's comment written from a text
/// catalog (its code in the data's <c>commentText</c>) rendered in the reader's language, any other comment as stored.
/// </summary>
public sealed record JournalEntryView(
    long Sequence, string Type, string? StepId, int? Iteration, Guid? TaskId, string ActorId, string ActorName,
    DateTimeOffset OccurredAt, string? Outcome, string? Comment, string DataJson, string PreviousHash, string Hash,
    string HashAlgorithm)
{
    public string? CommentText { get; init; }
}
