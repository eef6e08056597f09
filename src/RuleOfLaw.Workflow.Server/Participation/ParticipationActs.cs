using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
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

    /// <summary>The target, or the problem that stops the write (404, 403, 409 with the article).</summary>
    public async Task<(ParticipationTarget? Target, IResult? Problem)> LoadAsync(Guid matterId, string stepId, CancellationToken ct)
    {
        var matter = await writer.Db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        var actor = await current.GetAsync(ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it."));
        }
        if (!MatterAccess.CanDraft(matter, actor))
        {
            return (null, ApiProblem.Forbidden("公众参与由决策承办单位组织（承办人员或负责人）。Public participation is organized by the drafting unit's officers or head.", "第十四条"));
        }
        var procedure = await writer.LoadAsync(matterId, ct);
        if (procedure is null)
        {
            return (null, Refuse(StatusCodes.Status409Conflict, "procedure-not-started", "该事项的决策程序尚未启动。The procedure of this matter has not been started."));
        }
        var state = procedure.State;
        if (state.Attributes.GetValueOrDefault("notDisclosable"))
        {
            return (null, Refuse(StatusCodes.Status409Conflict, "participation-not-applicable",
                "该决策事项依法不予公开，不适用向社会公开听取意见。The matter may not be disclosed by law; public participation does not apply.", "第十四条"));
        }
        if (state.Steps.GetValueOrDefault(stepId)?.Status != StepStatus.Active)
        {
            var title = stepId == GroupStep ? "与特定群体沟通协商" : "公众参与";
            return (null, Refuse(StatusCodes.Status409Conflict, "step-not-active",
                $"只能在“{title}”步骤办理期间进行。This is only possible while the step {stepId} is being done.", "第十四条"));
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

    public static IResult Refuse(int status, string code, string message, string? article = null) =>
        ApiProblem.Create(status, code, ApiProblem.Title("title-refused"), message, article,
            new Dictionary<string, object?> { ["refusals"] = new[] { new Refusal(code, message, article) } });
}
