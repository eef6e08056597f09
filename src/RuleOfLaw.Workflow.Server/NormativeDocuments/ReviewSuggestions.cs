using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

public sealed record ReviewSuggestionRequest(string? Name, string? Contact, string? Text);

public sealed record ReviewSuggestionReceipt(string Receipt, Guid DocumentId, DateTimeOffset SubmittedAt, DateOnly ReplyDueOn, bool Replied, string? Reply);

public sealed record ReviewSuggestionView(
    Guid Id, Guid DocumentId, string DocumentTitle, string Receipt, string SubmitterName, string? Contact, string Text, DateTimeOffset SubmittedAt,
    DateOnly ReplyDueOn, string? Reply, DateTimeOffset? RepliedAt);

public sealed record ReviewSuggestionReplyRequest(string? Reply);

/// <summary>
/// Review suggestions (审查建议, Notice 37): anyone may submit one on a published document from the portal and gets a
/// receipt; it goes to the document's first filing recipient, who must reply within the period (setting, default
/// 60 days).
/// </summary>
public sealed class ReviewSuggestions(NormativeContext context, Participation.ContactDetails contacts, Participation.ContactCipher cipher)
{
    public const int MaxText = 8000;

    /// <summary>
    /// Files a suggestion and answers its receipt. With a key (the API's <c>Idempotency-Key</c>, the portal form's own key)
    /// a second submission of the same form — a double click, a retry after a lost answer — answers the first receipt and
    /// files nothing: the key and the receipt are stored with the suggestion, in the same save.
    /// </summary>
    public async Task<ReviewSuggestionReceipt> SubmitAsync(Guid documentId, ReviewSuggestionRequest request, string? clientKey, CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(clientKey) ? null
            : IdempotencyKey.For("public", clientKey, "", $"POST /api/public/normative-documents/{documentId}/review-suggestions", request);
        if (key is not null && await StoredAsync(key, ct) is { } seen)
        {
            return seen;
        }
        var document = await context.Db.Set<NormativeDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.PublishedAt != null, ct)
            ?? throw NormativeRefusedException.NotFound("已公布的规范性文件 / published normative document " + documentId);
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxText || request.Name.Length > 200 || request.Contact?.Length > 200)
        {
            throw new NormativeRefusedException(NormativeTexts.Catalog.Invalid("suggestion-invalid", NormativeArticles.ReviewSuggestion, ("max", MaxText)));
        }
        var recipient = await context.Db.Set<NormativeFiling>().AsNoTracking().Where(f => f.DocumentId == documentId)
            .OrderBy(f => f.RecipientKind).Select(f => f.RecipientOrganizationId).FirstAsync(ct);
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        var period = settings.NormativeDocuments.Period(Jurisdictions.NormativeDocumentSettings.ReviewSuggestionReply);
        var today = context.Today(settings);
        var suggestion = new NormativeReviewSuggestion
        {
            Id = Guid.NewGuid(), DocumentId = documentId, RecipientOrganizationId = recipient,
            Receipt = $"SJ{today.Year}{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}",
            SubmitterName = request.Name.Trim(), Contact = request.Contact?.Trim(), Text = request.Text.Trim(), SubmittedAt = context.Clock.GetUtcNow(),
            ReplyDueOn = context.Calculator(settings).AfterDays(today, period.Days, period.Counting).LastDay,
        };
        // Encrypted at rest with SM4 like commenters' and objectors' contact details (issue 20 item 4).
        cipher.Seal(suggestion);
        context.Db.Set<NormativeReviewSuggestion>().Add(suggestion);
        context.Event(documentId, "review-suggestion", "public", suggestion.Receipt);
        var receipt = Receipt(suggestion);
        if (key is not null)
        {
            context.Db.ProcessedCommands.Add(new ProcessedCommand
            {
                Key = key.Key, RequestHash = key.RequestHash, StatusCode = StatusCodes.Status201Created, ResponseJson = ApiJson.Serialize(receipt),
                CreatedAt = context.Clock.GetUtcNow(),
            });
        }
        try
        {
            await context.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (key is not null && DatabaseFailure.IsConflict(e))
        {
            // The same form sent twice at once: the other request stored the key (and its suggestion) first.
            context.Db.ChangeTracker.Clear();
            return await StoredAsync(key, ct) ?? throw new InvalidOperationException("The conflicting submission's key is not stored.", e);
        }
        return receipt;
    }

    /// <summary>The receipt a key already answered; a key reused for a different form is refused (409).</summary>
    private async Task<ReviewSuggestionReceipt?> StoredAsync(IdempotencyKey key, CancellationToken ct)
    {
        var seen = await CommandReplay.FindAsync(context.Db, key, ct);
        if (seen is null)
        {
            return null;
        }
        if (seen.Refusals.Count > 0)
        {
            throw new NormativeRefusedException(seen.Refusals);
        }
        return JsonSerializer.Deserialize<ReviewSuggestionReceipt>(seen.ResponseJson!, ApiJson.Options);
    }

    public async Task<ReviewSuggestionReceipt> ByReceiptAsync(string receipt, CancellationToken ct) =>
        Receipt(await context.Db.Set<NormativeReviewSuggestion>().AsNoTracking().SingleOrDefaultAsync(s => s.Receipt == receipt, ct)
            ?? throw NormativeRefusedException.NotFound("审查建议 / review suggestion " + receipt));

    /// <summary>The recipient's suggestions; <c>channel</c> is where the contact details are shown (<c>api</c> or <c>web</c>), for the log of who read them.</summary>
    public async Task<List<ReviewSuggestionView>> InboxAsync(Actor actor, CancellationToken ct, string channel = "api")
    {
        var offices = actor.Memberships.Where(m => m.Role == Roles.LegalityReviewer).Select(m => m.OrganizationId).ToList();
        var suggestions = await context.Db.Set<NormativeReviewSuggestion>().AsNoTracking().Where(s => offices.Contains(s.RecipientOrganizationId)).ToListAsync(ct);
        var ids = suggestions.Select(s => s.DocumentId).Distinct().ToList();
        var titles = await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Title, ct);
        // Contact details only through the one read path (《个人信息保护法》第六条、第五十一条): shown to the recipient's
        // reviewers who answer the person, each revealing view logged per document and office.
        var readings = new Dictionary<(Guid, string), Participation.ContactReading>();
        foreach (var group in suggestions.GroupBy(s => (s.DocumentId, s.RecipientOrganizationId)))
        {
            readings[group.Key] = await contacts.ForReviewSuggestionsAsync(actor, group.Key.DocumentId, group.Key.RecipientOrganizationId,
                group.Select(s => s.Contact), channel, ct);
        }
        return suggestions.OrderBy(s => s.ReplyDueOn).Select(s => new ReviewSuggestionView(s.Id, s.DocumentId, titles[s.DocumentId], s.Receipt, s.SubmitterName,
            readings[(s.DocumentId, s.RecipientOrganizationId)].Read(s), s.Text, s.SubmittedAt, s.ReplyDueOn, s.Reply, s.RepliedAt)).ToList();
    }

    public async Task<ReviewSuggestionReceipt> ReplyAsync(Actor actor, Guid id, ReviewSuggestionReplyRequest request, CancellationToken ct)
    {
        var suggestion = await context.Db.Set<NormativeReviewSuggestion>().SingleOrDefaultAsync(s => s.Id == id, ct)
            ?? throw NormativeRefusedException.NotFound("审查建议 / review suggestion " + id);
        NormativeContext.Require(actor, [suggestion.RecipientOrganizationId], [Roles.LegalityReviewer], "备案审查机关 / the filing recipient", NormativeArticles.ReviewSuggestion);
        if (suggestion.RepliedAt is not null && suggestion.Reply == request.Reply?.Trim())
        {
            // The same reply again (a resent form, a retry): answered as it stands, nothing written.
            return Receipt(suggestion);
        }
        if (suggestion.RepliedAt is not null)
        {
            throw new NormativeRefusedException(NormativeTexts.Catalog.Conflict("suggestion-already-replied", NormativeArticles.ReviewSuggestion));
        }
        if (string.IsNullOrWhiteSpace(request.Reply))
        {
            throw new NormativeRefusedException(NormativeTexts.Catalog.Invalid("suggestion-reply-required", NormativeArticles.ReviewSuggestion));
        }
        suggestion.Reply = request.Reply.Trim();
        suggestion.RepliedAt = context.Clock.GetUtcNow();
        context.Event(suggestion.DocumentId, "review-suggestion-replied", actor.Id, suggestion.Receipt);
        await context.Db.SaveChangesAsync(ct);
        return Receipt(suggestion);
    }

    private static ReviewSuggestionReceipt Receipt(NormativeReviewSuggestion s) =>
        new(s.Receipt, s.DocumentId, s.SubmittedAt, s.ReplyDueOn, s.RepliedAt is not null, s.Reply);
}
