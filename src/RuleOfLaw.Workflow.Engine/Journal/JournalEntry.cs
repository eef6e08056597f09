namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>
/// One event of an instance's life, numbered per instance and chained to the previous entry by
/// <see cref="PreviousHash"/>, so that any later edit or deletion is detectable (lifelong accountability, art. 39).
/// </summary>
public sealed record JournalEntry(
    Guid InstanceId,
    long Sequence,
    string Type,
    string? StepId,
    int? Iteration,
    Guid? TaskId,
    string ActorId,
    string ActorName,
    DateTimeOffset OccurredAt,
    string? Outcome,
    string? Comment,
    string DataJson,
    string PreviousHash,
    string Hash)
{
    /// <summary>
    /// The algorithm <see cref="Hash"/> was computed with (<see cref="JournalAlgorithms"/>). Entries written before
    /// algorithms were recorded are SHA-256, hence the default.
    /// </summary>
    public string HashAlgorithm { get; init; } = JournalAlgorithms.Sha256;
}
