using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.AfterDecision;
public sealed record StartEvaluationRequest(
    [property: Required, MaxLength(40)] string Trigger,
    [property: Required, MaxLength(64)] string EvaluatorOrganizationId,
    [property: MaxLength(10_000)] string? Note);

public sealed record EvaluationInputRequest(
    [property: Required, MaxLength(40)] string Source,
    [property: MaxLength(200)] string? SourceName,
    [property: Required, MaxLength(20_000)] string Text);

public sealed record CompleteEvaluationRequest([property: Required, MaxLength(20)] string Outcome, [property: Required, MaxLength(20_000)] string Conclusion);

public sealed record EvaluationInputView(string Source, string? SourceName, string Text, DateTimeOffset RecordedAt);

public sealed record EvaluationView(
    Guid Id, Guid MatterId, string DecisionOrganId, int Year, string Trigger, string EvaluatorOrganizationId, string? Note, DateTimeOffset StartedAt,
    string? Outcome, string? Conclusion, DateTimeOffset? CompletedAt, IReadOnlyList<EvaluationInputView> Inputs);

/// <summary>Evaluations of one decision organ in one year against the jurisdiction's yearly number (第三十六条; local plans).</summary>
public sealed record EvaluationCount(string DecisionOrganId, string JurisdictionId, int Year, int Required, int Started, int Completed, bool Met);
