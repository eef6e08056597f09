using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>A matter the actor may see, loaded with its procedure.</summary>
public sealed record VisibleMatter(MatterProcedure Procedure, Actor Actor);

/// <summary>
/// Issuing the decision (第三十一条至第三十三条、第四十三条) as an application service: the Party committee report,
/// publication, filing per recipient with the receipts, the dossier's checklist and archiving. The rules are the
/// domain's (<see cref="StepActs"/>, <see cref="Issuance"/>, <see cref="Filing"/>); this loads the facts, asks them
/// and writes through <see cref="ModuleWriter"/>. The API's handlers and the step pages both call it.
/// </summary>
public sealed class AfterDecisionService(ModuleWriter records, ComplianceReportService compliance, CurrentActor current, TimeProvider clock)
{
    private static AfterDecisionTexts T => AfterDecisionTexts.Catalog;

    /// <summary>The matter with its started procedure, when the actor may see it; else <c>not-found</c>.</summary>
    public async Task<(VisibleMatter? Matter, Refusal? Refusal)> LoadVisibleAsync(Guid id, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var loaded = await records.LoadAsync(id, ct);
        return loaded is null || !MatterAccess.CanSee(loaded.Matter, actor) ? (null, T.NotFound("not-found.matter")) : (new VisibleMatter(loaded, actor), null);
    }

    public async Task<ModuleOutcome<PartyReportView>> ReportToPartyAsync(Guid id, PartyReportRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var task = loaded.OpenTask(AfterDecisionSteps.PartyCommitteeReport);
        if (StepActs.MayRecord(task, AfterDecisionSteps.PartyCommitteeReport, loaded.Definition.Step(AfterDecisionSteps.PartyCommitteeReport).Title, actor,
                Issuance.PartyReportArticle) is { } refused)
        {
            return await ReplayAsync<PartyCommitteeReport>(actor, clientKey, "party", "POST party-committee-report", request, ct) is { } r
                ? ModuleOutcome<PartyReportView>.Ok(View(r)) : refused;
        }
        var already = await records.Db.Set<PartyCommitteeReport>().AnyAsync(p => p.TaskId == task!.Id, ct);
        if (Issuance.PartyReport(request.Form, Day("party-report", request.ReportedOn, loaded, task!), already) is { } invalid)
        {
            return invalid;
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, "party:" + task!.Id, "POST party-committee-report", request);
        var rowId = ModuleWrites.RowId(key, "party");
        var result = await records.RecordAsync(key, loaded, "PartyCommitteeReported", AfterDecisionSteps.PartyCommitteeReport, request.ReplyNote,
            new { reportedOn = request.ReportedOn, form = request.Form, taskId = task.Id }, actor, (_, _) =>
            {
                records.Db.Add(new PartyCommitteeReport
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, ReportedOn = request.ReportedOn, Form = request.Form.Trim(), ReplyNote = request.ReplyNote,
                    RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return await RowAsync<PartyCommitteeReport, PartyReportView>(result, rowId, View, ct);
    }

    public async Task<ModuleOutcome<List<PartyReportView>>> PartyReportsAsync(Guid id, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        return visible is null ? notFound! : ModuleOutcome<List<PartyReportView>>.Ok(
            (await records.Db.Set<PartyCommitteeReport>().AsNoTracking().Where(p => p.MatterId == id).ToListAsync(ct)).OrderBy(p => p.RecordedAt).Select(View).ToList());
    }

    public async Task<ModuleOutcome<PublicationView>> PublishAsync(Guid id, DecisionPublicationRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var task = loaded.OpenTask(AfterDecisionSteps.Publication);
        if (StepActs.MayRecord(task, AfterDecisionSteps.Publication, loaded.Definition.Step(AfterDecisionSteps.Publication).Title, actor,
                Issuance.PublicationArticle) is { } refused)
        {
            return await ReplayAsync<DecisionPublication>(actor, clientKey, "publication", "POST publication", request, ct) is { } r
                ? ModuleOutcome<PublicationView>.Ok(View(r)) : refused;
        }
        var already = await records.Db.Set<DecisionPublication>().AnyAsync(p => p.TaskId == task!.Id, ct);
        if (Issuance.Publication(request.Channels, request.OpinionsUse, Issuance.NeedsOpinionsUse(loaded.State),
                Day("publication", request.PublishedOn, loaded, task!), already) is { } invalid)
        {
            return invalid;
        }
        var calendar = records.Calendar(loaded.State);
        DateOnly? dueOn = task!.DueAt is { } due ? calendar.LocalDay(due.AddTicks(-1)) : null;
        var late = Lateness.DaysLate(dueOn, request.PublishedOn);
        var key = IdempotencyKey.For(actor.Id, clientKey, "publication:" + task.Id, "POST publication", request);
        var rowId = ModuleWrites.RowId(key, "publication");
        var result = await records.RecordAsync(key, loaded, "DecisionPublished", AfterDecisionSteps.Publication, request.OpinionsUse,
            new { channels = request.Channels, publishedOn = request.PublishedOn, dueOn, daysLate = late, taskId = task.Id }, actor, (_, _) =>
            {
                records.Db.Add(new DecisionPublication
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, ChannelsJson = JsonSerializer.Serialize(request.Channels), PublishedOn = request.PublishedOn,
                    OpinionsUse = request.OpinionsUse, DueOn = dueOn, DaysLate = late, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return await RowAsync<DecisionPublication, PublicationView>(result, rowId, View, ct);
    }

    public async Task<ModuleOutcome<List<PublicationView>>> PublicationsAsync(Guid id, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        return visible is null ? notFound! : ModuleOutcome<List<PublicationView>>.Ok(
            (await records.Db.Set<DecisionPublication>().AsNoTracking().Where(p => p.MatterId == id).ToListAsync(ct)).OrderBy(p => p.RecordedAt).Select(View).ToList());
    }

    public async Task<ModuleOutcome<List<FilingView>>> FilingsAsync(Guid id, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        return visible is null ? notFound! : ModuleOutcome<List<FilingView>>.Ok([.. await FilingPlan.ViewAsync(records, visible.Procedure, clock.GetUtcNow(), ct)]);
    }

    public async Task<ModuleOutcome<FilingView>> FileAsync(Guid id, FilingRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var task = loaded.OpenTask(AfterDecisionSteps.Filing);
        if (StepActs.MayRecord(task, AfterDecisionSteps.Filing, loaded.Definition.Step(AfterDecisionSteps.Filing).Title, actor, Filing.Article) is { } refused)
        {
            return refused;
        }
        var recipients = Filing.Recipients(loaded.State);
        var recipient = recipients.FirstOrDefault(r => r.Id == request.RecipientId);
        var calendar = records.Calendar(loaded.State);
        var issued = FilingPlan.IssuedOn(task!, calendar);
        var due = recipient is null ? null : Filing.Due(calendar, issued, recipient);
        if (Filing.File(recipient, recipients, request.SubmittedOn, request.ReceivedOn, issued, calendar.LocalDay(clock.GetUtcNow()), due) is { } invalid)
        {
            return invalid;
        }
        var existing = await records.Db.Set<FilingRecord>().AsNoTracking().SingleOrDefaultAsync(f => f.TaskId == task!.Id && f.RecipientId == recipient!.Id, ct);
        var key = IdempotencyKey.For(actor.Id, clientKey, $"filing:{task!.Id}:{recipient!.Id}", "POST filings", request);
        var rowId = ModuleWrites.RowId(key, "filing");
        if (existing is not null)
        {
            return existing.Id == rowId && (await CommandReplay.FindAsync(records.Db, key, ct))?.Refusals.Count == 0
                ? ModuleOutcome<FilingView>.Ok(await FilingViewAsync(id, recipient.Id, ct))
                : Filing.AlreadyFiled(recipient);
        }
        var late = Lateness.DaysLate(due!.LastDay, request.SubmittedOn);
        var result = await records.RecordAsync(key, loaded, "FilingSubmitted", AfterDecisionSteps.Filing, null,
            new
            {
                recipientId = recipient.Id, recipient = recipient.Name, issuedOn = issued, dueOn = due.LastDay, dueRule = due.Explanation,
                submittedOn = request.SubmittedOn, receiptNumber = request.ReceiptNumber, receivedOn = request.ReceivedOn, daysLate = late,
            }, actor, (_, _) =>
            {
                records.Db.Add(new FilingRecord
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, RecipientId = recipient.Id, RecipientName = recipient.Name, IssuedOn = issued,
                    DueOn = due.LastDay, DueRule = due.Explanation, SubmittedOn = request.SubmittedOn, ReceiptNumber = request.ReceiptNumber,
                    ReceivedOn = request.ReceivedOn, DaysLate = late, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return result.Refusals.Count > 0
            ? ModuleOutcome<FilingView>.Refused(result.Refusals)
            : ModuleOutcome<FilingView>.Created(await FilingViewAsync(id, recipient.Id, ct));
    }

    public async Task<ModuleOutcome<FilingView>> RecordReceiptAsync(Guid id, string recipientId, ReceiptRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var task = loaded.LatestTask(AfterDecisionSteps.Filing);
        var row = task is null ? null : await records.Db.Set<FilingRecord>().AsNoTracking().SingleOrDefaultAsync(f => f.TaskId == task.Id && f.RecipientId == recipientId, ct);
        var ruling = Filing.Receipt(row is null ? null : new FiledWith(row.SubmittedOn, row.ReceiptNumber, row.ReceivedOn),
            task is not null && actor.Holds(task.Role, task.OrganizationId), request.ReceiptNumber, request.ReceivedOn,
            records.Calendar(loaded.State).LocalDay(clock.GetUtcNow()));
        if (ruling.Refusal is { } refused)
        {
            return refused;
        }
        if (ruling.Value == Filing.ReceiptAnswer.AlreadyRecorded)
        {
            return ModuleOutcome<FilingView>.Ok(await FilingViewAsync(id, recipientId, ct));
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, $"receipt:{row!.Id}", "POST receipt", request);
        var result = await records.RecordAsync(key, loaded, "FilingReceiptRecorded", AfterDecisionSteps.Filing, null,
            new { recipientId, receiptNumber = request.ReceiptNumber, receivedOn = request.ReceivedOn }, actor, async (_, c) =>
            {
                var tracked = await records.Db.Set<FilingRecord>().SingleAsync(f => f.Id == row.Id, c);
                tracked.ReceiptNumber = request.ReceiptNumber;
                tracked.ReceivedOn = request.ReceivedOn;
            }, ct);
        return result.Refusals.Count > 0
            ? ModuleOutcome<FilingView>.Refused(result.Refusals)
            : ModuleOutcome<FilingView>.Ok(await FilingViewAsync(id, recipientId, ct));
    }

    private async Task<FilingView> FilingViewAsync(Guid id, string recipientId, CancellationToken ct) =>
        (await FilingPlan.ViewAsync(records, (await records.LoadAsync(id, ct))!, clock.GetUtcNow(), ct)).Single(f => f.RecipientId == recipientId);

    public async Task<ModuleOutcome<List<ChecklistItem>>> ChecklistAsync(Guid id, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        return visible is null ? notFound! : ModuleOutcome<List<ChecklistItem>>.Ok(
            [.. await ArchiveChecklist.BuildAsync(records, compliance, visible.Procedure, clock.GetUtcNow(), ct)]);
    }

    public async Task<ModuleOutcome<ArchiveView>> ArchiveAsync(Guid id, ArchiveRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var task = loaded.OpenTask(AfterDecisionSteps.Archiving);
        if (StepActs.MayRecord(task, AfterDecisionSteps.Archiving, loaded.Definition.Step(AfterDecisionSteps.Archiving).Title, actor,
                Issuance.ArchivingArticle) is { } refused)
        {
            return await ReplayAsync<ArchiveRecord>(actor, clientKey, "archive", "POST archive", request, ct) is { } r
                ? ModuleOutcome<ArchiveView>.Ok(View(r)) : refused;
        }
        var day = Day("archive", request.ArchivedOn, loaded, task!);
        // The date first (cheap); the checklist only for a dated archiving.
        if (StepActs.Dated(day, Issuance.ArchivingArticle) is { } badDate)
        {
            return badDate;
        }
        var checklist = await ArchiveChecklist.BuildAsync(records, compliance, loaded, clock.GetUtcNow(), ct);
        var missing = checklist.Where(c => !c.Present).ToList();
        var already = await records.Db.Set<ArchiveRecord>().AnyAsync(a => a.TaskId == task!.Id, ct);
        if (Issuance.Archive(day, missing.Select(m => $"{m.Title}（{m.Article}）").ToList(), already) is { } incomplete)
        {
            return ModuleOutcome<ArchiveView>.Refused([incomplete],
                incomplete.Code == "archive-incomplete" ? new Dictionary<string, object?> { ["missing"] = missing } : null);
        }
        var calendar = records.Calendar(loaded.State);
        DateOnly? dueOn = task!.DueAt is { } due ? calendar.LocalDay(due.AddTicks(-1)) : null;
        var late = Lateness.DaysLate(dueOn, request.ArchivedOn);
        var key = IdempotencyKey.For(actor.Id, clientKey, "archive:" + task.Id, "POST archive", request);
        var rowId = ModuleWrites.RowId(key, "archive");
        var result = await records.RecordAsync(key, loaded, "DossierArchived", AfterDecisionSteps.Archiving, null,
            new { archivedOn = request.ArchivedOn, dossierNumber = request.DossierNumber, dueOn, daysLate = late, checklist = checklist.Select(c => c.Code) },
            actor, (_, _) =>
            {
                records.Db.Add(new ArchiveRecord
                {
                    Id = rowId, MatterId = id, TaskId = task.Id, ArchivedOn = request.ArchivedOn, DossierNumber = request.DossierNumber,
                    ChecklistJson = JsonSerializer.Serialize(checklist, ApiJson.Options), DueOn = dueOn, DaysLate = late, RecordedBy = actor.Id,
                    RecordedAt = clock.GetUtcNow(),
                });
                return Task.CompletedTask;
            }, ct);
        return await RowAsync<ArchiveRecord, ArchiveView>(result, rowId, View, ct);
    }

    public async Task<ModuleOutcome<List<ArchiveView>>> ArchivesAsync(Guid id, CancellationToken ct)
    {
        var (visible, notFound) = await LoadVisibleAsync(id, ct);
        return visible is null ? notFound! : ModuleOutcome<List<ArchiveView>>.Ok(
            (await records.Db.Set<ArchiveRecord>().AsNoTracking().Where(p => p.MatterId == id).ToListAsync(ct)).OrderBy(p => p.RecordedAt).Select(View).ToList());
    }

    /// <summary>The act's date with the day its step began and today, in the matter's jurisdiction.</summary>
    private ActDay Day(string act, DateOnly date, MatterProcedure loaded, WorkTask task)
    {
        var calendar = records.Calendar(loaded.State);
        return new ActDay(act, date, calendar.LocalDay(task.CreatedAt), calendar.LocalDay(clock.GetUtcNow()));
    }

    /// <summary>A retry (same client key) after the step moved on: the row the first request wrote.</summary>
    private async Task<TRow?> ReplayAsync<TRow>(Actor actor, string? clientKey, string kind, string operation, object request, CancellationToken ct)
        where TRow : class
    {
        if (string.IsNullOrWhiteSpace(clientKey))
        {
            return null;
        }
        var key = IdempotencyKey.For(actor.Id, clientKey, "", operation, request);
        return await CommandReplay.FindAsync(records.Db, key, ct) is { Refusals.Count: 0 }
            ? await records.Db.Set<TRow>().FindAsync([ModuleWrites.RowId(key, kind)], ct)
            : null;
    }

    /// <summary>The row a journaled write added (201; 200 when the write was a replay), or the engine's refusals.</summary>
    internal static async Task<ModuleOutcome<TView>> RowAsync<TRow, TView>(ModuleWriter records, CommandResult result, Guid rowId, Func<TRow, TView> view, CancellationToken ct)
        where TRow : class where TView : class
    {
        if (result.Refusals.Count > 0)
        {
            return ModuleOutcome<TView>.Refused(result.Refusals);
        }
        var row = await records.Db.Set<TRow>().FindAsync([rowId], ct);
        // A replay says so (Idempotent-Replayed: true), as every stored answer does.
        return ModuleOutcome<TView>.Created(view(row!), result.Replayed) with { Replayed = result.Replayed };
    }

    private Task<ModuleOutcome<TView>> RowAsync<TRow, TView>(CommandResult result, Guid rowId, Func<TRow, TView> view, CancellationToken ct)
        where TRow : class where TView : class => RowAsync(records, result, rowId, view, ct);

    private static PartyReportView View(PartyCommitteeReport r) => new(r.Id, r.TaskId, r.ReportedOn, r.Form, r.ReplyNote, r.RecordedBy, r.RecordedAt);

    private static PublicationView View(DecisionPublication p) => new(p.Id, p.TaskId, JsonSerializer.Deserialize<List<string>>(p.ChannelsJson) ?? [],
        p.PublishedOn, p.OpinionsUse, p.DueOn, p.DaysLate == 0, p.DaysLate, p.RecordedAt);

    private static ArchiveView View(ArchiveRecord a) => new(a.Id, a.TaskId, a.ArchivedOn, a.DossierNumber,
        JsonSerializer.Deserialize<List<ChecklistItem>>(a.ChecklistJson, ApiJson.Options) ?? [], a.DueOn, a.DaysLate == 0, a.DaysLate);
}
