using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Accepts one public comment. Checks the content (<see cref="Comments.Check"/>), computes the group key and the
/// request hash and encrypts the contact here, outside any transaction, then hands the row to
/// <see cref="CommentBatches"/>, which writes it with the other comments arriving at the same moment in one
/// transaction: the consultation's row is locked once per batch (to hand out the receipt numbers), the instance is not
/// touched. Every path that writes a comment passes through the open check, made on the server's clock after that lock
/// is held: a comment is accepted only if OpensAt ≤ now &lt; ClosesAt and the consultation has not been sealed (art. 15,
/// <see cref="Consultations.AcceptComment"/>). The API's comment endpoint and the portal's form both call
/// <see cref="SubmitAsync"/>.
/// </summary>
public sealed class CommentIntake(WorkflowDbContext db, WorkflowEngine engine, CommentBatches batches, ContactCipher cipher)
{
    public async Task<ParticipationOutcome<CommentReceipt>> SubmitAsync(Guid consultationId, CommentContent content, string? clientKey, CancellationToken ct)
    {
        if (Comments.Check(content) is { } invalid)
        {
            return ParticipationProblem.From(invalid);
        }
        var (type, name, contact) = Comments.SubmitterOf(content);
        var text = content.Text!;
        var key = string.IsNullOrWhiteSpace(clientKey) ? null : clientKey;
        var comment = new ConsultationComment
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultationId,
            // Numbered and timed by the batch, under the consultation's lock.
            Sequence = 0,
            ReceiptNumber = "",
            ReceivedAt = default,
            SubmitterType = type,
            SubmitterName = name,
            Contact = contact,
            Text = text,
            GroupKey = CommentGrouping.GroupKey(text),
            IdempotencyKey = key,
            RequestHash = CommentGrouping.Sha256(ApiJson.Serialize(new { type, name, contact, text })),
        };
        cipher.Seal(comment);
        var answer = await batches.SubmitAsync(comment, ct);
        return answer switch
        {
            { Receipt: { } receipt } => new ParticipationOutcome<CommentReceipt>(receipt, null, Replayed: answer.Replayed),
            { KeyWasReused: true } => ParticipationTexts.Catalog.Conflict("idempotency-key-reused"),
            { Consultation: { } refused } => Consultations.AcceptComment(refused.Facts(await ZoneAsync(refused.MatterId, ct)), answer.At)!,
            _ => ParticipationProblem.NotFound("not-found.consultation"),
        };
    }

    /// <summary>Only a refusal needs the jurisdiction's time zone (its text names the period's end in local time).</summary>
    private async Task<string> ZoneAsync(Guid matterId, CancellationToken ct)
    {
        var state = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => i.StateJson).SingleOrDefaultAsync(ct);
        return engine.DeadlinesIn(state is null ? null : InstanceStateJson.Deserialize(state).Jurisdiction?.TimeZone).TimeZone.Id;
    }
}
