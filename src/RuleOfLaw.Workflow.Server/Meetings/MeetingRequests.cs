using System.ComponentModel.DataAnnotations;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>
/// A new meeting: <c>standing</c> (常务会议) or <c>plenary</c> (全体会议) of a government, <c>office</c> (部门办公会议) of a
/// department; its local date, optional title; the organ (default: the first the secretary arranges that kind for).
/// </summary>
public sealed record CreateMeetingRequest(
    [property: Required, MaxLength(20)] string Kind,
    DateOnly Date,
    [property: MaxLength(200)] string? Title,
    [property: MaxLength(64)] string? DecisionOrganId);

/// <summary>The user ids of the members and the head present.</summary>
public sealed record AttendanceRequest([property: Required, MaxLength(200)] List<string> Present);

public sealed record PlaceOnAgendaRequest(Guid MatterId);

/// <summary>A member's opinion, verbatim. <c>MemberId</c>: the member (omit when members record their own).</summary>
public sealed record OpinionRequest(
    [property: MaxLength(450)] string? MemberId,
    [property: Required, MaxLength(64)] string Position,
    [property: Required, MaxLength(MeetingLimits.Text)] string Text);

/// <summary>The head's decision (last), with the reason when it differs from the majority (第三十条).</summary>
public sealed record HeadDecisionRequest(
    [property: Required, MaxLength(64)] string Outcome,
    [property: Required, MaxLength(MeetingLimits.Text)] string Text,
    [property: MaxLength(MeetingLimits.Text)] string? Reason);

public static class MeetingLimits
{
    public const int Text = 20_000;
}

/// <summary>One statement of the minutes; <see cref="Id"/> names it for its signature's check (<c>…/opinions/{id}/verify</c>, <c>…/decision/verify</c>).</summary>
public sealed record StatementView(
    Guid Id, int Sequence, string UserId, string UserName, string Capacity, string Position, string Text, string? Reason, bool Dissent,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// An agenda item with its materials and minutes; <see cref="MaterialsArticle"/> is the rule that requires the
/// materials of its matter's procedure (第二十九条 for a major decision, <see cref="RuleOfLaw.Workflow.Procedure.MeetingMaterialLists"/>).
/// </summary>
public sealed record AgendaItemView(
    Guid Id, Guid MatterId, string MatterNumber, string MatterTitle, int Position, string Status, string? Outcome,
    IReadOnlyList<MeetingMaterial> Materials, IReadOnlyList<StatementView> Statements, DateTimeOffset? DecidedAt, string? MaterialsArticle = null);

/// <summary>A meeting with its agenda and minutes (the statements on each item, in the order spoken).</summary>
public sealed record MeetingView(
    Guid Id, string DecisionOrganId, string Kind, string KindName, DateOnly Date, string Title, IReadOnlyList<string>? Present,
    IReadOnlyList<AgendaItemView> Agenda);

public sealed record PoolItem(Guid MatterId, string MatterNumber, string MatterTitle, Guid TaskId, int Iteration, DateTimeOffset Since);

/// <summary>One unmet gate of a matter refused from the agenda.</summary>
public sealed record UnmetGate(string Code, string Title, string? Article, string? Detail, ComplianceStatus Status);

/// <summary>
/// A matter the secretary may consider for a meeting's agenda, with every gate it does not meet (empty: it may be
/// placed). A matter not yet <see cref="AwaitingScheduling"/> lists that gate alone.
/// </summary>
public sealed record AgendaCandidate(Guid MatterId, string Number, string Title, bool AwaitingScheduling, IReadOnlyList<UnmetGate> Unmet);
