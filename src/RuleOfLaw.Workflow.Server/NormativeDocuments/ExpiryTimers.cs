using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The configured months before expiry (default 6): the issuer's heads are mailed to evaluate the document and
/// decide continue / amend / lapse; the reminder is recorded in the document's history. Nothing happens for a
/// document that already ended (repealed, declared invalid).
/// </summary>
public sealed class ExpiryReminderTimer(WorkflowDbContext db, OutboxWriter outbox, TimeProvider clock, NormativeContext context) : IDomainTimerHandler
{
    public const string TimerKind = "normative-expiry-reminder";

    public string Kind => TimerKind;

    public async Task<DomainTimerAction> PrepareAsync(ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var id = JsonDocument.Parse(timer.PayloadJson ?? "{}").RootElement.GetProperty("documentId").GetGuid();
        var document = await db.Set<NormativeDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is not { Status: NormativeStatuses.Published })
        {
            return new DomainTimerAction(null);
        }
        var issuer = await db.Set<NormativeIssuer>().AsNoTracking().SingleAsync(i => i.Id == document.IssuerId, cancellationToken);
        var recipients = new List<string>();
        foreach (var role in IssuerHead.Roles)
        {
            recipients.AddRange(await outbox.HoldersAsync(role, issuer.OrganizationId, cancellationToken));
        }
        recipients = recipients.Distinct(StringComparer.Ordinal).ToList();
        var zone = context.Calculator(await context.SettingsAsync(document.GovernmentId, cancellationToken)).TimeZone;
        var facts = new MailFacts(document.Id, document.RegistrationNumber ?? "", document.Title, "有效期届满前评估 / evaluation before expiry",
            Publication.StartOf(document.LapsesOn!.Value, zone), zone,
            $"有效期至 / in force until {NormativeProblems.Day(document.LastDayInForce!.Value)}");
        return new DomainTimerAction(null, async (_, ct) =>
        {
            db.Set<NormativeDocumentEvent>().Add(new NormativeDocumentEvent
            {
                Id = Guid.NewGuid(), DocumentId = document.Id, Type = "expiry-reminder", At = clock.GetUtcNow(), Actor = "system",
                // The history's stored form, rendered for the reader by HistoryNotes ("expiry-reminder").
                Note = $"提醒{recipients.Count}人评估：继续、修改或到期失效。",
            });
            await outbox.EnqueueAsync($"{MailKinds.NormativeExpiry}:{timer.Id}", MailKinds.NormativeExpiry, recipients, facts, ct);
        });
    }
}

/// <summary>
/// On the day after the last day in force the document ceases to have effect without further act: it leaves the
/// current catalogue (status lapsed), recorded in its history as the system's act.
/// </summary>
public sealed class LapseTimer(WorkflowDbContext db, TimeProvider clock) : IDomainTimerHandler
{
    public const string TimerKind = "normative-lapse";

    public string Kind => TimerKind;

    public Task<DomainTimerAction> PrepareAsync(ScheduledTimer timer, CancellationToken cancellationToken)
    {
        var id = JsonDocument.Parse(timer.PayloadJson ?? "{}").RootElement.GetProperty("documentId").GetGuid();
        return Task.FromResult(new DomainTimerAction(null, async (_, ct) =>
        {
            var document = await db.Set<NormativeDocument>().SingleOrDefaultAsync(d => d.Id == id, ct);
            // Repealed or declared invalid earlier: it already left the catalogue.
            if (document is not { Status: NormativeStatuses.Published })
            {
                return;
            }
            document.Status = NormativeStatuses.Lapsed;
            document.EndedOn = document.LapsesOn;
            db.Set<NormativeDocumentEvent>().Add(new NormativeDocumentEvent
            {
                Id = Guid.NewGuid(), DocumentId = document.Id, Type = "lapsed", At = clock.GetUtcNow(), Actor = "system",
                // The history's stored form, rendered for the reader by HistoryNotes ("lapsed").
                Note = $"有效期届满（{NormativeProblems.Day(document.LastDayInForce!.Value)}），自动失效。",
            });
        }));
    }
}

/// <summary>
/// The issuer's decision before expiry (“有效期届满前……评估”: continue — re-issue through the procedure —, amend, or let
/// it lapse), by the issuer's head while the document is in force (<see cref="ValidityRules.CheckExpiryDecision"/>).
/// It may be changed until the last day in force; each decision is in the document's history. The same decision with
/// the same note sent again is answered as it stands, nothing written (a second click of the page's form).
/// </summary>
public sealed class ExpiryEvaluation(NormativeContext context)
{
    public async Task<NormativeDocument> DecideAsync(Actor actor, Guid id, ExpiryDecisionRequest request, CancellationToken ct)
    {
        var document = await context.DocumentAsync(id, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        var settings = await context.SettingsAsync(document.GovernmentId, ct);
        if (!IssuerHead.Is(actor.Memberships, issuer.OrganizationId))
        {
            throw NormativeRefusedException.Forbidden(settings.NormativeDocuments.ValidityArticle, $"{issuer.Name}负责人 / the issuer's head");
        }
        if (document.Status != NormativeStatuses.Published)
        {
            throw NormativeRefusedException.WrongStage("作出到期评估决定 / evaluated before expiry", document.Status, settings.NormativeDocuments.ValidityArticle);
        }
        var decision = request.Decision?.Trim();
        if (ValidityRules.CheckExpiryDecision(decision, document.LastDayInForce!.Value, context.Today(settings), settings.NormativeDocuments) is { } refusal)
        {
            throw new NormativeRefusedException(refusal);
        }
        var note = $"{decision} {request.Note?.Trim()}".Trim();
        note = note.Length > 2000 ? note[..2000] : note; // the history's note column
        // Ordered here, not in SQL (SQLite cannot order by a DateTimeOffset); a document has few decisions.
        var last = (await context.Db.Set<NormativeDocumentEvent>().AsNoTracking().Where(e => e.DocumentId == id && e.Type == "expiry-decision")
            .Select(e => new { e.At, e.Note }).ToListAsync(ct)).OrderByDescending(e => e.At).Select(e => e.Note).FirstOrDefault();
        if (document.ExpiryDecision == decision && last == note)
        {
            return document;
        }
        document.ExpiryDecision = decision;
        context.Event(document.Id, "expiry-decision", actor.Id, note);
        await context.Db.SaveChangesAsync(ct);
        return document;
    }
}
