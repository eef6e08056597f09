using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>A matter with its instance, state and pinned definition, as stored now.</summary>
public sealed record LoadedMatter(Matter Matter, InstanceRecord Record, InstanceState State, ProcedureDefinition Definition)
{
    public WorkTask? OpenTask(string stepId) => State.Tasks.LastOrDefault(t => t.StepId == stepId && t.Status == WorkTaskStatus.Open);

    public WorkTask? LastTask(string stepId) => State.Tasks.LastOrDefault(t => t.StepId == stepId);

    public string Assigned(string scope) => State.Assignments.GetValueOrDefault(scope) ?? "";
}

/// <summary>
/// What the meeting and after-decision endpoints share: loading a matter's procedure, journaling a domain fact with
/// its rows in one transaction (<see cref="InstanceCommandService"/>), deterministic row ids per idempotency key, and
/// the instance's local calendar.
/// </summary>
/// <remarks>
/// The command service is resolved when first needed: the step guards and compliance checks use this class too, and
/// the command service depends on the guards.
/// </remarks>
public sealed class DecisionRecords(WorkflowDbContext db, DefinitionRegistry registry, IServiceProvider services, WorkflowEngine engine)
{
    private InstanceCommandService Commands => services.GetRequiredService<InstanceCommandService>();

    public WorkflowDbContext Db => db;

    /// <summary>The journal's full check (chain, MACs, checkpoint) for the archive checklist.</summary>
    public Integrity.JournalIntegrity Integrity => services.GetRequiredService<Integrity.JournalIntegrity>();

    public async Task<LoadedMatter?> LoadAsync(Guid matterId, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        var record = matter is null ? null : await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matterId, ct);
        if (matter is null || record is null)
        {
            return null;
        }
        var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        return new LoadedMatter(matter, record, InstanceStateJson.Deserialize(record.StateJson), definition);
    }

    /// <summary>The calculator in the instance's jurisdiction time zone (national holiday calendar).</summary>
    public DeadlineCalculator Calendar(InstanceState state) => engine.DeadlinesIn(state.Jurisdiction?.TimeZone);

    /// <summary>A row id that a retry with the same idempotency key reproduces, so the replay can show the same row.</summary>
    public static Guid RowId(IdempotencyKey key, string kind) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + key.Key)).AsSpan(0, 16));

    /// <summary>Journals <paramref name="type"/> on the instance and saves <paramref name="rows"/> in the same transaction.</summary>
    public Task<CommandResult> RecordAsync(
        IdempotencyKey key, LoadedMatter loaded, string type, string? stepId, string? comment, object data, Actor actor,
        Func<Decision, CancellationToken, Task> rows, CancellationToken ct) =>
        Commands.ExecuteAsync(key, loaded.Record.Id, new WorkflowCommand.Record(type, stepId, comment, JsonSerializer.Serialize(data, ApiJson.Options)),
            actor, StatusCodes.Status201Created, ct, rows);

    /// <summary>
    /// Completes <paramref name="task"/> and saves <paramref name="rows"/> in the same transaction. <paramref name="by"/>
    /// names the domain command (the step's <c>completedBy</c>, e.g. <c>meeting-record</c>): the engine refuses every
    /// other completion of such a step, the generic task endpoint included.
    /// </summary>
    public Task<CommandResult> CompleteAsync(
        IdempotencyKey key, LoadedMatter loaded, WorkTask task, string outcome, string? comment, object data, Actor actor,
        Func<Decision, CancellationToken, Task> rows, CancellationToken ct, string? by = null) =>
        Commands.ExecuteAsync(key, loaded.Record.Id,
            new WorkflowCommand.CompleteTask(task.Id, outcome, comment, JsonSerializer.Serialize(data, ApiJson.Options), by),
            actor, StatusCodes.Status200OK, ct, rows);

    /// <summary>Calendar days from <paramref name="due"/> to <paramref name="done"/> (0 when on time).</summary>
    public static int DaysLate(DateOnly? due, DateOnly done) => due is { } d && done > d ? done.DayNumber - d.DayNumber : 0;

    public static IResult Conflict(string code, string message, string? article = null) =>
        ApiProblem.Refused([new Refusal(code, message, article)]);

    public static IResult Invalid(string code, string message, string? article = null) =>
        ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, code, "请求内容不符合要求 / The request is not acceptable", message, article);
}
