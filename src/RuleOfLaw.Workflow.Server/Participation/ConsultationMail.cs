using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Tells the drafting unit's officers and head that a consultation opened or closed (第十五条): outbox rows added in
/// the transaction of the publication or the close, keyed by the consultation so an event is never mailed twice.
/// </summary>
public sealed class ConsultationMail(WorkflowDbContext db, OutboxWriter outbox, IOptions<WorkflowsOptions> workflows)
{
    public async Task EnqueueAsync(string kind, Consultation consultation, string? timeZone, CancellationToken ct)
    {
        var matter = await db.Matters.FindAsync([consultation.MatterId], ct) ?? throw new InvalidOperationException("matter missing");
        var recipients = new List<string>();
        recipients.AddRange(await outbox.HoldersAsync(Roles.DraftingOfficer, matter.DraftingUnitId, ct));
        recipients.AddRange(await outbox.HoldersAsync(Roles.DraftingHead, matter.DraftingUnitId, ct));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone ?? workflows.Value.TimeZone);
        var facts = new MailFacts(matter.Id, matter.Number, matter.Title, "公众参与 / Public participation", consultation.ClosesAt, zone,
            $"征求意见 / Consultation: {consultation.Title}");
        await outbox.EnqueueAsync($"{kind}:{consultation.Id}", kind, recipients, facts, ct);
    }
}
