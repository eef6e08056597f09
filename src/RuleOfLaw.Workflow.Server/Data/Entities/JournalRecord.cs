namespace RuleOfLaw.Workflow.Server.Data.Entities;

/// <summary>A stored journal entry; append-only (nothing in the server updates or deletes these rows).</summary>
public sealed class JournalRecord
{
    public required Guid InstanceId { get; set; }
    public required long Sequence { get; set; }
    public required string Type { get; set; }
    public string? StepId { get; set; }
    public int? Iteration { get; set; }
    public Guid? TaskId { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public required DateTimeOffset OccurredAt { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public required string DataJson { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>The algorithm of <see cref="Hash"/> (<c>sha256</c> for rows written before algorithms were recorded, else usually <c>sm3</c>).</summary>
    public required string HashAlgorithm { get; set; }

    /// <summary>HMAC over the entry with a key outside the database (<c>Integrity/JournalSeal</c>); null on rows written before the keyed chain.</summary>
    public string? Mac { get; set; }

    /// <summary><c>hmac-sm3</c>.</summary>
    public string? MacAlgorithm { get; set; }

    /// <summary>The key ring id of the MAC key (rotation: old keys stay in the ring to verify).</summary>
    public string? MacKeyId { get; set; }
}
