using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// Execution (第三十四条至第三十七条) as an application service: reports, suspension and resumption, adjustment
/// matters and the public's objections. The rules are <see cref="Execution"/>'s; the API's handlers
/// (<see cref="ExecutionEndpoints"/>), the execution step page and the public objection form call this.
/// </summary>
public sealed class ExecutionService(AfterDecisionService matters, ModuleWriter records, InstanceCommandService commands, TimeProvider clock, ContactDetails contacts, ContactCipher cipher)
{
    /// <summary>The public's identity in the journal (no account).</summary>
    public static Actor Public { get; } = new("public", "社会公众 / the public", new HashSet<Membership>());

    /// <summary>
    /// Whether execution is suspended now: where the definition states suspension as an event (version 7 on), the
    /// engine's step states say it and the last suspension in the journal gives the reason; before, the module's records
    /// (the last suspension or resumption decides).
    /// </summary>
    internal static async Task<SuspensionState> SuspensionAsync(
        WorkflowDbContext db, Guid matterId, InstanceState state, ProcedureDefinition definition, CancellationToken ct) =>
        Suspension(definition, state, await SuspensionsAsync(db, matterId, state, definition, ct));

    private static SuspensionState Suspension(ProcedureDefinition definition, InstanceState state, IReadOnlyList<ExecutionEventView> suspensions) =>
        !Execution.SuspensionIsEvent(definition) ? Execution.Suspension(suspensions.Select(e => new ExecutionFact(e.Kind, e.Text, e.RecordedAt)))
        : Execution.Phase(state) == ExecutionPhase.Suspended ? new SuspensionState(true, suspensions.LastOrDefault(e => e.Kind == ExecutionEventKinds.Suspended)?.Text)
        : new SuspensionState(false, null);

    /// <summary>
    /// The head's suspensions and resumptions of execution (第三十七条), oldest first: from version 7 the signals in the
    /// instance's journal (the one record of them), before it the module's <see cref="ExecutionEvent"/> rows.
    /// </summary>
    internal static async Task<IReadOnlyList<ExecutionEventView>> SuspensionsAsync(
        WorkflowDbContext db, Guid matterId, InstanceState state, ProcedureDefinition definition, CancellationToken ct)
    {
        if (!Execution.SuspensionIsEvent(definition))
        {
            return (await db.Set<ExecutionEvent>().AsNoTracking()
                    .Where(e => e.MatterId == matterId && (e.Kind == ExecutionEventKinds.Suspended || e.Kind == ExecutionEventKinds.Resumed)).ToListAsync(ct))
                .OrderBy(e => e.RecordedAt).Select(View).ToList();
        }
        var instanceId = state.Id;
        return (await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId && j.Type == JournalEntryTypes.SignalReceived)
                .OrderBy(j => j.Sequence).ToListAsync(ct))
            .Select(j => JournaledView(j.InstanceId, j.Sequence, j.DataJson, j.Comment, j.ActorName, j.OccurredAt))
            .OfType<ExecutionEventView>().ToList();
    }

    /// <summary>A suspension or resumption signal of the journal as the execution record shows it; null for any other signal.</summary>
    private static ExecutionEventView? JournaledView(Guid instanceId, long sequence, string dataJson, string? comment, string actorName, DateTimeOffset at) =>
        ModuleWrites.DataProperty(dataJson, "signal")?.GetString() switch
        {
            ExecutionSignals.Suspended => new(ModuleWrites.EntryId(instanceId, sequence), ExecutionEventKinds.Suspended, comment ?? "", actorName, at),
            ExecutionSignals.Resumed => new(ModuleWrites.EntryId(instanceId, sequence), ExecutionEventKinds.Resumed, comment ?? "", actorName, at),
            _ => null,
        };

    /// <summary>Whether the public may object to this matter now (第三十五条; the public decision page shows its form on the same condition).</summary>
    internal static bool AcceptsObjections(MatterProcedure loaded) =>
        Execution.AcceptsObjections(loaded.State,
            JsonSerializer.Deserialize<Dictionary<string, bool>>(loaded.Matter.AttributesJson)?.GetValueOrDefault("notDisclosable") != true);

    /// <remarks><paramref name="channel"/> (<c>api</c>, <c>page</c>) is what the contact-details access log records.</remarks>
    public async Task<ModuleOutcome<ExecutionView>> GetAsync(Guid id, CancellationToken ct, string channel = "api")
    {
        var (visible, notFound) = await matters.LoadVisibleAsync(id, ct);
        if (visible is null)
        {
            return notFound!;
        }
        var db = records.Db;
        var loaded = visible.Procedure;
        var events = await db.Set<ExecutionEvent>().AsNoTracking().Where(e => e.MatterId == id).ToListAsync(ct);
        var objections = await db.Set<PublicObjection>().AsNoTracking().Where(o => o.MatterId == id).ToListAsync(ct);
        var links = await db.Set<MatterLink>().AsNoTracking().Where(l => l.OriginalMatterId == id || l.NewMatterId == id).ToListAsync(ct);
        var suspensions = await SuspensionsAsync(db, id, loaded.State, loaded.Definition, ct);
        var suspension = Suspension(loaded.Definition, loaded.State, suspensions);
        // From version 7 the suspensions are the journal's signals (no row of their own); before, rows among the reports.
        var journaled = Execution.SuspensionIsEvent(loaded.Definition) ? suspensions : [];
        var reading = await contacts.ForObjectionsAsync(visible.Actor, visible.Procedure.Matter, visible.Procedure.Assigned(OrganizationScopes.ExecutionUnit),
            objections.Select(o => o.Contact), channel, ct);
        return ModuleOutcome<ExecutionView>.Ok(new ExecutionView(visible.Procedure.Matter.Id, suspension.Suspended, suspension.Reason,
            events.Select(View).Concat(journaled).OrderBy(e => e.RecordedAt).ToList(),
            objections.OrderBy(o => o.ReceivedAt).Select(o => new ObjectionView(o.ReceiptNumber, o.Text, o.SubmitterName, o.ReceivedAt,
                reading.Read(o), !reading.Revealed && !string.IsNullOrEmpty(o.Contact))).ToList(),
            links.Select(l => new LinkView(l.OriginalMatterId, l.NewMatterId, l.Kind, l.Reason, l.CreatedAt)).ToList()));
    }

    public async Task<ModuleOutcome<ExecutionEventView>> ReportAsync(Guid id, ExecutionReportRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await matters.LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        if (Execution.Report(actor, loaded.Assigned(OrganizationScopes.ExecutionUnit), request.Kind, request.Text, Execution.Issued(loaded.State)) is { } refused)
        {
            return refused;
        }
        return await EventAsync(loaded, actor, clientKey, request.Kind, request.Text, "ExecutionReported", Execution.ArticleOf(request.Kind),
            "POST execution/reports", request, ct);
    }

    /// <summary>
    /// The chief executive suspends (<paramref name="suspend"/>) or resumes execution (第三十七条). From version 7 of the
    /// procedure this sends the signal the definition waits for (<see cref="ExecutionSignals"/>), as the command the
    /// definition names, so the engine carries the suspension; on an instance pinned to an earlier version it is the
    /// module's record, as before. A retry with the same Idempotency-Key gets the first answer, even though the rule
    /// would now refuse it (already suspended).
    /// </summary>
    public async Task<ModuleOutcome<ExecutionEventView>> SuspendAsync(Guid id, ReasonBody body, string? clientKey, bool suspend, CancellationToken ct)
    {
        var (visible, notFound) = await matters.LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var kind = suspend ? ExecutionEventKinds.Suspended : ExecutionEventKinds.Resumed;
        var operation = suspend ? "POST execution/suspension" : "POST execution/resumption";
        var key = IdempotencyKey.For(actor.Id, clientKey, $"{kind}:{Guid.NewGuid()}", operation, body);
        var inEngine = Execution.SuspensionIsEvent(loaded.Definition);
        var refused = inEngine
            ? Execution.Suspend(actor, loaded.Matter.DecisionOrganId, body.Reason, Execution.Issued(loaded.State), Execution.Phase(loaded.State), suspend)
            : Execution.Suspend(actor, loaded.Matter.DecisionOrganId, body.Reason, Execution.Issued(loaded.State),
                await SuspensionAsync(records.Db, id, loaded.State, loaded.Definition, ct), suspend);
        if (refused is not null)
        {
            return await CommandReplay.FindAsync(records.Db, key, ct) is { } seen
                ? inEngine ? Answer(seen) : await AfterDecisionService.RowAsync<ExecutionEvent, ExecutionEventView>(records, seen, ModuleWrites.RowId(key, "execution"), View, ct)
                : refused;
        }
        if (!inEngine)
        {
            return await EventAsync(loaded, actor, key, kind, body.Reason, suspend ? "ExecutionSuspended" : "ExecutionResumed", Execution.SuspensionArticle, ct);
        }
        var signal = new WorkflowCommand.Signal(suspend ? ExecutionSignals.Suspended : ExecutionSignals.Resumed, body.Reason,
            JsonSerializer.Serialize(new { article = Execution.SuspensionArticle }, ApiJson.Options),
            suspend ? ExecutionSignals.SuspensionCommand : ExecutionSignals.ResumptionCommand);
        return Answer(await commands.ExecuteAsync(key, loaded.Record.Id, signal, actor, StatusCodes.Status201Created, ct, (decision, _) =>
        {
            var received = decision.Journal.First(e => e.Type == JournalEntryTypes.SignalReceived);
            return Task.FromResult<object?>(JournaledView(received.InstanceId, received.Sequence, received.DataJson, received.Comment, received.ActorName, received.OccurredAt));
        }));
    }

    /// <summary>The signal's stored answer (the journaled suspension or resumption), first or replayed, or its refusals.</summary>
    private static ModuleOutcome<ExecutionEventView> Answer(CommandResult result) =>
        result.Refusals.Count > 0
            ? ModuleOutcome<ExecutionEventView>.Refused(result.Refusals)
            : ModuleOutcome<ExecutionEventView>.Created(JsonSerializer.Deserialize<ExecutionEventView>(result.ResponseJson!, ApiJson.Options)!, result.Replayed)
                with { Replayed = result.Replayed };

    private Task<ModuleOutcome<ExecutionEventView>> EventAsync(
        MatterProcedure loaded, Actor actor, string? clientKey, string kind, string text, string type, string article, string operation, object request,
        CancellationToken ct) =>
        EventAsync(loaded, actor, IdempotencyKey.For(actor.Id, clientKey, $"{kind}:{Guid.NewGuid()}", operation, request), kind, text, type, article, ct);

    private async Task<ModuleOutcome<ExecutionEventView>> EventAsync(
        MatterProcedure loaded, Actor actor, IdempotencyKey key, string kind, string text, string type, string article, CancellationToken ct)
    {
        var rowId = ModuleWrites.RowId(key, "execution");
        ExecutionEvent Row() => new()
        {
            Id = rowId, MatterId = loaded.Matter.Id, Kind = kind, Text = text, RecordedBy = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = clock.GetUtcNow(),
        };
        if (loaded.State.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            // The procedure has ended (e.g. completed after execution was reported): the fact is still recorded, in
            // its own row; the journal accepts no more entries (see docs/decisions.md).
            var row = Row();
            records.Db.Add(row);
            await records.Db.SaveChangesAsync(ct);
            return ModuleOutcome<ExecutionEventView>.Created(View(row));
        }
        var result = await records.RecordAsync(key, loaded, type, AfterDecisionSteps.Execution, text, new { kind, article }, actor, (_, _) =>
        {
            records.Db.Add(Row());
            return Task.CompletedTask;
        }, ct);
        return await AfterDecisionService.RowAsync<ExecutionEvent, ExecutionEventView>(records, result, rowId, View, ct);
    }

    private static ExecutionEventView View(ExecutionEvent e) => new(e.Id, e.Kind, e.Text, e.RecordedByName, e.RecordedAt);

    /// <summary>
    /// A public objection once its body is read (第三十五条): the checks, the receipt, the journal entry. A retry with
    /// the same key answers the first receipt with 200.
    /// </summary>
    public async Task<ModuleOutcome<ObjectionReceipt>> ObjectAsync(Guid id, ObjectionRequest? request, string? clientKey, CancellationToken ct)
    {
        if (Execution.Objection(request?.Text, request?.Name, request?.Contact) is { } invalid)
        {
            return invalid;
        }
        var loaded = await records.LoadAsync(id, ct);
        if (loaded is null || !AcceptsObjections(loaded))
        {
            return Execution.NotInExecution();
        }
        var db = records.Db;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, ApiJson.Options))));
        if (!string.IsNullOrWhiteSpace(clientKey) && await db.Set<PublicObjection>().AsNoTracking().SingleOrDefaultAsync(o => o.MatterId == id && o.ClientKey == clientKey, ct) is { } seen)
        {
            return seen.RequestHash == hash
                ? ModuleOutcome<ObjectionReceipt>.Created(new ObjectionReceipt(seen.ReceiptNumber, id, seen.ReceivedAt), replayed: true) with { Replayed = true }
                : Execution.KeyReused();
        }
        var now = clock.GetUtcNow();
        var row = new PublicObjection
        {
            Id = Guid.NewGuid(), MatterId = id, ReceiptNumber = $"YY{records.Calendar(loaded.State).LocalDay(now):yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}",
            Text = request!.Text, SubmitterName = request.Name, Contact = request.Contact, ClientKey = string.IsNullOrWhiteSpace(clientKey) ? null : clientKey,
            RequestHash = hash, ReceivedAt = now,
        };
        cipher.Seal(row);
        if (loaded.State.Status is InstanceStatus.Running or InstanceStatus.Suspended)
        {
            var key = IdempotencyKey.For(Public.Id, null, $"objection:{row.Id}", "POST objections", request);
            var result = await commands.ExecuteAsync(key, loaded.Record.Id,
                new WorkflowCommand.Record("PublicObjectionReceived", AfterDecisionSteps.Execution, null,
                    JsonSerializer.Serialize(new { receiptNumber = row.ReceiptNumber, length = request.Text.Length, sha256 = hash }, ApiJson.Options)),
                Public, StatusCodes.Status201Created, ct, (_, _) => { db.Add(row); return Task.CompletedTask; });
            if (result.Refusals.Count > 0)
            {
                return ModuleOutcome<ObjectionReceipt>.Refused(result.Refusals);
            }
        }
        else
        {
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }
        return ModuleOutcome<ObjectionReceipt>.Created(new ObjectionReceipt(row.ReceiptNumber, id, row.ReceivedAt));
    }

    /// <summary>A major adjustment: a new matter linked to this one (第三十五条、第三十七条).</summary>
    public async Task<ModuleOutcome<MatterView>> AdjustAsync(Guid id, AdjustmentRequest request, string? clientKey, CancellationToken ct)
    {
        var (visible, notFound) = await matters.LoadVisibleAsync(id, ct);
        if (visible is not { Procedure: var loaded, Actor: var actor })
        {
            return notFound!;
        }
        var original = loaded.Matter;
        if (Execution.Adjust(actor, original.DecisionOrganId, original.DraftingUnitId, request.Title, request.Reason, Execution.Issued(loaded.State)) is { } refused)
        {
            return refused;
        }
        var db = records.Db;
        var key = IdempotencyKey.For(actor.Id, clientKey, $"adjust:{Guid.NewGuid()}", "POST adjustments", request);
        var newId = ModuleWrites.RowId(key, "adjustment-matter");
        var calendar = records.Calendar(loaded.State);
        async Task AddAsync(CancellationToken c)
        {
            var now = clock.GetUtcNow();
            db.Add(new Matter
            {
                Id = newId, Number = await MatterNumbers.NextAsync(db, calendar.LocalDay(now).Year, c), Title = request.Title.Trim(),
                Summary = request.Summary, Category = original.Category, DefinitionId = original.DefinitionId, DecisionOrganId = original.DecisionOrganId,
                DraftingUnitId = original.DraftingUnitId, JurisdictionId = original.JurisdictionId, AttributesJson = original.AttributesJson,
                AssignmentsJson = original.AssignmentsJson, CreatedBy = actor.Id, CreatedAt = now,
            });
            db.Add(new MatterLink
            {
                Id = ModuleWrites.RowId(key, "adjustment-link"), OriginalMatterId = original.Id, NewMatterId = newId, Kind = "adjustment",
                Reason = request.Reason, CreatedBy = actor.Id, CreatedAt = now,
            });
        }
        if (loaded.State.Status is InstanceStatus.Running or InstanceStatus.Suspended)
        {
            var result = await records.RecordAsync(key, loaded, "AdjustmentMatterOpened", null, request.Reason,
                new { newMatterId = newId, title = request.Title }, actor, (_, c) => AddAsync(c), ct);
            if (result.Refusals.Count > 0)
            {
                return ModuleOutcome<MatterView>.Refused(result.Refusals);
            }
        }
        else
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                await AddAsync(ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                    break;
                }
                catch (DbUpdateException e) when (attempt < MatterNumbers.MaxDraws && DatabaseFailure.IsConflict(e))
                {
                    // A concurrent matter drew the same number; draw again.
                    await MatterNumbers.BackOffAsync(attempt, ct);
                }
            }
        }
        var created = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == newId, ct);
        return ModuleOutcome<MatterView>.Created(MatterEndpoints.View(created, null, null));
    }
}
