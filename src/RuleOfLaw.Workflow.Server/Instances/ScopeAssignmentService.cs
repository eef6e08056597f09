using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Late scope assignment (<c>POST /api/instances/{id}/scopes</c>): a scope the start left open — every step of it is
/// conditional, and the organ has no single organization of that kind — is named when it is needed, e.g. the
/// evaluation body when an evaluation is ordered (第三十六条). The rule is <see cref="ScopeAssignment"/>'s; the engine's
/// <c>AssignScope</c> refuses a scope already held, journals <c>ScopeAssigned</c> and opens the task of a step that
/// was waiting for it. The matter's assignments follow in the same transaction (who may see the matter depends on them).
/// </summary>
public sealed class ScopeAssignmentService(WorkflowDbContext db, InstanceCommandService commands)
{
    private static ProcedureTexts T => ProcedureTexts.Catalog;

    public async Task<ModuleOutcome<CommandResult>> AssignAsync(Guid id, AssignScopeRequest request, string? clientKey, Actor actor, CancellationToken ct)
    {
        var (record, matter) = await InstanceEndpoints.FindAsync(db, id, ct);
        if (record is null || !MatterAccess.CanSee(matter!, actor))
        {
            return T.NotFound("not-found.instance");
        }
        var who = new ScopeAssigner(actor.Holds(Roles.ChiefExecutive, matter!.DecisionOrganId), actor.Holds(Roles.DraftingHead, matter.DraftingUnitId),
            MatterAccess.Administers(matter, actor));
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var named = request.OrganizationId is { } orgId && organizations.TryGetValue(orgId, out var organization)
            ? new NamedOrganization(organization.Id, organization.Kind, AssignmentResolver.Government(organization, organizations)?.Id)
            : null;
        if (ScopeAssignment.Check(request.Scope, request.OrganizationId, request.Reason, who, matter.DecisionOrganId, named) is { } refused)
        {
            return refused;
        }
        // Without a client key each request is its own command: a second one for the same scope is refused by the
        // engine (scope-already-assigned); a retry with the same key gets the first answer.
        var key = IdempotencyKey.For(actor.Id, clientKey, $"assign-scope:{id}:{request.Scope}:{Guid.NewGuid()}", $"POST /api/instances/{id}/scopes", request);
        var command = new WorkflowCommand.AssignScope(request.Scope!, named!.Id, request.Reason!.Trim());
        var result = await commands.ExecuteAsync(key, id, command, actor, StatusCodes.Status200OK, ct, async (_, c) =>
        {
            var tracked = await db.Matters.SingleAsync(m => m.Id == matter.Id, c);
            var assignments = MatterAccess.Assignments(tracked);
            assignments[request.Scope!] = named.Id;
            tracked.AssignmentsJson = JsonSerializer.Serialize(assignments);
        });
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }
}
