using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>
/// A row written with a journal entry: it keeps that entry's sequence, which orders rows of one matter exactly (two
/// records in the same millisecond, or under a test's stopped clock, are still first and second).
/// </summary>
public interface IJournaledRow
{
    long JournalSequence { get; set; }
}

/// <summary>A matter with its started procedure, as the assessment endpoints (legality, risk, experts …) need it.</summary>
public sealed record MatterProcedure(Matter Matter, InstanceRecord Record, InstanceState State, ProcedureDefinition Definition)
{
    /// <summary>The open task of <paramref name="stepId"/>, if the procedure is at that step now.</summary>
    public WorkTask? OpenTask(string stepId) => State.Tasks.LastOrDefault(t => t.StepId == stepId && t.Status == WorkTaskStatus.Open);

    /// <summary>The latest task of <paramref name="stepId"/> (open or done), if the step was reached.</summary>
    public WorkTask? LatestTask(string stepId) => State.Tasks.LastOrDefault(t => t.StepId == stepId);
}

/// <summary>
/// Shared plumbing of the assessment modules: load a matter's procedure, derive idempotency keys and row ids, and
/// journal a domain fact with its row in one transaction (<see cref="InstanceCommandService"/>'s <c>alongside</c>).
/// </summary>
public static class AssessmentSupport
{
    /// <summary>The matter (visible to the actor) and its procedure; a 404 or 409 problem otherwise.</summary>
    public static async Task<(MatterProcedure? Procedure, IResult? Problem)> LoadAsync(
        WorkflowDbContext db, DefinitionRegistry registry, Guid matterId, Actor actor, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it."));
        }
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matterId, ct);
        if (record is null)
        {
            return (null, ApiProblem.Create(StatusCodes.Status409Conflict, "procedure-not-started", "操作被拒绝 / The action was refused",
                "该决策事项的程序尚未启动。The procedure of this matter has not been started."));
        }
        var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        return (new MatterProcedure(matter, record, InstanceStateJson.Deserialize(record.StateJson), definition), null);
    }

    /// <summary>A 409 refusal saying the step's task must be open (the fact belongs to that step of the procedure).</summary>
    public static IResult StepNotOpen(ProcedureDefinition definition, string stepId) =>
        ApiProblem.Refused([StepNotOpenRefusal(definition, stepId)]);

    public static Refusal StepNotOpenRefusal(ProcedureDefinition definition, string stepId)
    {
        var step = definition.Step(stepId);
        return new Refusal("step-not-open",
            $"程序当前不在“{step.Title}”步骤，不能记录此事项。The procedure is not at the step '{step.TitleEn ?? step.Id}' now.", step.Article);
    }

    /// <summary>
    /// The idempotency key of a domain write: the client's key, or one derived from what is written (so a plain
    /// retry of the same body is recognised, and a different body is a new write).
    /// </summary>
    public static IdempotencyKey Key(Actor actor, string? clientKey, string scope, string operation, object body) =>
        IdempotencyKey.For(actor.Id, clientKey, $"{scope}:{Sha256(JsonSerializer.Serialize(body, ApiJson.Options))}", operation, body);

    /// <summary>The id of the row a keyed write creates: the same on a retry, so the replay can return it.</summary>
    public static Guid RowId(IdempotencyKey key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.Key + "\n" + key.RequestHash));
        return new Guid(hash.AsSpan(0, 16));
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

    /// <summary>
    /// Journals <paramref name="type"/> on the instance and adds <paramref name="row"/> in the same transaction; answers
    /// 201 with <paramref name="view"/> of the stored row (also on a replay), or the refusal.
    /// </summary>
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
            ? ApiProblem.Create(StatusCodes.Status409Conflict, "idempotency-key-reused", "操作被拒绝 / The action was refused",
                "该幂等键已用于另一个请求。This idempotency key was already used for another request.")
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
