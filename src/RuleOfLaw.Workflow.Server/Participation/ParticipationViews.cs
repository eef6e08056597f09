using System.Globalization;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>A consultation row's JSON column read back.</summary>
public static class ConsultationRows
{
    public static List<Guid> Documents(Consultation c) => JsonSerializer.Deserialize<List<Guid>>(c.DocumentVersionIdsJson) ?? [];
}

/// <summary>A consultation as the drafting unit and the other organs of the matter see it.</summary>
public sealed record ConsultationView(
    Guid Id, Guid MatterId, string MatterNumber, string Title, string DraftText, string Explanation, List<Guid> DocumentVersionIds,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset MinimumClosesAt, string MinimumRule, bool Shortened, string? UrgencyReason,
    DateTimeOffset PublishedAt, string PublishedByName, string Status, int Comments, int Groups, int Hidden, int Unanswered,
    DateTimeOffset? ClosedAt, int? CommentCountAtClose, string? CommentsHash, DateTimeOffset? FeedbackPublishedAt, string? FeedbackSummary,
    int? ProvisionalYear = null)
{
    public static ConsultationView From(Matter matter, ConsultationDigest digest, DateTimeOffset now)
    {
        var c = digest.Consultation;
        return new ConsultationView(c.Id, c.MatterId, matter.Number, c.Title, c.DraftText, c.Explanation, ConsultationRows.Documents(c),
            c.OpensAt, c.ClosesAt, c.MinimumClosesAt, c.MinimumRule, c.Shortened, c.UrgencyReason, c.PublishedAt, c.PublishedByName,
            c.Status(now), digest.Comments.Count, digest.Groups.Count, digest.Hidden, digest.Unanswered.Count,
            c.ClosedAt, c.CommentCount, c.CommentsHash, c.FeedbackPublishedAt, c.FeedbackSummary, c.ProvisionalYear);
    }
}

/// <summary>What the public sees of a consultation (no sign-in).</summary>
public sealed record PublicConsultationView(
    Guid Id, string MatterNumber, string MatterTitle, string Title, string DraftText, string Explanation, List<Guid> DocumentVersionIds,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Shortened, string? UrgencyReason, string Status, bool FeedbackPublished,
    string HowToComment, int? ProvisionalYear = null)
{
    /// <remarks>
    /// ProvisionalYear is set while the end waits for that year's holiday calendar: ClosesAt is then "at least until".
    /// <see cref="HowToComment"/> is a text in the reader's language (<c>Accept-Language</c>) with the end in the
    /// jurisdiction's local time (<paramref name="timeZone"/>; a period's end reads as its last day's 24:00); the
    /// machine fields <c>OpensAt</c>/<c>ClosesAt</c> stay ISO 8601.
    /// </remarks>
    public static PublicConsultationView From(Matter matter, Consultation c, DateTimeOffset now, string timeZone) =>
        new(c.Id, matter.Number, matter.Title, c.Title, c.DraftText, c.Explanation, ConsultationRows.Documents(c), c.OpensAt, c.ClosesAt,
            c.Shortened, c.UrgencyReason, c.Status(now), c.FeedbackPublishedAt is not null,
            (c.ProvisionalYear is { } year
                ? ParticipationTexts.Catalog.Line("how-to-comment.provisional", ("route", CommentRoute(c)), ("end", ReaderTime.When(c.ClosesAt, timeZone)), ("year", year))
                : ParticipationTexts.Catalog.Line("how-to-comment", ("route", CommentRoute(c)), ("end", ReaderTime.When(c.ClosesAt, timeZone))))
                .ToText(CultureInfo.CurrentUICulture),
            c.ProvisionalYear);

    private static string CommentRoute(Consultation c) => $"POST /api/public/consultations/{c.Id}/comments";
}

/// <summary>The commenter's proof of receipt.</summary>
public sealed record CommentReceipt(Guid ConsultationId, string ReceiptNumber, DateTimeOffset ReceivedAt);

public sealed record ResponseView(string Decision, string DecisionText, string? Reason, string Via, string RespondedByName, DateTimeOffset RespondedAt)
{
    public static ResponseView? From(CommentResponse? r, string? via) =>
        r is null ? null : new(r.Decision, ParticipationTerms.DecisionText(r.Decision), r.Reason, via!, r.RespondedByName, r.RespondedAt);
}

public sealed record CommentView(
    Guid Id, string ReceiptNumber, DateTimeOffset ReceivedAt, string SubmitterType, string? SubmitterName, string? Contact, string Text,
    string GroupKey, string GroupLabel, int GroupSize, bool Hidden, string? HiddenReason, DateTimeOffset? HiddenAt, ResponseView? Response,
    string Channel = ParticipationTerms.Online, DateTimeOffset? EnteredAt = null, Guid? DocumentVersionId = null, bool ContactRedacted = false)
{
    /// <summary>A comment as <paramref name="contacts"/> lets its reader see the contact detail (<see cref="ContactDetails"/>).</summary>
    public static CommentView From(ConsultationDigest digest, ConsultationComment c, ContactReading contacts)
    {
        var group = digest.GroupOf[c.Id];
        var (response, via) = digest.ResponseFor(c);
        return new(c.Id, c.ReceiptNumber, c.ReceivedAt, c.SubmitterType, c.SubmitterName, contacts.Read(c), c.Text, c.GroupKey, group.Label, group.Count,
            c.Hidden, c.HiddenReason, c.HiddenAt, ResponseView.From(response, via), c.Channel ?? ParticipationTerms.Online, c.EnteredAt, c.DocumentVersionId,
            !contacts.Revealed && !string.IsNullOrEmpty(c.Contact));
    }
}

public sealed record GroupView(string GroupKey, string Label, int Count, int Visible, string SampleText, ResponseView? Response)
{
    public static GroupView From(CommentGroup g) =>
        new(g.Key, g.Label, g.Count, g.Visible, (g.Comments.FirstOrDefault(c => !c.Hidden) ?? g.Comments[0]).Text, ResponseView.From(g.Response, "group"));
}

/// <summary>The published feedback report (意见采纳情况反馈): the summary and, per group of visible comments, the response.</summary>
public sealed record FeedbackView(Guid ConsultationId, string Title, string Summary, DateTimeOffset PublishedAt, int Comments, int Hidden, List<FeedbackItem> Items);

public sealed record FeedbackItem(string Label, int Count, string Text, string? Decision, string? DecisionText, string? Reason);

public sealed record ActivityView(
    Guid Id, string Method, string MethodText, DateOnly HeldOn, string Summary, int? ParticipantCount, bool SpecificGroup, string? GroupName,
    string RecordedByName, DateTimeOffset RecordedAt)
{
    public static ActivityView From(ParticipationActivity a) =>
        new(a.Id, a.Method, ParticipationTerms.Methods.GetValueOrDefault(a.Method, a.Method), a.HeldOn, a.Summary, a.ParticipantCount,
            a.SpecificGroup, a.GroupName, a.RecordedByName, a.RecordedAt);
}

/// <summary>Everything recorded about participation for one matter.</summary>
public sealed record ParticipationOverview(Guid MatterId, List<ConsultationView> Consultations, List<ActivityView> Activities, List<HearingView> Hearings);
