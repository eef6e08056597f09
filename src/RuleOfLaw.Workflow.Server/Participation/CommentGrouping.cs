using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Campaign grouping: comments whose text is the same after normalization (NFKC, so full-width and half-width forms
/// agree; lower case; whitespace, punctuation and symbols removed) share a group key. Groups are counted, never
/// merged away: every comment stays a row with its own receipt.
/// </summary>
public static class CommentGrouping
{
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var kept = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune) || Rune.IsSymbol(rune) || Rune.IsControl(rune)
                || category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            kept.Append(rune.ToString());
        }
        return kept.ToString();
    }

    public static string GroupKey(string text) => Sha256(Normalize(text));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>One group of identical (after normalization) comments, labelled by its first receipt.</summary>
public sealed record CommentGroup(string Key, string Label, IReadOnlyList<ConsultationComment> Comments, CommentResponse? Response)
{
    public int Count => Comments.Count;
    public int Visible => Comments.Count(c => !c.Hidden);
}

/// <summary>A consultation's comments with their groups and responses, as the staff views, the guard and the export need them.</summary>
public sealed class ConsultationDigest
{
    private readonly Dictionary<Guid, CommentResponse> _byComment;

    private ConsultationDigest(Consultation consultation, List<ConsultationComment> comments, List<CommentResponse> responses)
    {
        Consultation = consultation;
        Comments = comments;
        _byComment = responses.Where(r => r.CommentId is not null).ToDictionary(r => r.CommentId!.Value);
        var byGroup = responses.Where(r => r.GroupKey is not null).ToDictionary(r => r.GroupKey!);
        Groups = [.. comments.GroupBy(c => c.GroupKey)
            .Select(g => new CommentGroup(g.Key, g.First().ReceiptNumber, [.. g], byGroup.GetValueOrDefault(g.Key)))
            .OrderBy(g => g.Comments[0].Sequence)];
        GroupOf = Groups.SelectMany(g => g.Comments.Select(c => (c.Id, g))).ToDictionary(x => x.Id, x => x.g);
    }

    public Consultation Consultation { get; }
    public IReadOnlyList<ConsultationComment> Comments { get; }
    public IReadOnlyList<CommentGroup> Groups { get; }
    public IReadOnlyDictionary<Guid, CommentGroup> GroupOf { get; }

    public int Hidden => Comments.Count(c => c.Hidden);

    /// <summary>The comment's own response, else its group's; and which of the two it is.</summary>
    public (CommentResponse? Response, string? Via) ResponseFor(ConsultationComment comment) =>
        _byComment.TryGetValue(comment.Id, out var own) ? (own, "comment")
        : GroupOf[comment.Id].Response is { } group ? (group, "group")
        : (null, null);

    /// <summary>Visible comments with no response of their own or of their group (art. 18: every opinion is studied).</summary>
    public IReadOnlyList<ConsultationComment> Unanswered => [.. Comments.Where(c => !c.Hidden && ResponseFor(c).Response is null)];

    /// <summary>SHA-256 over every comment in receipt order (sequence, receipt, time in ms, submitter type, text hash).</summary>
    public string Hash() => CommentGrouping.Sha256(string.Concat(Comments.Select(c =>
        $"{c.Sequence}\t{c.ReceiptNumber}\t{c.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}\t{c.SubmitterType}\t{CommentGrouping.Sha256(c.Text)}\n")));

    public static async Task<ConsultationDigest> LoadAsync(WorkflowDbContext db, Consultation consultation, CancellationToken ct)
    {
        var comments = await db.Set<ConsultationComment>().AsNoTracking().Where(c => c.ConsultationId == consultation.Id)
            .OrderBy(c => c.Sequence).ToListAsync(ct);
        var responses = await db.Set<CommentResponse>().AsNoTracking().Where(r => r.ConsultationId == consultation.Id).ToListAsync(ct);
        return new ConsultationDigest(consultation, comments, responses);
    }

    /// <summary>The digests of several consultations in two queries (the lists must not load each consultation's comments on their own).</summary>
    public static async Task<IReadOnlyList<ConsultationDigest>> LoadManyAsync(WorkflowDbContext db, IReadOnlyList<Consultation> consultations, CancellationToken ct)
    {
        if (consultations.Count == 0)
        {
            return [];
        }
        var ids = consultations.Select(c => c.Id).ToList();
        var comments = (await db.Set<ConsultationComment>().AsNoTracking().Where(c => ids.Contains(c.ConsultationId)).ToListAsync(ct))
            .ToLookup(c => c.ConsultationId);
        var responses = (await db.Set<CommentResponse>().AsNoTracking().Where(r => ids.Contains(r.ConsultationId)).ToListAsync(ct))
            .ToLookup(r => r.ConsultationId);
        return [.. consultations.Select(c => new ConsultationDigest(c, [.. comments[c.Id].OrderBy(x => x.Sequence)], [.. responses[c.Id]]))];
    }
}
