using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>The matter, its procedure and the official acting, once every precondition of an official write holds.</summary>
public sealed record ParticipationTarget(Matter Matter, InstanceState State, Actor Actor)
{
    /// <summary>The procedure as loaded for the write.</summary>
    public required MatterProcedure Procedure { get; init; }
}

/// <summary>
/// The preconditions of every official act of the participation module (publish, extend, close, hide, respond, record
/// an activity): the drafting unit's people only (第十四条), a disclosable matter, while the step is being done. The
/// write itself — journal entry and the module's rows in one transaction — goes through the one module write path,
/// <see cref="ModuleWriter"/>.
/// </summary>
public sealed class ParticipationActs(ModuleWriter writer, CurrentActor current)
{
    public const string Step = "public-participation";
    public const string GroupStep = "specific-group-consultation";

    public WorkflowDbContext Db => writer.Db;

    /// <summary>The target, or the refusal that stops the write (404, 403, or 409 with the article: <see cref="ParticipationAccess"/>).</summary>
    public async Task<(ParticipationTarget? Target, Refusal? Refusal)> LoadAsync(Guid matterId, string stepId, CancellationToken ct)
    {
        var matter = await writer.Db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        var actor = await current.GetAsync(ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ParticipationTexts.Catalog.NotFound("not-found.matter-visible"));
        }
        if (ParticipationAccess.Organizer(MatterAccess.CanDraft(matter, actor)) is { } forbidden)
        {
            return (null, forbidden);
        }
        var procedure = await writer.LoadAsync(matterId, ct);
        if (procedure is null)
        {
            return (null, ProblemTexts.Catalog.Conflict("procedure-not-started"));
        }
        var state = procedure.State;
        if (ParticipationAccess.MayAct(state.Attributes.GetValueOrDefault("notDisclosable"), state.Steps.GetValueOrDefault(stepId)?.Status == StepStatus.Active, stepId)
            is { } refusal)
        {
            return (null, refusal);
        }
        return (new ParticipationTarget(procedure.Matter, state, actor) { Procedure = procedure }, null);
    }

    /// <summary>Journals <paramref name="type"/> and saves what <paramref name="alongside"/> adds, in one transaction (200 on success).</summary>
    public Task<CommandResult> RecordAsync(
        ParticipationTarget target, IdempotencyKey key, string type, string stepId, string? comment, object data,
        Func<CancellationToken, Task> alongside, CancellationToken ct) =>
        writer.RecordAsync(key, target.Procedure, type, stepId, comment, data, target.Actor, (_, token) => alongside(token), ct,
            StatusCodes.Status200OK);

    /// <summary>A key for this write: the client's Idempotency-Key, else a fresh one (no replay; the state refuses a repeat).</summary>
    public static IdempotencyKey Key(ParticipationTarget target, string? clientKey, string operation, object body) =>
        IdempotencyKey.For(target.Actor.Id, clientKey, Guid.NewGuid().ToString("N"), operation, body);
}
