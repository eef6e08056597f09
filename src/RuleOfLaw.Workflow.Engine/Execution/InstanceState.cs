namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// Everything the engine knows about one running procedure. It is stored as one JSON document per instance and
/// versioned by <see cref="Version"/>, which the store uses as its optimistic-concurrency token.
/// </summary>
public sealed class InstanceState
{
    public required Guid Id { get; init; }
    public required string MatterId { get; init; }
    public required string DefinitionId { get; init; }
    public required int DefinitionVersion { get; set; }
    public InstanceStatus Status { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>
    /// The code and arguments of <see cref="StatusReason"/> when the engine wrote it (a fault), to render it for the
    /// reader; null when a person wrote the reason (a suspension, a cancellation) and on older states.
    /// </summary>
    public Texts.StoredText? StatusReasonText { get; set; }

    /// <summary><see cref="StatusReason"/> for a reader of <paramref name="culture"/> (as stored when it has no code).</summary>
    public string? StatusReasonIn(System.Globalization.CultureInfo culture) => Texts.StoredText.Render(StatusReasonText, StatusReason, culture);
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public long Version { get; set; }
    public Dictionary<string, bool> Attributes { get; init; } = [];
    /// <summary>
    /// The jurisdiction's settings as they were at start (null for instances started before jurisdictions existed:
    /// their periods are all fixed and counted in the server's default time zone).
    /// </summary>
    public JurisdictionSnapshot? Jurisdiction { get; init; }
    /// <summary>Organization scope (e.g. <c>drafting-unit</c>) → the organization that plays it for this matter.</summary>
    public Dictionary<string, string> Assignments { get; init; } = [];
    public Dictionary<string, StepState> Steps { get; init; } = [];
    public List<WorkTask> Tasks { get; init; } = [];
    public List<WorkflowTimer> Timers { get; init; } = [];
    /// <summary>The instance and sub-procedure step that started this one; null for a top-level instance.</summary>
    public ParentLink? Parent { get; init; }
    public long JournalSequence { get; set; }
    public string JournalHead { get; set; } = Journal.JournalHash.Genesis;

    public StepState Step(string stepId)
    {
        if (!Steps.TryGetValue(stepId, out var state))
        {
            state = new StepState { StepId = stepId, Status = StepStatus.Pending };
            Steps[stepId] = state;
        }
        return state;
    }

    public IEnumerable<WorkTask> OpenTasks() => Tasks.Where(t => t.Status == WorkTaskStatus.Open);
}
