using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;

namespace RuleOfLaw.Workflow.Engine.Migration;

/// <summary>
/// Plans the move of a running instance to a newer version of its procedure, the way Camunda validates a migration
/// plan before it runs: every step the instance has a state for is mapped (by the same id unless the administrator's
/// mapping says otherwise), and the plan is refused when a step with work in progress has nowhere to go, when that
/// work would land on a step of another kind or for other people, or when a completed step would lie ahead of the
/// instance's position in the new version and so run a second time. Pure: the same inputs give the same plan.
/// </summary>
public static class InstanceMigration
{
    public static MigrationPlan Plan(ProcedureDefinition from, ProcedureDefinition to, InstanceState state, IReadOnlyDictionary<string, string> mapping)
    {
        if (state.DefinitionId != from.Id || state.DefinitionVersion != from.Version)
        {
            throw new InvalidOperationException($"Instance {state.Id} is pinned to {state.DefinitionId} v{state.DefinitionVersion}, not {from.Id} v{from.Version}.");
        }
        var problems = new List<Refusal>();
        var warnings = new List<string>();
        if (to.Id != from.Id)
        {
            problems.Add(EngineTexts.Catalog.Conflict("migration-other-procedure", null, ("from", from.Id), ("to", to.Id)));
        }
        else if (to.Version <= from.Version)
        {
            problems.Add(EngineTexts.Catalog.Conflict("migration-not-newer", null, ("to", to.Version), ("from", from.Version)));
        }
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            problems.Add(EngineTexts.Catalog.Conflict("instance-not-running.migration", null, ("status", state.Status.ToString().ToLowerInvariant())));
        }

        var oldIds = from.Steps.Select(s => s.Id).ToHashSet();
        var newIds = to.Steps.Select(s => s.Id).ToHashSet();
        foreach (var (source, target) in mapping.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!oldIds.Contains(source))
            {
                problems.Add(EngineTexts.Catalog.Conflict("mapping-source-unknown", null, ("step", source), ("version", from.Version)));
            }
            if (!newIds.Contains(target))
            {
                problems.Add(EngineTexts.Catalog.Conflict("mapping-target-unknown", null, ("step", target), ("version", to.Version)));
            }
        }
        string? Target(string id) => mapping.TryGetValue(id, out var mapped) ? (newIds.Contains(mapped) ? mapped : null) : newIds.Contains(id) ? id : null;

        var order = from.Steps.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var steps = new List<StepMigration>();
        foreach (var current in state.Steps.Values.OrderBy(s => order.GetValueOrDefault(s.StepId, int.MaxValue)).ThenBy(s => s.StepId, StringComparer.Ordinal))
        {
            var target = Target(current.StepId);
            var unfinished = current.Status is StepStatus.Active or StepStatus.Waiting;
            var tasks = state.Tasks.Where(t => t.StepId == current.StepId).Select(t => t.Id).ToList();
            var change = target is null ? unfinished ? "removed" : "dropped" : target == current.StepId ? "kept" : "mapped";
            steps.Add(new StepMigration(current.StepId, target, current.Status, change, tasks));
            if (target is null && unfinished)
            {
                problems.Add(EngineTexts.Catalog.Conflict("step-removed", null, ("step", current.StepId), ("status", current.Status.ToString().ToLowerInvariant()), ("version", to.Version)));
            }
            else if (target is not null && unfinished && Incompatible(from.Step(current.StepId), to.Step(target), current) is { } incompatible)
            {
                problems.Add(incompatible);
            }
        }
        foreach (var twice in steps.Where(s => s.ToStep is not null).GroupBy(s => s.ToStep!).Where(g => g.Count() > 1))
        {
            problems.Add(EngineTexts.Catalog.Conflict("mapping-target-twice", null, ("steps", twice.Select(s => s.FromStep).ToList()), ("target", twice.Key)));
        }

        // Position in the new version: a completed step ahead of work in progress would be reached and run again.
        var forward = ForwardEdges(to);
        var positions = steps.Where(s => s.ToStep is not null && s.Status is StepStatus.Active or StepStatus.Waiting).Select(s => s.ToStep!).Distinct().ToList();
        var completed = steps.Where(s => s.ToStep is not null && s.Status == StepStatus.Completed).ToList();
        var ran = steps.Where(s => s.ToStep is not null && s.Status != StepStatus.Pending).Select(s => s.ToStep!).ToHashSet();
        var stillAhead = positions.SelectMany(p => Reach(p, forward)).ToHashSet();
        foreach (var position in positions)
        {
            var ahead = Reach(position, forward);
            foreach (var done in completed.Where(c => c.ToStep != position && ahead.Contains(c.ToStep!)))
            {
                problems.Add(EngineTexts.Catalog.Conflict("completed-step-would-run-again", null, ("step", done.FromStep), ("target", done.ToStep), ("position", position), ("version", to.Version)));
            }
            foreach (var behind in to.Steps.Where(s => s.Id != position && !ran.Contains(s.Id) && !stillAhead.Contains(s.Id) && Reach(s.Id, forward).Contains(position)))
            {
                warnings.Add($"第{to.Version}版在“{position}”之前有本实例未经过的步骤“{behind.Id}”（{behind.Title}），迁移后不会补做。" +
                    $"Version {to.Version} has step '{behind.Id}' before '{position}', which this instance never passed; it will not be run.");
            }
        }

        var mappedTargets = mapping.Values.ToHashSet();
        var added = to.Steps.Select(s => s.Id).Where(id => !oldIds.Contains(id) && !mappedTargets.Contains(id)).ToList();
        return new MigrationPlan(state.Id, from.Id, from.Version, to.Version, steps, added, warnings.Distinct().ToList(), problems);
    }

    /// <summary>Applies a valid plan to <paramref name="state"/> (a private copy): step, task and timer ids follow the mapping.</summary>
    internal static void Apply(MigrationPlan plan, InstanceState state)
    {
        var targets = plan.Steps.ToDictionary(s => s.FromStep, s => s.ToStep);
        var steps = state.Steps.Values.ToList();
        state.Steps.Clear();
        foreach (var step in steps)
        {
            if (targets[step.StepId] is { } target)
            {
                step.StepId = target;
                state.Steps[target] = step;
            }
        }
        // A dropped step's tasks and timers are finished; their history stays in the journal and the task rows.
        state.Tasks.RemoveAll(t => targets.TryGetValue(t.StepId, out var target) && target is null);
        state.Timers.RemoveAll(t => targets.TryGetValue(t.StepId, out var target) && target is null);
        foreach (var task in state.Tasks)
        {
            task.StepId = targets.GetValueOrDefault(task.StepId) ?? task.StepId;
        }
        foreach (var timer in state.Timers)
        {
            timer.StepId = targets.GetValueOrDefault(timer.StepId) ?? timer.StepId;
        }
        state.DefinitionVersion = plan.ToVersion;
    }

    /// <summary>Why work in progress cannot continue on <paramref name="target"/>, or null.</summary>
    private static Refusal? Incompatible(StepDefinition source, StepDefinition target, StepState current)
    {
        if (source.Kind != target.Kind)
        {
            return EngineTexts.Catalog.Conflict("step-kind-changed", null, ("step", source.Id), ("kind", source.Kind.ToString()), ("target", target.Id), ("targetKind", target.Kind.ToString()));
        }
        if (source.Kind == StepKind.HumanTask && (source.Role != target.Role || source.Organization != target.Organization))
        {
            return EngineTexts.Catalog.Conflict("task-performer-changed", null, ("step", source.Id), ("performer", $"{source.Role}@{source.Organization}"),
                ("target", target.Id), ("targetPerformer", $"{target.Role}@{target.Organization}"));
        }
        if (source.Kind == StepKind.SubProcedure && source.Procedure != target.Procedure)
        {
            return EngineTexts.Catalog.Conflict("sub-procedure-changed", null, ("step", source.Id), ("procedure", source.Procedure), ("target", target.Id), ("targetProcedure", target.Procedure));
        }
        if (current.Status == StepStatus.Waiting && target.Join.Count == 0)
        {
            return EngineTexts.Catalog.Conflict("waiting-step-not-a-join", null, ("step", source.Id), ("target", target.Id));
        }
        return null;
    }

    /// <summary>The step graph without the edges that close loops (found depth-first from the start): "ahead of" without "back to".</summary>
    private static Dictionary<string, List<string>> ForwardEdges(ProcedureDefinition definition)
    {
        var successors = definition.Steps.ToDictionary(s => s.Id, s => s.AllSuccessors().ToList());
        var forward = definition.Steps.ToDictionary(s => s.Id, _ => new List<string>());
        var onPath = new HashSet<string>();
        var done = new HashSet<string>();
        void Visit(string id)
        {
            onPath.Add(id);
            foreach (var next in successors[id])
            {
                if (onPath.Contains(next))
                {
                    continue; // back to a step on the current path: a loop
                }
                forward[id].Add(next);
                if (!done.Contains(next))
                {
                    Visit(next);
                }
            }
            onPath.Remove(id);
            done.Add(id);
        }
        Visit(definition.Start);
        return forward;
    }

    private static HashSet<string> Reach(string from, Dictionary<string, List<string>> edges)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(edges.GetValueOrDefault(from) ?? []);
        while (queue.TryDequeue(out var id))
        {
            if (seen.Add(id))
            {
                edges[id].ForEach(queue.Enqueue);
            }
        }
        return seen;
    }
}
