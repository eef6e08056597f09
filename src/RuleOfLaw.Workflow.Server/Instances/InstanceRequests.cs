using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Instances;

public sealed record StartInstanceRequest([property: Required] Guid? MatterId);

public sealed record ReasonRequest([property: MaxLength(2000)] string? Reason);

public sealed record JournalEntryView(
    long Sequence, string Type, string? StepId, int? Iteration, Guid? TaskId, string ActorId, string ActorName,
    DateTimeOffset OccurredAt, string? Outcome, string? Comment, string DataJson, string PreviousHash, string Hash,
    string HashAlgorithm);
