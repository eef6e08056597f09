using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Participation;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Closing a consultation whose period has ended (第十五条), the same for the drafting unit's manual close and the
/// system's close at the end of the period (<see cref="ConsultationCloseTimer"/>): seal, count and hash, journal
/// <c>ConsultationClosed</c>, mark the row closed in the journal's transaction.
/// </summary>
public sealed record ConsultationClosing(Guid ConsultationId, DateTimeOffset ClosedAt, int CommentCount, string Hash, string Comment, object Data)
{
    public const string JournalType = "ConsultationClosed";

    /// <summary>
    /// Seals first, in its own statement: it waits for any comment still being written (each holds this row while it
    /// takes its receipt number), and no comment can be written after it. Only then are the comments counted.
    /// </summary>
    public static async Task<ConsultationClosing> PrepareAsync(WorkflowDbContext db, Consultation consultation, DateTimeOffset now, bool bySystem, CancellationToken ct)
    {
        var id = consultation.Id;
        await db.Set<Consultation>().Where(c => c.Id == id && c.SealedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.SealedAt, (DateTimeOffset?)now), ct);
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        var hash = digest.Hash();
        var data = new
        {
            consultationId = id, commentCount = digest.Comments.Count, groupCount = digest.Groups.Count, hiddenCount = digest.Hidden,
            commentsHash = hash, closesAt = consultation.ClosesAt, bySystem,
        };
        var comment = ParticipationTexts.Catalog.Line(bySystem ? "comment.closed-by-system" : "comment.closed",
            ("comments", digest.Comments.Count), ("groups", digest.Groups.Count));
        // The journal keeps the zh-CN text as its comment and the text's code in its data, rendered for each reader.
        return new ConsultationClosing(id, now, digest.Comments.Count, hash, comment.ToText(TextCatalog.Chinese),
            JsonNode.Parse(StoredTexts.WithComment(ApiJson.Serialize(data), comment))!);
    }

    /// <summary>
    /// Marks the row closed if nobody did: runs inside the transaction that journals the close, so a manual close and
    /// the system's close racing each other journal it once (the loser is refused and writes nothing).
    /// </summary>
    public async Task ApplyAsync(WorkflowDbContext db, ConsultationMail mail, string? timeZone, CancellationToken ct)
    {
        var updated = await db.Set<Consultation>().Where(c => c.Id == ConsultationId && c.ClosedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ClosedAt, (DateTimeOffset?)ClosedAt)
            .SetProperty(c => c.CommentCount, CommentCount)
            .SetProperty(c => c.CommentsHash, Hash), ct);
        if (updated == 0)
        {
            throw new CommandRefusedException(Consultations.AlreadyClosed());
        }
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == ConsultationId, ct);
        await mail.EnqueueAsync(Mail.MailKinds.ConsultationClosed, consultation, timeZone, ct);
    }

    /// <summary>The code of the refusal when another close recorded it first (<see cref="Consultations.AlreadyClosed"/>).</summary>
    public static readonly string AlreadyClosed = Consultations.AlreadyClosed().Code;
}
