using System.ComponentModel.DataAnnotations;
using RuleOfLaw.Workflow.AfterDecision;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>An execution unit's report: <c>progress</c> (第三十四条) or <c>problem</c> (第三十五条).</summary>
public sealed record ExecutionReportRequest([property: Required, MaxLength(20)] string Kind, [property: Required, MaxLength(20_000)] string Text);

public sealed record ReasonBody([property: Required, MaxLength(10_000)] string Reason);

/// <summary>A public objection (第三十五条): text, optional name and contact. No sign-in.</summary>
public sealed record ObjectionRequest(
    [property: Required, MaxLength(ObjectionRequest.MaxText)] string Text,
    [property: MaxLength(100)] string? Name,
    [property: MaxLength(200)] string? Contact)
{
    public const int MaxText = Execution.MaxObjectionText;
    public const int MaxBody = Execution.MaxObjectionBody;
}

public sealed record ObjectionReceipt(string ReceiptNumber, Guid MatterId, DateTimeOffset ReceivedAt);

/// <summary>A major adjustment (第三十五条、第三十七条): a new matter linked to the original.</summary>
public sealed record AdjustmentRequest(
    [property: Required, MaxLength(200)] string Title,
    [property: Required, MaxLength(10_000)] string Reason,
    [property: MaxLength(4000)] string? Summary);

public sealed record ExecutionEventView(Guid Id, string Kind, string Text, string RecordedByName, DateTimeOffset RecordedAt);

/// <summary>An objection as its reader may see it: <c>Contact</c> only for the execution unit's officers, else "***" (<see cref="Participation.ContactDetails"/>).</summary>
public sealed record ObjectionView(string ReceiptNumber, string Text, string? Name, DateTimeOffset ReceivedAt, string? Contact = null, bool ContactRedacted = false);

public sealed record LinkView(Guid OriginalMatterId, Guid NewMatterId, string Kind, string Reason, DateTimeOffset CreatedAt);

/// <summary>Execution of a decision: reports, whether execution is suspended (第三十七条), objections, adjustment matters.</summary>
public sealed record ExecutionView(
    Guid MatterId, bool Suspended, string? SuspensionReason, IReadOnlyList<ExecutionEventView> Events, IReadOnlyList<ObjectionView> Objections,
    IReadOnlyList<LinkView> Links);
