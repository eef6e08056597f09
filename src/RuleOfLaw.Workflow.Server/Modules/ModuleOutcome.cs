using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Modules;

/// <summary>
/// What a module's application service answers (issue 12): the value, or the refusals (code, article, arguments,
/// class; texts from the module's catalog). No HTTP type: the API answers it with <see cref="ModuleResults"/>, a page
/// puts the refusals on its form (<c>Web.RefusalForms</c>). A refusal about one field of the request carries the
/// argument <c>field</c> (the request's property), which the API lists under <c>errors</c> and a page shows next to that field.
/// </summary>
public sealed record ModuleOutcome<T>(T? Value, IReadOnlyList<Refusal> Refusals) where T : class
{
    public bool Succeeded => Refusals.Count == 0;

    public static implicit operator ModuleOutcome<T>(T value) => new(value, []);

    public static implicit operator ModuleOutcome<T>(Refusal refusal) => new(null, [refusal]);

    public static ModuleOutcome<T> Refused(IReadOnlyList<Refusal> refusals) => new(null, refusals);
}

/// <summary>The module write path's steps in the form the application services use: refusals as data, no <see cref="IResult"/>.</summary>
public static class ModuleOutcomes
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
    public static async Task<ModuleOutcome<TRow>> RecordRowAsync<TRow>(
        InstanceCommandService commands, WorkflowDbContext db, IdempotencyKey key, MatterProcedure procedure, Actor actor,
        string type, string? stepId, string? comment, object data, TRow row, Guid rowId, CancellationToken ct)
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
            return ModuleOutcome<TRow>.Refused(result.Refusals);
        }
        db.ChangeTracker.Clear();
        var stored = await db.Set<TRow>().FindAsync([rowId], ct);
        return stored is null ? ProblemTexts.Catalog.Conflict("idempotency-key-reused") : stored;
    }
}

/// <summary>How the API answers a module's outcome: the value (200 or 201), or the refusals as one problem in the reader's language.</summary>
public static class ModuleResults
{
    public static IResult Ok<T>(ModuleOutcome<T> outcome, Func<T, object>? view = null) where T : class =>
        outcome.Succeeded ? Results.Json(view is null ? outcome.Value : view(outcome.Value!), ApiJson.Options) : Problem(outcome.Refusals);

    public static IResult Created<T>(ModuleOutcome<T> outcome, Func<T, object>? view = null) where T : class =>
        outcome.Succeeded
            ? Results.Json(view is null ? outcome.Value : view(outcome.Value!), ApiJson.Options, statusCode: StatusCodes.Status201Created)
            : Problem(outcome.Refusals);

    /// <summary>A command's stored answer (new or replayed, with <c>Idempotent-Replayed</c>), or the refusals.</summary>
    public static IResult Stored(ModuleOutcome<CommandResult> outcome) =>
        outcome.Succeeded ? outcome.Value!.ToHttp(Problem) : Problem(outcome.Refusals);

    /// <summary>
    /// The refusals as a problem (<see cref="ApiProblem.Refused(IReadOnlyList{Refusal}, IDictionary{string, object?})"/>);
    /// those about one request property are also listed under <c>errors</c> by property, as validation problems list them.
    /// </summary>
    public static IResult Problem(IReadOnlyList<Refusal> refusals)
    {
        var errors = refusals.Where(r => r.Arguments?.GetValueOrDefault(ModuleOutcomes.Field) is string)
            .GroupBy(r => (string)r.Arguments![ModuleOutcomes.Field]!)
            .ToDictionary(g => g.Key, g => g.Select(ReaderLanguage.Text).ToArray());
        return ApiProblem.Refused(refusals, errors.Count == 0 ? null : new Dictionary<string, object?> { ["errors"] = errors });
    }
}
