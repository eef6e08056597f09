using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Modules;

/// <summary>
/// A row written with a journal entry: it keeps that entry's sequence, which orders rows of one matter exactly (two
/// records in the same millisecond, or under a test's stopped clock, are still first and second).
/// </summary>
public interface IJournaledRow
{
    long JournalSequence { get; set; }
}

/// <summary>A matter with its started procedure (instance row, state, pinned definition), as stored now.</summary>
public sealed record MatterProcedure(Matter Matter, InstanceRecord Record, InstanceState State, ProcedureDefinition Definition)
{
    /// <summary>The open task of <paramref name="stepId"/>, if the procedure is at that step now.</summary>
    /// <remarks>The step's own task: a multi-party step's party tasks (<see cref="PartyTask"/>) are not it.</remarks>
    public WorkTask? OpenTask(string stepId) => State.Tasks.LastOrDefault(t => t.StepId == stepId && t.PartyId is null && t.Status == WorkTaskStatus.Open);

    /// <summary>The party's task in the step's current pass (open, completed or removed), or null.</summary>
    public WorkTask? PartyTask(string stepId, string partyId) =>
        State.Steps.TryGetValue(stepId, out var step)
            ? State.Tasks.LastOrDefault(t => t.StepId == stepId && t.Iteration == step.Iteration && t.PartyId == partyId && t.RemovedReason is null)
            : null;

    /// <summary>The latest task of <paramref name="stepId"/> (open or done), if the step was reached.</summary>
    public WorkTask? LatestTask(string stepId) => State.Tasks.LastOrDefault(t => t.StepId == stepId && t.PartyId is null);

    /// <summary>The organization assigned to <paramref name="scope"/> ("" when none).</summary>
    public string Assigned(string scope) => State.Assignments.GetValueOrDefault(scope) ?? "";
}

/// <summary>
/// The one write path of the procedure modules (issue 12): load the matter's procedure, write the module's rows,
/// record the fact in the journal — one transaction through <see cref="InstanceCommandService"/> (its optimistic
/// version check, retries and idempotency key) — with one row id formula (<see cref="ModuleWrites.RowId"/>).
/// Meetings, after-decision, participation and the assessment modules (legality review, risk, experts, fair
/// competition, initiation) all write through here.
/// </summary>
/// <remarks>
/// The command service is resolved when first needed: step guards and compliance checks use this class to load, and
/// the command service depends on the guards.
/// </remarks>
public sealed class ModuleWriter(WorkflowDbContext db, DefinitionRegistry registry, IServiceProvider services, WorkflowEngine engine)
{
    private InstanceCommandService Commands => services.GetRequiredService<InstanceCommandService>();

    public WorkflowDbContext Db => db;

    /// <summary>The request's services, for what a module needs besides writing (the archive checklist's journal check).</summary>
    public IServiceProvider Services => services;

    /// <summary>The matter and its started procedure; null when there is no such matter or it was not started.</summary>
    public Task<MatterProcedure?> LoadAsync(Guid matterId, CancellationToken ct) => ModuleWrites.LoadAsync(db, registry, matterId, ct);

    /// <summary>The matter as <paramref name="actor"/> may see it, with its procedure; a 404 or 409 problem otherwise.</summary>
    public Task<(MatterProcedure? Procedure, IResult? Problem)> LoadVisibleAsync(Guid matterId, Actor actor, CancellationToken ct) =>
        ModuleWrites.LoadVisibleAsync(db, registry, matterId, actor, ct);

    /// <summary>The calculator in the instance's jurisdiction time zone (national holiday calendar).</summary>
    public DeadlineCalculator Calendar(InstanceState state) => engine.DeadlinesIn(state.Jurisdiction?.TimeZone);

    /// <summary>Journals <paramref name="type"/> on the instance and saves what <paramref name="rows"/> adds in the same transaction.</summary>
    public Task<CommandResult> RecordAsync(
        IdempotencyKey key, MatterProcedure procedure, string type, string? stepId, string? comment, object data, Actor actor,
        Func<Decision, CancellationToken, Task> rows, CancellationToken ct, int successStatus = StatusCodes.Status201Created) =>
        Commands.ExecuteAsync(key, procedure.Record.Id, new WorkflowCommand.Record(type, stepId, comment, JsonSerializer.Serialize(data, ApiJson.Options)),
            actor, successStatus, ct, rows);

    /// <summary>
    /// Completes <paramref name="task"/> and saves <paramref name="rows"/> in the same transaction. <paramref name="by"/>
    /// names the domain command (the step's <c>completedBy</c>, e.g. <c>meeting-record</c>): the engine refuses every
    /// other completion of such a step, the generic task endpoint included.
    /// </summary>
    public Task<CommandResult> CompleteAsync(
        IdempotencyKey key, MatterProcedure procedure, WorkTask task, string outcome, string? comment, object data, Actor actor,
        Func<Decision, CancellationToken, Task> rows, CancellationToken ct, string? by = null) =>
        Commands.ExecuteAsync(key, procedure.Record.Id,
            new WorkflowCommand.CompleteTask(task.Id, outcome, comment, JsonSerializer.Serialize(data, ApiJson.Options), by),
            actor, StatusCodes.Status200OK, ct, rows);

    /// <summary>Any other engine command on the matter's instance (a party added to or removed from a multi-party step).</summary>
    public Task<CommandResult> ExecuteAsync(IdempotencyKey key, MatterProcedure procedure, WorkflowCommand command, Actor actor, CancellationToken ct) =>
        Commands.ExecuteAsync(key, procedure.Record.Id, command, actor, StatusCodes.Status200OK, ct);

    /// <summary>
    /// Journals <paramref name="type"/> and adds <paramref name="row"/> (its <see cref="IJournaledRow.JournalSequence"/>
    /// set) in the same transaction; answers 201 with <paramref name="view"/> of the stored row (also on a replay), or the refusal.
    /// </summary>
    public Task<IResult> RecordRowAsync<TRow>(
        IdempotencyKey key, MatterProcedure procedure, Actor actor, string type, string? stepId, string? comment, object data,
        TRow row, Guid rowId, Func<TRow, object> view, CancellationToken ct) where TRow : class =>
        ModuleWrites.RecordAsync(Commands, db, key, procedure, actor, type, stepId, comment, data, row, rowId, view, ct);
}

/// <summary>The module write path's formulas and its static form (for handlers that hold the command service themselves).</summary>
public static class ModuleWrites
{
    public static async Task<MatterProcedure?> LoadAsync(WorkflowDbContext db, DefinitionRegistry registry, Guid matterId, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        var record = matter is null ? null : await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matterId, ct);
        if (matter is null || record is null)
        {
            return null;
        }
        var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        return new MatterProcedure(matter, record, InstanceStateJson.Deserialize(record.StateJson), definition);
    }

    /// <summary>The matter (visible to the actor) and its procedure; a 404 or 409 problem otherwise.</summary>
    public static async Task<(MatterProcedure? Procedure, IResult? Problem)> LoadVisibleAsync(
        WorkflowDbContext db, DefinitionRegistry registry, Guid matterId, Actor actor, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.matter-visible")));
        }
        var procedure = await LoadAsync(db, registry, matterId, ct);
        return procedure is null
            ? (null, ApiProblem.Refused(ProblemTexts.Catalog.Conflict("procedure-not-started")))
            : (procedure, null);
    }

    /// <summary>A 409 refusal saying the step's task must be open (the fact belongs to that step of the procedure).</summary>
    public static IResult StepNotOpen(ProcedureDefinition definition, string stepId) => ApiProblem.Refused([StepNotOpenRefusal(definition, stepId)]);

    public static Refusal StepNotOpenRefusal(ProcedureDefinition definition, string stepId)
    {
        var step = definition.Step(stepId);
        return ProblemTexts.Catalog.Conflict("step-not-open", step.Article, ("step", new TwoLanguages(step.Title, step.TitleEn ?? step.Id)));
    }

    /// <summary>
    /// The idempotency key of a domain write: the client's key, or one derived from what is written (so a plain
    /// retry of the same body is recognised, and a different body is a new write).
    /// </summary>
    public static IdempotencyKey Key(Actor actor, string? clientKey, string scope, string operation, object body) =>
        IdempotencyKey.For(actor.Id, clientKey, $"{scope}:{Sha256(JsonSerializer.Serialize(body, ApiJson.Options))}", operation, body);

    /// <summary>
    /// The id of a row a keyed write creates — the one formula of every module: SHA-256 of <c>row/{kind}/{key}</c>,
    /// first 16 bytes as an RFC 9562 version-8 GUID (the engine's formula for tasks and timers). A retry with the
    /// same key reproduces it, so the replay can show the same row; <paramref name="kind"/> tells apart the rows one
    /// write creates (an agenda item and a statement).
    /// </summary>
    public static Guid RowId(IdempotencyKey key, string kind) => Version8($"row/{kind}/{key.Key}");

    /// <summary>
    /// The id under which a module shows a fact it reads from the journal instead of a row of its own (the head's
    /// suspension of execution from definition version 7): the same formula over <c>journal/{instance}/{sequence}</c>.
    /// </summary>
    public static Guid EntryId(Guid instanceId, long sequence) => Version8($"journal/{instanceId:D}/{sequence}");

    private static Guid Version8(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The signature of a written opinion by an account: SHA-256 over the text, the signing time (UTC, milliseconds,
    /// ISO 8601) and the user id, each on its own line. Anyone holding the three can recompute it.
    /// </summary>
    public static string Sign(string text, DateTimeOffset signedAt, string userId) =>
        Sha256($"{text}\n{signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)}\n{userId}");

    /// <summary>The instant at the precision both databases and the journal keep (milliseconds).</summary>
    public static DateTimeOffset Millis(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Static form of <see cref="ModuleWriter.RecordRowAsync{TRow}"/>.</summary>
    public static async Task<IResult> RecordAsync<TRow>(
        InstanceCommandService commands, WorkflowDbContext db, IdempotencyKey key, MatterProcedure procedure, Actor actor,
        string type, string? stepId, string? comment, object data, TRow row, Guid rowId, Func<TRow, object> view, CancellationToken ct)
        where TRow : class
    {
        var command = new WorkflowCommand.Record(type, stepId, comment, JsonSerializer.Serialize(data, ApiJson.Options));
        var result = await commands.ExecuteAsync(key, procedure.Record.Id, command, actor, StatusCodes.Status201Created, ct,
            (decision, _) =>
            {
                if (row is IJournaledRow journaled)
                {
                    journaled.JournalSequence = decision.Journal[^1].Sequence;
                }
                db.Set<TRow>().Add(row);
                return Task.CompletedTask;
            });
        if (result.Refusals.Count > 0)
        {
            return ApiProblem.Refused(result.Refusals);
        }
        db.ChangeTracker.Clear();
        var stored = await db.Set<TRow>().FindAsync([rowId], ct);
        return stored is null
            ? ApiProblem.Refused(ProblemTexts.Catalog.Conflict("idempotency-key-reused"))
            : Results.Json(view(stored), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Reads a JSON property of a task's form data (null if there is no data, or it has no such property). The data
    /// is always written by the server's serializer, so text that is not JSON is corrupt, not "nothing recorded":
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public static JsonElement? DataProperty(string? dataJson, string name)
    {
        if (string.IsNullOrWhiteSpace(dataJson))
        {
            return null;
        }
        using var document = StoredJson.Parse(dataJson, $"task data (reading '{name}')");
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
            ? value.Clone()
            : null;
    }
}
