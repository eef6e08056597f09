using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>A comment that arrived on paper or by phone, entered by an official: how, on which local day, and the scan.</summary>
public sealed record ReceivedCommentRequest(
    [property: Required, MaxLength(16)] string Channel,
    [property: Required] DateOnly? ReceivedOn,
    [property: MaxLength(20)] string? SubmitterType,
    [property: MaxLength(200)] string? Name,
    [property: MaxLength(200)] string? Contact,
    string? Text,
    Guid? DocumentVersionId);

/// <summary>
/// Comments received by letter, fax, phone or at a hearing (art. 14's other channels), entered by the drafting unit:
/// they take the next receipt number and are counted, grouped and answered with the online ones. The period rule of
/// art. 15 applies to the day received, not to the day entered: a letter received after the last day is refused; one
/// received in time and entered after the close is accepted (the close's count and hash cover what was there then; the
/// entry is journaled with its day received and day entered). The rules are <see cref="Comments"/>'s; one service for
/// the API and the participation page.
/// </summary>
public sealed class ReceivedComments(ParticipationActs writer, TimeProvider clock, WorkflowEngine engine, ContactCipher cipher)
{
    public async Task<ParticipationOutcome<CommentView>> EnterAsync(Guid consultationId, ReceivedCommentRequest request, string? clientKey, CancellationToken ct)
    {
        var db = writer.Db;
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, ct);
        if (consultation is null)
        {
            return ParticipationProblem.NotFound("not-found.consultation");
        }
        var (target, denied) = await writer.LoadAsync(consultation.MatterId, ParticipationActs.Step, ct);
        if (target is null)
        {
            return ParticipationProblem.From(denied!);
        }
        var comment = new CommentContent(request.SubmitterType, request.Name, request.Contact, request.Text);
        var deadlines = engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone);
        var now = Consultations.Instant(clock.GetUtcNow());
        var received = new ReceivedCommentFacts(request.Channel, request.ReceivedOn);
        if ((Comments.Check(comment) ?? Comments.MayEnter(consultation.Facts(deadlines.TimeZone.Id), received, now, deadlines)) is { } refusal)
        {
            return refusal;
        }
        var channel = Comments.ChannelOf(received);
        var receivedOn = request.ReceivedOn!.Value;
        if (request.DocumentVersionId is { } versionId && !await db.Set<DocumentVersion>().AsNoTracking()
                .Where(v => v.Id == versionId).Join(db.Set<MatterDocument>(), v => v.DocumentId, d => d.Id, (v, d) => d.MatterId)
                .AnyAsync(m => m == consultation.MatterId, ct))
        {
            return ParticipationTexts.Catalog.Invalid("document-not-found");
        }

        var (type, name, contact) = Comments.SubmitterOf(comment);
        var receivedAt = Comments.ReceivedAt(receivedOn, deadlines.TimeZone);
        var key = ParticipationActs.Key(target, clientKey, $"POST /api/consultations/{consultationId}/received-comments", request);
        var id = ModuleWrites.RowId(key, "received-comment");
        var data = new { consultationId, channel, receivedOn, enteredAt = now, submitterType = type, request.DocumentVersionId };
        var result = await writer.RecordAsync(target, key, "CommentReceivedOffline", ParticipationActs.Step,
            $"{channel} {receivedOn:yyyy-MM-dd}", data, async token =>
            {
                // The next receipt number of the matter, taken inside the command's transaction (undone with it on a retry).
                await db.Set<Consultation>().Where(c => c.Id == consultationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentSequence, c => c.CommentSequence + 1), token);
                var sequence = await db.Set<Consultation>().AsNoTracking().Where(c => c.Id == consultationId).Select(c => c.CommentSequence).SingleAsync(token);
                var number = target.Matter.Number;
                var row = new ConsultationComment
                {
                    Id = id,
                    ConsultationId = consultationId,
                    Sequence = sequence,
                    ReceiptNumber = $"{number}-C{sequence:D6}",
                    ReceivedAt = receivedAt,
                    SubmitterType = type,
                    SubmitterName = name,
                    Contact = contact,
                    Text = request.Text!,
                    GroupKey = CommentGrouping.GroupKey(request.Text!),
                    RequestHash = key.RequestHash,
                    Channel = channel,
                    EnteredAt = now,
                    EnteredBy = target.Actor.Id,
                    DocumentVersionId = request.DocumentVersionId,
                };
                cipher.Seal(row);
                db.Set<ConsultationComment>().Add(row);
            }, ct);
        if (result.Refusals.Count > 0)
        {
            return ParticipationProblem.FromEngine(result.Refusals);
        }
        var stored = await db.Set<ConsultationComment>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        return CommentView.From(digest, digest.Comments.Single(c => c.Id == stored.Id), ContactReading.Masked);
    }
}
