using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

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
/// entry is journaled with its day received and day entered). One rule for the API and the participation page.
/// </summary>
public sealed class ReceivedComments(ParticipationWriter writer, TimeProvider clock, WorkflowEngine engine)
{
    public const string Online = "online";
    public static readonly IReadOnlyList<string> Channels = ["letter", "fax", "phone", "hearing"];

    public async Task<IResult> EnterAsync(Guid consultationId, ReceivedCommentRequest request, string? clientKey, CancellationToken ct)
    {
        var db = writer.Db;
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, ct);
        if (consultation is null)
        {
            return ApiProblem.NotFound("没有这个公开征求意见。No such consultation.");
        }
        var (target, problem) = await writer.LoadAsync(consultation.MatterId, ParticipationWriter.Step, ct);
        if (target is null)
        {
            return problem!;
        }
        var comment = new PublicCommentRequest(request.SubmitterType, request.Name, request.Contact, request.Text);
        if (PublicEndpoints.Check(comment) is { } invalid)
        {
            return invalid;
        }
        var channel = request.Channel?.Trim().ToLowerInvariant() ?? "";
        if (!Channels.Contains(channel))
        {
            return ApiProblem.Validation("invalid-channel", "channel 应为 letter、fax、phone 或 hearing。channel must be letter, fax, phone or hearing.");
        }
        if (request.ReceivedOn is not { } receivedOn)
        {
            return ApiProblem.Validation("received-on-required", "请填写收到日期。The day received is required.");
        }
        var deadlines = engine.DeadlinesIn(target.State.Jurisdiction?.TimeZone);
        var now = ConsultationEndpoints.Truncate(clock.GetUtcNow());
        if (receivedOn > deadlines.LocalDay(now))
        {
            return ApiProblem.Validation("received-on-future", "收到日期不能晚于今天。The day received cannot be after today.");
        }
        var opensOn = deadlines.LocalDay(consultation.OpensAt);
        var lastDay = deadlines.LocalDay(consultation.ClosesAt.AddTicks(-1));
        if (receivedOn < opensOn || receivedOn > lastDay)
        {
            return ParticipationWriter.Refuse(StatusCodes.Status422UnprocessableEntity,
                receivedOn < opensOn ? "received-before-open" : "received-after-close",
                $"该意见于{receivedOn:yyyy-MM-dd}收到，不在征求意见期间（{opensOn:yyyy-MM-dd}至{lastDay:yyyy-MM-dd}）内，不予登记。" +
                $"Received on {receivedOn:yyyy-MM-dd}, outside the consultation period {opensOn:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}; it is not entered.",
                "第十五条");
        }
        if (request.DocumentVersionId is { } versionId && !await db.Set<DocumentVersion>().AsNoTracking()
                .Where(v => v.Id == versionId).Join(db.Set<MatterDocument>(), v => v.DocumentId, d => d.Id, (v, d) => d.MatterId)
                .AnyAsync(m => m == consultation.MatterId, ct))
        {
            return ApiProblem.Validation("document-not-found",
                "附件应为本事项已上传文件的一个版本（先在“文件”中上传扫描件）。The attachment must be a version of one of this matter's documents (upload the scan first).");
        }

        var (type, name, contact) = PublicEndpoints.Submitter(comment);
        // The start of the local day received: the day is what the period rule looks at; the hour is not known.
        var midnight = receivedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var receivedAt = new DateTimeOffset(midnight, deadlines.TimeZone.GetUtcOffset(midnight)).ToUniversalTime();
        var key = ParticipationWriter.Key(target, clientKey, $"POST /api/consultations/{consultationId}/received-comments", request);
        var id = ParticipationWriter.IdFor(key, "received-comment");
        var data = new { consultationId, channel, receivedOn, enteredAt = now, submitterType = type, request.DocumentVersionId };
        var result = await writer.RecordAsync(target, key, "CommentReceivedOffline", ParticipationWriter.Step,
            $"{channel} {receivedOn:yyyy-MM-dd}", data, async token =>
            {
                // The next receipt number of the matter, taken inside the command's transaction (undone with it on a retry).
                await db.Set<Consultation>().Where(c => c.Id == consultationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentSequence, c => c.CommentSequence + 1), token);
                var sequence = await db.Set<Consultation>().AsNoTracking().Where(c => c.Id == consultationId).Select(c => c.CommentSequence).SingleAsync(token);
                var number = target.Matter.Number;
                db.Set<ConsultationComment>().Add(new ConsultationComment
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
                });
            }, ct);
        if (result.Refusals.Count > 0)
        {
            return ApiProblem.Refused(result.Refusals);
        }
        var stored = await db.Set<ConsultationComment>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var digest = await ConsultationDigest.LoadAsync(db, consultation, ct);
        return Results.Created($"/api/consultations/{consultationId}/comments", CommentView.From(digest, digest.Comments.Single(c => c.Id == stored.Id)));
    }

    internal static async Task<IResult> Enter(
        Guid id, ReceivedCommentRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, ReceivedComments comments, CancellationToken ct) =>
        await comments.EnterAsync(id, request, clientKey, ct);
}
