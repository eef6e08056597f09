using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Participation;

/// <summary>A comment as moderation sees it: whether it is hidden already, when and why; <paramref name="TimeZone"/> is the jurisdiction's.</summary>
public sealed record CommentFacts(string ReceiptNumber, string TimeZone, bool Hidden, DateTimeOffset? HiddenAt = null, string? HiddenReason = null);

/// <summary>
/// Moderation and the answer to the public (《重大行政决策程序暂行条例》第十八条): a comment is hidden (never deleted)
/// with a reason; every visible comment, or its group, gets a response — adopted, partly adopted or not adopted, a
/// reason unless adopted; the feedback report is published once, after the close, when nothing is left unanswered.
/// </summary>
public static class Moderation
{
    public const string Article = "第十八条";

    private static ParticipationTexts T => ParticipationTexts.Catalog;

    public static Refusal? MayHide(CommentFacts comment, string? reason) =>
        comment.Hidden
            ? T.Conflict("comment-already-hidden", null,
                ("hiddenAt", comment.HiddenAt is { } at ? ParticipationTexts.When(at, comment.TimeZone) : null), ("reason", comment.HiddenReason ?? ""))
        : string.IsNullOrWhiteSpace(reason) ? T.Invalid("reason-required.hide")
        : null;

    /// <summary>A response names exactly one target (a comment or a group), one of the three decisions, and a reason unless adopted.</summary>
    public static Refusal? MayRespond(Guid? commentId, string? groupKey, string? decision, string? reason) =>
        (commentId is null) == (groupKey is null) ? T.Invalid("response-target-required")
        : decision is null || !ParticipationTerms.Decisions.Contains(decision) ? T.Invalid("invalid-decision")
        : decision != "adopted" && string.IsNullOrWhiteSpace(reason) ? T.Invalid("reason-required.respond", Article)
        : null;

    /// <summary>
    /// The feedback report (意见采纳情况反馈) is published once, after the consultation was closed, when every visible
    /// comment has a response; <paramref name="unanswered"/> are the receipt numbers still without one.
    /// </summary>
    public static Refusal? MayPublishFeedback(ConsultationFacts c, IReadOnlyList<string> unanswered) =>
        c.FeedbackPublishedAt is not null ? T.Conflict("feedback-already-published", Article)
        : c.ClosedAt is null ? T.Conflict("consultation-not-closed.feedback", Consultations.Article)
        : unanswered.Count > 0 ? T.Conflict("comments-unanswered.feedback", Article, ("count", unanswered.Count), ("first", unanswered[0]))
        : null;
}
