using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Sub-procedures on the server (docs/definition-format.md, "Sub-procedures"). The engine decides one instance at a
/// time; what a decision asks of other instances is run here, in the transaction of the command that caused it:
/// <list type="bullet">
/// <item>a child's start (<see cref="Decision.Children"/>): the child's own matter row (title, organ, drafting unit and
/// jurisdiction of the parent's matter, linked to the parent instance, step and pass) and its started instance;</item>
/// <item>a child's cancellation (the parent's step stopped waiting);</item>
/// <item>a child's end, reported to its parent as <see cref="WorkflowCommand.ChildEnded"/> (and, when the parent was
/// suspended then, at the parent's resumption).</item>
/// </list>
/// Each is decided by the engine and applied like any transition (state, task rows, journal, timer rows and mails), so
/// the child exists if and only if the parent's transition is committed, and a parent never waits for a child whose
/// end was committed without telling it. A child that refuses to start refuses the parent's command (nothing written).
/// </summary>
public sealed partial class InstanceCommandService
{
    /// <summary>Nesting the transaction follows (a child's child …); the loader already refuses a procedure that starts itself.</summary>
    private const int MaxNesting = 8;

    private static bool Ended(InstanceStatus? status) => status is InstanceStatus.Completed or InstanceStatus.Cancelled or InstanceStatus.Faulted;

    /// <summary>Whether applying <paramref name="decision"/> touches other instances (the batch leaves those to the one-command path).</summary>
    private static bool TouchesOthers(InstanceState? before, Decision decision) =>
        decision.Children.Count > 0
        || (decision.State!.Parent is not null && Ended(decision.State.Status) && !Ended(before?.Status))
        || (before?.Status == InstanceStatus.Suspended && decision.State.Status == InstanceStatus.Running
            && decision.State.Steps.Values.Any(s => s is { Status: StepStatus.Active, ChildInstanceId: not null }));

    /// <summary>
    /// Runs what an applied decision asks of other instances. Returns the refusals of a child that would not start
    /// (the caller rolls the whole transaction back); everything else either applies or is left as it is.
    /// <c>orderedByParent</c>: the transition is the parent's cancellation of this child (the parent already knows).
    /// </summary>
    private async Task<IReadOnlyList<Refusal>> HostAsync(
        InstanceState? before, Decision decision, Actor actor, DateTimeOffset now, int depth, bool orderedByParent, CancellationToken ct)
    {
        var after = decision.State!;
        if (depth > MaxNesting)
        {
            throw new InvalidOperationException($"Instance {after.Id}: sub-procedures nested deeper than {MaxNesting} in one command.");
        }
        foreach (var child in decision.Children)
        {
            if (child.Command is WorkflowCommand.Start start)
            {
                if (await StartChildAsync(after, child, start, actor, now, depth, ct) is { Count: > 0 } refused)
                {
                    return refused;
                }
            }
            else
            {
                // A cancellation: a child that already ended (it completed while the parent was suspended) has nothing to cancel.
                await DecideOtherAsync(child.InstanceId, child.Command, actor, now, depth, orderedByParent: true, ct);
            }
        }
        if (!orderedByParent && after.Parent is { } parent && Ended(after.Status) && !Ended(before?.Status))
        {
            await ReportEndAsync(parent.InstanceId, after, actor, now, depth, ct);
        }
        if (before?.Status == InstanceStatus.Suspended && after.Status == InstanceStatus.Running)
        {
            // A child that ended while this instance was suspended could not be reported then (the engine refuses
            // commands to a suspended instance); it is reported now, in the resumption's transaction.
            foreach (var waiting in after.Steps.Values.Where(s => s is { Status: StepStatus.Active, ChildInstanceId: not null }).ToList())
            {
                var record = await FindInstanceAsync(waiting.ChildInstanceId!.Value, ct);
                if (record is not null && Ended(Enum.Parse<InstanceStatus>(record.Status)))
                {
                    await ReportEndAsync(after.Id, InstanceStateJson.Deserialize(record.StateJson), actor, now, depth, ct);
                }
            }
        }
        return [];
    }

    private async Task ReportEndAsync(Guid parentId, InstanceState child, Actor actor, DateTimeOffset now, int depth, CancellationToken ct)
    {
        var refusals = await DecideOtherAsync(parentId, new WorkflowCommand.ChildEnded(child.Id, child.Status, child.StatusReason), actor, now, depth, orderedByParent: false, ct);
        if (refusals.Count > 0)
        {
            // Suspended: reported at the resumption (above). Ended (cancelled, faulted): nothing waits for the child any more.
            LogChildEndNotTaken(logger, child.Id, parentId, refusals[0].Code);
        }
    }

    /// <summary>The tracked row (this transaction may have changed or added it already), else the stored one.</summary>
    private async Task<InstanceRecord?> FindInstanceAsync(Guid id, CancellationToken ct) =>
        db.Instances.Local.FirstOrDefault(i => i.Id == id) ?? await db.Instances.SingleOrDefaultAsync(i => i.Id == id, ct);

    /// <summary>Decides and applies <paramref name="command"/> on another instance in this transaction; the engine's refusals are returned, nothing applied.</summary>
    private async Task<IReadOnlyList<Refusal>> DecideOtherAsync(
        Guid instanceId, WorkflowCommand command, Actor actor, DateTimeOffset now, int depth, bool orderedByParent, CancellationToken ct)
    {
        var record = await FindInstanceAsync(instanceId, ct);
        if (record is null)
        {
            return [EngineTexts.Catalog.NotFound("instance-not-found")];
        }
        var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, ct);
        var state = InstanceStateJson.Deserialize(record.StateJson);
        var decision = engine.Decide(definition, state, command, actor, now);
        if (!decision.Accepted)
        {
            return decision.Refusals;
        }
        await ApplyAsync(record, state, decision, definition, ct);
        foreach (var observer in observers)
        {
            await observer.OnDecidedAsync(state, decision.State!, ct);
        }
        // A cancellation cancels the child's own children; a report may move the parent on into another sub-procedure.
        return await HostAsync(state, decision, actor, now, depth + 1, orderedByParent, ct);
    }

    private async Task<IReadOnlyList<Refusal>> StartChildAsync(
        InstanceState parent, ChildCommand child, WorkflowCommand.Start start, Actor actor, DateTimeOffset now, int depth, CancellationToken ct)
    {
        if (registry.Latest(child.DefinitionId) is not { } definition)
        {
            return [ProblemTexts.Catalog.Conflict("definition-not-installed", null, ("definition", child.DefinitionId))];
        }
        // The id is derived from the parent, its step and the pass: a second start of the same child is a bug, not a retry
        // (a retried command is answered from its stored response before it is decided).
        if (await FindInstanceAsync(child.InstanceId, ct) is not null)
        {
            return [ProblemTexts.Catalog.Conflict("instance-exists.child", null, ("child", child.InstanceId))];
        }
        var parentMatterId = Guid.Parse(parent.MatterId);
        var parentMatter = db.Matters.Local.FirstOrDefault(m => m.Id == parentMatterId)
            ?? await db.Matters.AsNoTracking().SingleAsync(m => m.Id == parentMatterId, ct);
        var draftingUnit = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == parentMatter.DraftingUnitId, ct);
        // The child plays with the parent's organizations; a scope only the child's procedure has (the risk assessment
        // body of a major decision under a normative document) is resolved as creating a matter resolves it. The
        // parent's organ and drafting unit are not requested: the resolver derives both from the drafting unit.
        var requested = start.Assignments
            .Where(a => a.Key is not (OrganizationScopes.DecisionOrgan or OrganizationScopes.DraftingUnit))
            .ToDictionary(a => a.Key, a => a.Value);
        var resolved = await resolver.ResolveAsync(definition, draftingUnit, requested, ct);
        if (resolved.Problems.Count > 0)
        {
            return [ProblemTexts.Catalog.Invalid("sub-procedure-assignment-unresolved", null,
                ("procedure", definition.Id), ("problems", resolved.Problems))];
        }
        // The drafting unit is the parent's; the decision organ follows from it as for any new matter of the child's
        // procedure (a major decision's organ is the government, 《重大行政决策程序暂行条例》第二条, also when the parent is a
        // department's normative document, whose own organ is the department).
        var assignments = resolved.Assignments;

        var matter = new Matter
        {
            // Instance id = matter id, as for every other instance (docs/architecture.md): the child's matter takes the child's id.
            Id = child.InstanceId,
            Number = await NextMatterNumberAsync(now, ct),
            Title = parentMatter.Title,
            Summary = parentMatter.Summary,
            Category = parentMatter.Category,
            DefinitionId = definition.Id,
            DecisionOrganId = resolved.DecisionOrganId,
            DraftingUnitId = parentMatter.DraftingUnitId,
            JurisdictionId = parentMatter.JurisdictionId,
            AttributesJson = JsonSerializer.Serialize(start.Attributes),
            AssignmentsJson = JsonSerializer.Serialize(assignments),
            CreatedBy = actor.Id,
            CreatedAt = now,
            ParentInstanceId = parent.Id,
            ParentStepId = start.Parent?.StepId,
            ParentIteration = start.Parent?.Iteration,
        };
        db.Matters.Add(matter);
        var command = start with { MatterId = matter.Id.ToString(), Assignments = assignments };
        var decision = engine.Decide(definition, null, command, actor, now);
        if (!decision.Accepted)
        {
            return decision.Refusals;
        }
        await ApplyAsync(null, null, decision, definition, ct);
        foreach (var observer in observers)
        {
            await observer.OnDecidedAsync(null, decision.State!, ct);
        }
        return await HostAsync(null, decision, actor, now, depth + 1, orderedByParent: false, ct);
    }

    /// <summary>The next matter number of the year, counting the matters this transaction adds and has not stored yet.</summary>
    private async Task<string> NextMatterNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        var year = deadlines.LocalDay(now).Year;
        var prefix = $"{year}-";
        var stored = await MatterNumbers.NextAsync(db, year, ct);
        var next = int.Parse(stored.AsSpan(prefix.Length), CultureInfo.InvariantCulture);
        foreach (var number in db.Matters.Local.Select(m => m.Number).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (int.TryParse(number.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var taken) && taken >= next)
            {
                next = taken + 1;
            }
        }
        return $"{prefix}{next:D4}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Child instance {ChildId} ended; its parent {ParentId} did not take the report now ({Code})")]
    private static partial void LogChildEndNotTaken(ILogger logger, Guid childId, Guid parentId, string code);
}
