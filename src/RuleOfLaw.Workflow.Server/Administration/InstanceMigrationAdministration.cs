using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Migration;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Administration;

/// <param name="TargetVersion">The installed version of the instance's procedure to move to (newer than its own).</param>
/// <param name="Mapping">Old step id → new step id, for steps renamed or replaced; steps not named keep their id.</param>
/// <param name="Reason">Why (required to apply; journaled with the administrator's name).</param>
public sealed record InstanceMigrationRequest(
    [property: Required] int? TargetVersion,
    Dictionary<string, string>? Mapping,
    [property: MaxLength(2000)] string? Reason);

/// <summary>
/// <c>/api/admin/instances/{id}/migration</c>: moving a running instance to a newer version of its procedure, for
/// the administrators of its matter's decision organ (and operators). <c>…/plan</c> is the dry run: it lists what would change and every problem, and writes nothing.
/// Applying runs the engine's <see cref="WorkflowCommand.Migrate"/> through <see cref="InstanceCommandService"/>
/// (idempotent, version-checked, journaled <c>InstanceMigrated</c> in the instance's own hash chain), so a migration
/// is as accountable as any other step of the procedure.
/// </summary>
public static class InstanceMigrationAdministration
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/instances/{id}/migration/plan", Plan)
            .WithSummary("Dry run: what moving the instance to a newer definition version would change, and why it would be refused")
            .Produces<MigrationPlan>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/instances/{id}/migration", Apply)
            .WithSummary("Move a running instance to a newer definition version with a step mapping; validated first, journaled with who and why")
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Plan(
        Guid id, InstanceMigrationRequest request, WorkflowDbContext db, AdministrationScopes scopes, DefinitionRegistry registry, CancellationToken ct)
    {
        var (state, from, to, problem) = await LoadAsync(id, request, db, scopes, registry, ct);
        if (problem is not null)
        {
            return problem;
        }
        var plan = WorkflowEngine.PlanMigration(from!, to!, state!, request.Mapping ?? []);
        // The problems are the refusals the move would meet: their texts in the reader's language, as a refusal's are.
        return Results.Ok(plan with { Problems = [.. plan.Problems.Select(p => p with { Message = ReaderLanguage.Text(p) })] });
    }

    private static async Task<IResult> Apply(
        Guid id, InstanceMigrationRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, AdministrationScopes scopes, DefinitionRegistry registry, InstanceCommandService commands, CancellationToken ct)
    {
        var (_, _, to, problem) = await LoadAsync(id, request, db, scopes, registry, ct);
        if (problem is not null)
        {
            return problem;
        }
        var actor = await current.GetAsync(ct);
        // Without a client key each request is its own command; the engine refuses a second move to the same version.
        var key = IdempotencyKey.For(actor.Id, clientKey, $"migrate:{id}:{Guid.NewGuid()}", $"POST /api/admin/instances/{id}/migration", request);
        var command = new WorkflowCommand.Migrate(to!, request.Mapping ?? [], request.Reason ?? "");
        var result = await commands.ExecuteAsync(key, id, command, actor, StatusCodes.Status200OK, ct);
        // Every problem of the plan is listed under refusals, each in the reader's language (422 without a reason, else 409).
        return result.ToHttp(ApiProblem.Refused);
    }

    private static async Task<(InstanceState? State, ProcedureDefinition? From, ProcedureDefinition? To, IResult? Problem)> LoadAsync(
        Guid id, InstanceMigrationRequest request, WorkflowDbContext db, AdministrationScopes scopes, DefinitionRegistry registry, CancellationToken ct)
    {
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (record is null)
        {
            return (null, null, null, ApiProblem.Refused(AdministrationTexts.Catalog.NotFound("not-found.instance", null, ("instance", id))));
        }
        // A matter's procedure belongs to its decision organ: administrators of that government (or above) move it.
        var organId = await db.Matters.AsNoTracking().Where(m => m.Id == record.MatterId).Select(m => m.DecisionOrganId).SingleOrDefaultAsync(ct);
        if (!(await scopes.GetAsync(ct)).Covers(organId))
        {
            return (null, null, null, AdministrationScopes.Outside("instance", ("instance", id), ("organ", organId)));
        }
        var from = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        var installed = await db.Definitions.AsNoTracking()
            .AnyAsync(d => d.DefinitionId == record.DefinitionId && d.Version == request.TargetVersion!.Value, ct);
        if (!installed)
        {
            return (null, null, null, AdministrationProblems.Refused(AdministrationTexts.Catalog.Invalid("definition-version-not-installed", null, (RequestField.Argument, "targetVersion"),
                ("definition", record.DefinitionId), ("version", request.TargetVersion))));
        }
        var to = await registry.GetAsync(record.DefinitionId, request.TargetVersion!.Value, db, ct);
        return (InstanceStateJson.Deserialize(record.StateJson), from, to, null);
    }
}
