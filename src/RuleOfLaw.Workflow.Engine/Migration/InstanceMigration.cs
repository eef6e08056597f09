using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;

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
            problems.Add(new Refusal("migration-other-procedure",
                $"只能迁移到同一程序（{from.Id}）的新版本，不能迁移到 {to.Id}。An instance can only move to a version of its own procedure ({from.Id}), not {to.Id}."));
        }
        else if (to.Version <= from.Version)
        {
            problems.Add(new Refusal("migration-not-newer",
                $"目标版本 {to.Version} 不比实例当前版本 {from.Version} 新。The target version {to.Version} is not newer than the instance's version {from.Version}."));
        }
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            problems.Add(new Refusal("instance-not-running",
                $"流程已结束（{state.Status}），无需迁移。The instance has ended ({state.Status.ToString().ToLowerInvariant()}); only running instances move."));
        }

        var oldIds = from.Steps.Select(s => s.Id).ToHashSet();
        var newIds = to.Steps.Select(s => s.Id).ToHashSet();
        foreach (var (source, target) in mapping.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!oldIds.Contains(source))
            {
                problems.Add(new Refusal("mapping-source-unknown", $"映射中的步骤“{source}”不在第{from.Version}版中。Mapped step '{source}' is not in version {from.Version}."));
            }
            if (!newIds.Contains(target))
            {
                problems.Add(new Refusal("mapping-target-unknown", $"映射目标“{target}”不在第{to.Version}版中。Mapping target '{target}' is not in version {to.Version}."));
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
                problems.Add(new Refusal("step-removed",
                    $"步骤“{current.StepId}”正在办理（{current.Status}），但第{to.Version}版中没有该步骤；请在映射中指定它在新版本中的对应步骤。" +
                    $"Step '{current.StepId}' is {current.Status.ToString().ToLowerInvariant()} but does not exist in version {to.Version}; map it to a step of the new version."));
            }
            else if (target is not null && unfinished && Incompatible(from.Step(current.StepId), to.Step(target), current) is { } incompatible)
            {
                problems.Add(incompatible);
            }
        }
        foreach (var twice in steps.Where(s => s.ToStep is not null).GroupBy(s => s.ToStep!).Where(g => g.Count() > 1))
        {
            problems.Add(new Refusal("mapping-target-twice",
                $"多个步骤（{string.Join("、", twice.Select(s => s.FromStep))}）将对应到同一步骤“{twice.Key}”。Steps {string.Join(", ", twice.Select(s => s.FromStep))} would all become '{twice.Key}'."));
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
                problems.Add(new Refusal("completed-step-would-run-again",
                    $"已完成的步骤“{done.FromStep}”在第{to.Version}版中（“{done.ToStep}”）位于正在办理的“{position}”之后，迁移后将被再次办理。" +
                    $"Completed step '{done.FromStep}' would be '{done.ToStep}', after '{position}' in version {to.Version}: it would run again."));
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
            return new Refusal("step-kind-changed",
                $"正在办理的步骤“{source.Id}”（{source.Kind}）不能对应到不同类型的步骤“{target.Id}”（{target.Kind}）。Step '{source.Id}' ({source.Kind}) cannot become '{target.Id}' ({target.Kind}).");
        }
        if (source.Kind == StepKind.HumanTask && (source.Role != target.Role || source.Organization != target.Organization))
        {
            return new Refusal("task-performer-changed",
                $"步骤“{source.Id}”的待办任务属于 {source.Role}@{source.Organization}，而“{target.Id}”由 {target.Role}@{target.Organization} 办理；已开出的任务不能改由他人办理。" +
                $"The open task of '{source.Id}' is for {source.Role}@{source.Organization}, '{target.Id}' for {target.Role}@{target.Organization}.");
        }
        if (source.Kind == StepKind.SubProcedure && source.Procedure != target.Procedure)
        {
            return new Refusal("sub-procedure-changed",
                $"步骤“{source.Id}”正在等待子流程 {source.Procedure}，而“{target.Id}”启动 {target.Procedure}。Step '{source.Id}' waits for {source.Procedure}, '{target.Id}' starts {target.Procedure}.");
        }
        if (current.Status == StepStatus.Waiting && target.Join.Count == 0)
        {
            return new Refusal("waiting-step-not-a-join",
                $"步骤“{source.Id}”正在等待汇合，而“{target.Id}”不是汇合步骤。Step '{source.Id}' waits at a join, '{target.Id}' has no join.");
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
