using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>The matter, its procedure and the official acting, once every precondition of an official write holds.</summary>
public sealed record ParticipationTarget(Matter Matter, InstanceState State, Actor Actor);

/// <summary>
/// Every official act of the participation module (publish, extend, close, hide, respond, record an activity) goes
/// through here: the drafting unit's people only, while the step is being done, journaled as a
/// <see cref="WorkflowCommand.Record"/> with the module's rows written in the same transaction.
/// </summary>
public sealed class ParticipationWriter(WorkflowDbContext db, CurrentActor current, InstanceCommandService commands)
{
    public const string Step = "public-participation";
    public const string GroupStep = "specific-group-consultation";

    public WorkflowDbContext Db => db;

    /// <summary>The target, or the problem that stops the write (404, 403, 409 with the article).</summary>
    public async Task<(ParticipationTarget? Target, IResult? Problem)> LoadAsync(Guid matterId, string stepId, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        var actor = await current.GetAsync(ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it."));
        }
        if (!MatterAccess.CanDraft(matter, actor))
        {
            return (null, ApiProblem.Forbidden("公众参与由决策承办单位组织（承办人员或负责人）。Public participation is organized by the drafting unit's officers or head.", "第十四条"));
        }
        var record = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.MatterId == matterId, ct);
        if (record is null)
        {
            return (null, Refuse(StatusCodes.Status409Conflict, "procedure-not-started", "该事项的决策程序尚未启动。The procedure of this matter has not been started."));
        }
        var state = InstanceStateJson.Deserialize(record.StateJson);
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
        return (new ParticipationTarget(matter, state, actor), null);
    }

    /// <summary>Journals <paramref name="type"/> and saves what <paramref name="alongside"/> adds, in one transaction.</summary>
    public Task<CommandResult> RecordAsync(
        ParticipationTarget target, IdempotencyKey key, string type, string stepId, string? comment, object data,
        Func<CancellationToken, Task> alongside, CancellationToken ct) =>
        commands.ExecuteAsync(key, target.Matter.Id, new WorkflowCommand.Record(type, stepId, comment, ApiJson.Serialize(data)),
            target.Actor, StatusCodes.Status200OK, ct, (_, token) => alongside(token));

    /// <summary>A key for this write: the client's Idempotency-Key, else a fresh one (no replay; the state refuses a repeat).</summary>
    public static IdempotencyKey Key(ParticipationTarget target, string? clientKey, string operation, object body) =>
        IdempotencyKey.For(target.Actor.Id, clientKey, Guid.NewGuid().ToString("N"), operation, body);

    /// <summary>The id of the row a keyed write creates: the same key gives the same id, so a replay finds it.</summary>
    public static Guid IdFor(IdempotencyKey key, string kind)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{key.Key}"));
        return new Guid(bytes.AsSpan(0, 16));
    }

    public static IResult Refuse(int status, string code, string message, string? article = null) =>
        ApiProblem.Create(status, code, "操作被拒绝 / The action was refused", message, article,
            new Dictionary<string, object?> { ["refusals"] = new[] { new Refusal(code, message, article) } });
}
