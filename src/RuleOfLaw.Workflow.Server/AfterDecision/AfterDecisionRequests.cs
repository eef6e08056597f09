using RuleOfLaw.Workflow.Engine.Texts;
using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

public sealed record PartyReportRequest(
    DateOnly ReportedOn,
    [property: Required, MaxLength(40)] string Form,
    [property: MaxLength(10_000)] string? ReplyNote);

public sealed record DecisionPublicationRequest(
    [property: Required, MaxLength(10)] List<string> Channels,
    DateOnly PublishedOn,
    [property: MaxLength(20_000)] string? OpinionsUse);

public sealed record FilingRequest(
    [property: Required, MaxLength(64)] string RecipientId,
    DateOnly SubmittedOn,
    [property: MaxLength(100)] string? ReceiptNumber,
    DateOnly? ReceivedOn);

public sealed record ReceiptRequest([property: Required, MaxLength(100)] string ReceiptNumber, DateOnly ReceivedOn);

public sealed record ArchiveRequest(DateOnly ArchivedOn, [property: MaxLength(100)] string? DossierNumber);

public sealed record PartyReportView(Guid Id, Guid TaskId, DateOnly ReportedOn, string Form, string? ReplyNote, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record PublicationView(
    Guid Id, Guid TaskId, IReadOnlyList<string> Channels, DateOnly PublishedOn, string? OpinionsUse, DateOnly? DueOn, bool OnTime, int DaysLate,
    DateTimeOffset RecordedAt);

/// <summary>
/// One filing recipient: its own deadline after issuance and where the filing stands; <c>Status</c> is <c>filed</c>,
/// <c>pending</c> or <c>overdue</c>.
/// </summary>
public sealed record FilingView(
    string RecipientId, string Recipient, string? Article, DateOnly IssuedOn, DateOnly? DueOn, string? DueRule, string Status,
    DateOnly? SubmittedOn, string? ReceiptNumber, DateOnly? ReceivedOn, bool? OnTime, int? DaysLate);

/// <summary>
/// One line of the archiving completeness check (第三十三条), in Chinese (the dossier's language) and in English. It is
/// stored with the archive as it stood; lines stored before the English fields existed have them null.
/// </summary>
public sealed record ChecklistItem(string Code, string Title, string? Article, bool Present, string? Detail, string? TitleEn = null, string? DetailEn = null)
{
    /// <summary>A line whose title and detail are texts of the after-decision catalog, rendered in both languages.</summary>
    public static ChecklistItem Of(string code, IReaderText title, string? article, bool present, IReaderText? detail) =>
        new(code, title.ToText(TextCatalog.Chinese), article, present, detail?.ToText(TextCatalog.Chinese),
            title.ToText(TextCatalog.English), detail?.ToText(TextCatalog.English));
}

public sealed record ArchiveView(
    Guid Id, Guid TaskId, DateOnly ArchivedOn, string? DossierNumber, IReadOnlyList<ChecklistItem> Checklist, DateOnly? DueOn, bool OnTime, int DaysLate);
