using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Modules;

/// <summary>The module write path's steps in the form the application services use: refusals as data, no <see cref="IResult"/>.</summary>
public static class ModuleActs
{
    /// <summary>The name of a refusal's argument that says which request property it concerns.</summary>
    public const string Field = RuleOfLaw.Workflow.Rules.RequestField.Argument;

    /// <summary>The matter as <paramref name="actor"/> may see it, with its procedure; else <c>not-found</c> (404) or <c>procedure-not-started</c> (409).</summary>
    public static async Task<(MatterProcedure? Procedure, Refusal? Refusal)> LoadVisibleAsync(
        WorkflowDbContext db, DefinitionRegistry registry, Guid matterId, Actor actor, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ProblemTexts.Catalog.NotFound("not-found.matter-visible"));
        }
        var procedure = await ModuleWrites.LoadAsync(db, registry, matterId, ct);
        return procedure is null ? (null, ProblemTexts.Catalog.Conflict("procedure-not-started")) : (procedure, null);
    }

    /// <summary>
    /// Journals <paramref name="type"/> and adds <paramref name="row"/> (its <see cref="IJournaledRow.JournalSequence"/>
    /// set) in the same transaction; answers the stored row (also on a replay of the same key), or the refusals.
    /// </summary>
    public static async Task<ModuleOutcome<TView>> RecordRowAsync<TRow, TView>(
        InstanceCommandService commands, WorkflowDbContext db, IdempotencyKey key, MatterProcedure procedure, Actor actor,
        string type, string? stepId, string? comment, object data, TRow row, Guid rowId, Func<TRow, TView> view, CancellationToken ct)
        where TRow : class where TView : class
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
            return ModuleOutcome<TView>.Refused(result.Refusals);
        }
        db.ChangeTracker.Clear();
        var stored = await db.Set<TRow>().FindAsync([rowId], ct);
        // 201 with the stored row also on a replay (the first answer), as these modules answered before the services.
        return stored is null ? ProblemTexts.Catalog.Conflict("idempotency-key-reused") : ModuleOutcome<TView>.Created(view(stored));
    }
}

/// <summary>How the API answers a module's outcome: the value with its status, or the refusals as one problem in the reader's language.</summary>
public static class ModuleResults
{
    /// <summary>
    /// As <see cref="ModuleOutcomes.ToHttp{T}"/>, and the refusals about one request property (their
    /// <see cref="ModuleActs.Field"/> argument) are also listed under <c>errors</c> by property, as validation problems list them.
    /// </summary>
    public static IResult Answer<T>(ModuleOutcome<T> outcome) where T : class =>
        // A success is sent as ModuleOutcomes sends it (a replay with Idempotent-Replayed: true).
        outcome.Succeeded ? outcome.ToHttp() : Problem(outcome.Refusals, outcome.Extensions);

    /// <summary>A command's stored answer (new or replayed, with <c>Idempotent-Replayed</c>), or the refusals.</summary>
    public static IResult Stored(ModuleOutcome<CommandResult> outcome) =>
        outcome.Succeeded ? outcome.Value!.ToHttp(r => Problem(r, null)) : Problem(outcome.Refusals, outcome.Extensions);

    private static IResult Problem(IReadOnlyList<Refusal> refusals, IReadOnlyDictionary<string, object?>? extensions)
    {
        var all = extensions?.ToDictionary(e => e.Key, e => e.Value) ?? [];
        var errors = refusals.Where(r => r.Arguments?.GetValueOrDefault(ModuleActs.Field) is string)
            .GroupBy(r => (string)r.Arguments![ModuleActs.Field]!)
            .ToDictionary(g => g.Key, g => g.Select(ReaderLanguage.Text).ToArray());
        // A service's own errors (e.g. the values a property may take) are kept as it gave them.
        if (errors.Count > 0 && !all.ContainsKey("errors"))
        {
            all["errors"] = errors;
        }
        return ApiProblem.Refused(refusals, all.Count == 0 ? null : all);
    }
}
