namespace RuleOfLaw.Workflow.Participation;

/// <summary>A comment as moderation sees it: whether it is hidden already, when and why.</summary>
public sealed record CommentFacts(string ReceiptNumber, bool Hidden, DateTimeOffset? HiddenAt = null, string? HiddenReason = null);

/// <summary>
/// Moderation and the answer to the public (《重大行政决策程序暂行条例》第十八条): a comment is hidden (never deleted)
/// with a reason; every visible comment, or its group, gets a response — adopted, partly adopted or not adopted, a
/// reason unless adopted; the feedback report is published once, after the close, when nothing is left unanswered.
/// </summary>
public static class Moderation
{
    public const string Article = "第十八条";

    public static ParticipationRefusal? MayHide(CommentFacts comment, string? reason) =>
        comment.Hidden
            ? ParticipationRefusal.Conflict("comment-already-hidden", $"该意见已于{comment.HiddenAt:O}隐藏：{comment.HiddenReason}。Already hidden.")
        : string.IsNullOrWhiteSpace(reason)
            ? ParticipationRefusal.Invalid("reason-required", "隐藏意见必须写明理由。Hiding a comment needs a reason.")
        : null;

    /// <summary>A response names exactly one target (a comment or a group), one of the three decisions, and a reason unless adopted.</summary>
    public static ParticipationRefusal? MayRespond(Guid? commentId, string? groupKey, string? decision, string? reason) =>
        (commentId is null) == (groupKey is null)
            ? ParticipationRefusal.Invalid("response-target-required", "请指定 commentId 或 groupKey 之一。Give exactly one of commentId and groupKey.")
        : decision is null || !ParticipationTerms.Decisions.Contains(decision)
            ? ParticipationRefusal.Invalid("invalid-decision", "decision 应为 adopted、partly-adopted 或 not-adopted。decision must be adopted, partly-adopted or not-adopted.")
        : decision != "adopted" && string.IsNullOrWhiteSpace(reason)
            ? ParticipationRefusal.Invalid("reason-required", "部分采纳或不予采纳的，应当说明理由。A reason is required unless the comment is adopted.", Article)
        : null;

    /// <summary>
    /// The feedback report (意见采纳情况反馈) is published once, after the consultation was closed, when every visible
    /// comment has a response; <paramref name="unanswered"/> are the receipt numbers still without one.
    /// </summary>
    public static ParticipationRefusal? MayPublishFeedback(ConsultationFacts c, IReadOnlyList<string> unanswered) =>
        c.FeedbackPublishedAt is not null
            ? ParticipationRefusal.Conflict("feedback-already-published", "意见采纳情况反馈已经公布。The feedback report is already published.", Article)
        : c.ClosedAt is null
            ? ParticipationRefusal.Conflict("consultation-not-closed",
                "公开征求意见结束后才能公布意见采纳情况反馈。Close the consultation before publishing the feedback report.", Consultations.Article)
        : unanswered.Count > 0
            ? ParticipationRefusal.Conflict("comments-unanswered",
                $"尚有{unanswered.Count}条意见未作采纳答复（如{unanswered[0]}）。{unanswered.Count} visible comments have no response yet.", Article)
        : null;
}
