using System.Globalization;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>
/// One decision in progress, on a private copy of the state. Commands check first and change nothing when they
/// refuse; once accepted, arrivals at steps are processed until the instance is quiet (only tasks, timers or
/// unsatisfied joins left).
/// </summary>
internal sealed partial class InstanceRun(ProcedureDefinition definition, InstanceState state, Actor actor, DateTimeOffset now, DeadlineCalculator deadlines,
    string journalAlgorithm = JournalAlgorithms.Sm3)
{
    /// <summary>A definition whose automatic steps loop would otherwise hang the request; the validator prevents it, this is the backstop.</summary>
    private const int MaxActivationsPerCommand = 1000;

    private readonly List<JournalEntry> _journal = [];
    private readonly Queue<string> _arrivals = new();
    private readonly HashSet<string> _joinsFired = [];

    public Decision Start(WorkflowCommand.Start command)
    {
        var missing = definition.Scopes().Where(scope => !state.Assignments.ContainsKey(scope)).Order().ToList();
        if (missing.Count > 0)
        {
            return Decision.Refuse(new Refusal("scope-unassigned",
                $"以下职责尚未指定承担单位：{string.Join("、", missing)}。No organization is assigned to: {string.Join(", ", missing)}."));
        }
        var declared = definition.Attributes.Select(a => a.Name).ToHashSet();
        var unknown = command.Attributes.Keys.Where(name => !declared.Contains(name)).Order().ToList();
        if (unknown.Count > 0)
        {
            return Decision.Refuse(new Refusal("unknown-attribute",
                $"程序“{definition.Title}”未定义以下事项属性：{string.Join("、", unknown)}。Unknown attributes: {string.Join(", ", unknown)}."));
        }
        Write("InstanceStarted", data: Json(new
        {
            definitionId = definition.Id,
            definitionVersion = definition.Version,
            definitionHash = definition.ContentHash,
            matterId = state.MatterId,
            attributes = state.Attributes,
            assignments = state.Assignments,
            jurisdiction = state.Jurisdiction,
            parent = state.Parent,
        }));
        _arrivals.Enqueue(definition.Start);
        return Settle();
    }

    public Decision CompleteTask(WorkflowCommand.CompleteTask command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        var task = state.Tasks.FirstOrDefault(t => t.Id == command.TaskId);
        if (task is null)
        {
            return Decision.Refuse(new Refusal("task-not-found", "该任务不属于此流程实例。The task does not belong to this instance."));
        }
        if (task.Status != WorkTaskStatus.Open)
        {
            return Decision.Refuse(new Refusal("task-not-open", task.Status == WorkTaskStatus.Completed
                ? $"该任务已由{task.CompletedByName}于{task.CompletedAt:O}办理完毕（结果：{task.Outcome}），不能重复办理。The task was already completed by {task.CompletedByName} at {task.CompletedAt:O}."
                : "该任务已取消。The task was cancelled."));
        }
        var step = definition.Step(task.StepId);
        if (!actor.Holds(task.Role, task.OrganizationId))
        {
            return Decision.Refuse(new Refusal("not-authorized-for-task",
                $"“{step.Title}”须由组织 {task.OrganizationId} 中担任“{task.Role}”角色的人员办理。" +
                $"'{step.TitleEn ?? step.Title}' may only be completed by a '{task.Role}' of organization {task.OrganizationId}.", step.Article));
        }
        var outcome = step.FindOutcome(command.Outcome);
        if (outcome is null)
        {
            return Decision.Refuse(new Refusal("unknown-outcome",
                $"“{step.Title}”没有办理结果“{command.Outcome}”；可选：{string.Join("、", step.Outcomes.Select(o => $"{o.Id}（{o.Title}）"))}。" +
                $"Unknown outcome '{command.Outcome}'; expected one of: {string.Join(", ", step.Outcomes.Select(o => o.Id))}.", step.Article));
        }
        if (outcome.CommentRequired && string.IsNullOrWhiteSpace(command.Comment))
        {
            return Decision.Refuse(new Refusal("comment-required",
                $"选择“{outcome.Title}”时必须写明理由或意见。The outcome '{outcome.Id}' requires a comment stating the reasons.", outcome.Article ?? step.Article));
        }
        if (MinimumNotElapsed(step, task) is { } tooEarly)
        {
            return Decision.Refuse(tooEarly);
        }

        task.Status = WorkTaskStatus.Completed;
        task.CompletedAt = now;
        task.CompletedBy = actor.Id;
        task.CompletedByName = actor.DisplayName;
        task.Outcome = outcome.Id;
        task.Comment = command.Comment;
        task.DataJson = command.DataJson;
        Finish(step, StepStatus.Completed, outcome.Id);
        Write("TaskCompleted", step, task.Id, outcome.Id, command.Comment, command.DataJson ?? "{}");
        Follow(outcome.Next ?? step.Next);
        return Settle();
    }

    public Decision FireTimer(Guid timerId)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        var timer = state.Timers.FirstOrDefault(t => t.Id == timerId);
        if (timer is not { Status: TimerStatus.Scheduled })
        {
            return Decision.Refuse(new Refusal("timer-not-scheduled", "该计时器不存在或已触发。The timer does not exist or has already fired."));
        }
        if (now < timer.DueAt)
        {
            return Decision.Refuse(new Refusal("timer-not-due", $"计时器将于{timer.DueAt:O}到期。The timer is due at {timer.DueAt:O}."));
        }
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = now;
        var step = definition.Step(timer.StepId);
        Finish(step, StepStatus.Completed, "elapsed");
        Write("TimerFired", step, data: Json(new { timerId, dueAt = timer.DueAt }));
        Follow(step.Next);
        return Settle();
    }

    public Decision Cancel(string reason)
    {
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            return Decision.Refuse(Ended());
        }
        if (MissingReason(reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        foreach (var task in state.OpenTasks())
        {
            task.Status = WorkTaskStatus.Cancelled;
        }
        foreach (var timer in state.Timers.Where(t => t.Status == TimerStatus.Scheduled))
        {
            timer.Status = TimerStatus.Cancelled;
        }
        foreach (var step in state.Steps.Values.Where(s => s.Status is StepStatus.Active or StepStatus.Waiting))
        {
            CancelChild(step, reason);
            step.Status = StepStatus.Cancelled;
            step.FinishedAt = now;
        }
        End(InstanceStatus.Cancelled, reason);
        Write("InstanceCancelled", comment: reason);
        return Accept();
    }

    public Decision Suspend(string reason)
    {
        if (state.Status != InstanceStatus.Running)
        {
            return Decision.Refuse(state.Status == InstanceStatus.Suspended
                ? new Refusal("instance-suspended", "流程已经中止。The instance is already suspended.")
                : Ended());
        }
        if (MissingReason(reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        state.Status = InstanceStatus.Suspended;
        state.StatusReason = reason;
        Write("InstanceSuspended", comment: reason);
        return Accept();
    }

    public Decision Resume(string? reason)
    {
        if (state.Status != InstanceStatus.Suspended)
        {
            return Decision.Refuse(new Refusal("instance-not-suspended", "流程未处于中止状态。The instance is not suspended."));
        }
        state.Status = InstanceStatus.Running;
        state.StatusReason = null;
        Write("InstanceResumed", comment: reason);
        return Accept();
    }

    /// <summary>A domain fact journaled on a running or suspended instance; no step moves.</summary>
    public Decision Record(WorkflowCommand.Record command)
    {
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            return Decision.Refuse(Ended());
        }
        if (string.IsNullOrEmpty(command.Type) || command.Type.Length > 64 || !command.Type.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Record type '{command.Type}' must be 1-64 ASCII letters or digits.", nameof(command));
        }
        var step = command.StepId is null ? null : definition.Step(command.StepId);
        Write(command.Type, step, comment: command.Comment, data: command.DataJson);
        return Accept();
    }

    /// <summary>See <see cref="WorkflowCommand.ChangeAttributes"/>: new values, then the gates they touch.</summary>
    public Decision ChangeAttributes(WorkflowCommand.ChangeAttributes command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        if (MissingReason(command.Reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        var declared = definition.Attributes.Select(a => a.Name).ToHashSet();
        var unknown = command.Attributes.Keys.Where(name => !declared.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return Decision.Refuse(new Refusal("unknown-attribute",
                $"程序“{definition.Title}”未定义以下事项属性：{string.Join("、", unknown)}。Unknown attributes: {string.Join(", ", unknown)}."));
        }
        var before = new Dictionary<string, bool>(state.Attributes);
        var after = new Dictionary<string, bool>(state.Attributes);
        foreach (var (name, value) in command.Attributes)
        {
            after[name] = value;
        }
        var conditional = definition.Steps.Where(s => s.When is not null && state.Steps.ContainsKey(s.Id)).ToList();
        var reopened = conditional
            .Where(s => state.Steps[s.Id].Status == StepStatus.Skipped && s.When!.Evaluate(after))
            .Select(s => s).ToList();
        if (reopened.Count > 0)
        {
            return Decision.Refuse(new Refusal("attribute-change-reopens-skipped-step",
                $"变更后以下已依法跳过的步骤将重新适用，但程序已经越过这些步骤：{string.Join("、", reopened.Select(s => $"{s.Title}（{s.Id}）"))}；不能以变更属性的方式补做，请撤回事项后重新启动决策程序。" +
                $"The change would make steps already skipped apply again: {string.Join(", ", reopened.Select(s => s.Id))}; they cannot be reopened.",
                reopened[0].Article));
        }
        var changed = command.Attributes.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var (name, value) in after)
        {
            state.Attributes[name] = value;
        }
        Write("AttributesChanged", comment: command.Reason, data: Json(new { before, after, changed }));
        foreach (var step in conditional.Where(s => state.Steps[s.Id].Status == StepStatus.Active && !s.When!.Evaluate(after)))
        {
            var current = state.Steps[step.Id];
            foreach (var task in state.Tasks.Where(t => t.StepId == step.Id && t.Status == WorkTaskStatus.Open))
            {
                task.Status = WorkTaskStatus.Cancelled;
            }
            foreach (var timer in state.Timers.Where(t => t.StepId == step.Id && t.Status == TimerStatus.Scheduled))
            {
                timer.Status = TimerStatus.Cancelled;
            }
            CancelChild(current, command.Reason);
            var values = string.Join(", ", step.When!.Names().Distinct().Select(n => $"{n}={(after.GetValueOrDefault(n) ? "true" : "false")}"));
            current.SkipReason = $"事项属性变更后适用条件“{step.When}”不成立（{values}），本步骤不再适用{(step.Article is null ? "" : $"（{step.Article}）")}。Condition '{step.When}' became false ({values}).";
            Finish(step, StepStatus.Skipped, null);
            Write("StepSkipped", step, comment: current.SkipReason);
            Follow(step.Next);
        }
        return Settle();
    }

    private Refusal? NotRunning() => state.Status switch
    {
        InstanceStatus.Running => null,
        InstanceStatus.Suspended => new Refusal("instance-suspended",
            $"流程已中止（{state.StatusReason}），恢复前不能办理。The instance is suspended ({state.StatusReason}); resume it first."),
        _ => Ended(),
    };

    private Refusal Ended() => new("instance-not-running",
        $"流程已结束（{state.Status}）。The instance has ended ({state.Status.ToString().ToLowerInvariant()}).");

    private static Refusal? MissingReason(string? reason) => string.IsNullOrWhiteSpace(reason)
        ? new Refusal("reason-required", "必须写明理由。A reason is required.")
        : null;

    private Refusal? MinimumNotElapsed(StepDefinition step, WorkTask task)
    {
        if (step.Minimum is not { } minimum)
        {
            return null;
        }
        var (notBefore, rule) = task.NotBefore is { } known ? (known, task.NotBeforeRule) : Deadline(minimum, task.CreatedAt);
        if (notBefore is null)
        {
            return new Refusal("calendar-missing", $"无法确认法定最短期限是否届满：{rule} Cannot confirm that the minimum period has elapsed.", step.Article);
        }
        if (now >= notBefore)
        {
            return null;
        }
        var (days, counting, _) = Resolve(minimum)!.Value;
        return new Refusal("minimum-period-not-elapsed",
            $"“{step.Title}”的法定最短期限为{(counting == DayCounting.WorkingDays ? $"{days}个工作日" : $"{days}日")}，至{LocalDay(notBefore.Value)}届满（{rule}），届满前不能办结。" +
            $"The minimum period of {days} {(counting == DayCounting.WorkingDays ? "working days" : "days")} runs until the end of {LocalDay(notBefore.Value)}.",
            step.Article);
    }

    private void Follow(IEnumerable<string> next)
    {
        foreach (var id in next)
        {
            _arrivals.Enqueue(id);
        }
    }

    /// <summary>Processes arrivals (and joins they release) until nothing more can happen without a person or a timer.</summary>
    private Decision Settle()
    {
        var activations = 0;
        while (true)
        {
            while (_arrivals.TryDequeue(out var stepId))
            {
                if (++activations > MaxActivationsPerCommand)
                {
                    Fault($"超过{MaxActivationsPerCommand}次连续自动步骤，疑似定义循环。More than {MaxActivationsPerCommand} automatic activations in one command: the definition loops.");
                    return Accept();
                }
                Activate(definition.Step(stepId));
            }
            var released = definition.Steps.Where(s => state.Steps.TryGetValue(s.Id, out var st) && st.Status == StepStatus.Waiting && JoinSatisfied(s)).ToList();
            if (released.Count == 0)
            {
                break;
            }
            released.ForEach(s => _arrivals.Enqueue(s.Id));
        }

        if (state.Status == InstanceStatus.Running
            && !state.Steps.Values.Any(s => s.Status == StepStatus.Active)
            && !state.Timers.Any(t => t.Status == TimerStatus.Scheduled))
        {
            var stuck = state.Steps.Values.Where(s => s.Status == StepStatus.Waiting).Select(s => s.StepId).ToList();
            if (stuck.Count > 0)
            {
                Fault($"以下步骤等待的前序步骤已不可能完成：{string.Join("、", stuck)}。These steps wait for steps that can no longer finish: {string.Join(", ", stuck)}.");
            }
            else
            {
                End(InstanceStatus.Completed, null);
                Write("InstanceCompleted");
            }
        }
        return Accept();
    }

    private void Activate(StepDefinition step)
    {
        var current = state.Step(step.Id);
        if (current.Status == StepStatus.Active)
        {
            return; // already running: a second branch arriving merges into it
        }
        if (step.Join.Count > 0 && !JoinSatisfied(step))
        {
            if (current.Status != StepStatus.Waiting)
            {
                current.Status = StepStatus.Waiting;
                var waitingFor = step.Join.Where(id => state.Step(id).Status is not (StepStatus.Completed or StepStatus.Skipped));
                Write("StepWaiting", step, data: Json(new { waitingFor }));
            }
            return;
        }
        if (step.Join.Count > 0 && !_joinsFired.Add(step.Id))
        {
            // The other branches of a join that already fired in this decision: they were what it waited for. An
            // automatic (or skipped) join step is never "active", so without this it would run once per branch.
            return;
        }

        current.Iteration++;
        current.ActivatedAt = now;
        current.FinishedAt = null;
        current.Outcome = null;
        current.SkipReason = null;

        if (step.When is { } when && !when.Evaluate(state.Attributes))
        {
            var values = string.Join(", ", when.Names().Distinct().Select(n => $"{n}={(state.Attributes.TryGetValue(n, out var v) && v ? "true" : "false")}"));
            current.SkipReason = $"适用条件“{when}”不成立（{values}），本步骤不适用{(step.Article is null ? "" : $"（{step.Article}）")}。Condition '{when}' is false ({values}).";
            Finish(step, StepStatus.Skipped, null);
            Write("StepSkipped", step, comment: current.SkipReason);
            Follow(step.Next);
            return;
        }

        switch (step.Kind)
        {
            case StepKind.HumanTask:
                OpenTask(step, current);
                break;
            case StepKind.Automatic:
                Finish(step, StepStatus.Completed, "done");
                Write("StepCompleted", step, outcome: "done");
                Follow(step.Next);
                break;
            case StepKind.Gate:
                var passed = step.Condition!.Evaluate(state.Attributes);
                Finish(step, StepStatus.Completed, passed ? "true" : "false");
                Write("GateEvaluated", step, outcome: passed ? "true" : "false", data: Json(new { condition = step.Condition.ToString() }));
                Follow(passed ? step.Next : step.Otherwise);
                break;
            case StepKind.Timer:
                var (dueAt, rule) = Deadline(step.Duration!, now);
                var timer = new WorkflowTimer
                {
                    Id = DeterministicId.For("timer", state.Id, step.Id, current.Iteration),
                    StepId = step.Id,
                    Iteration = current.Iteration,
                    DueAt = dueAt ?? DateTimeOffset.MaxValue,
                    DueRule = rule,
                    Status = TimerStatus.Scheduled,
                };
                state.Timers.Add(timer);
                current.Status = StepStatus.Active;
                Write("TimerScheduled", step, data: Json(new { timerId = timer.Id, dueAt, rule }));
                break;
            case StepKind.SubProcedure:
                StartChild(step, current);
                break;
        }
    }

    private void OpenTask(StepDefinition step, StepState current)
    {
        var (dueAt, dueRule) = step.Due is { } due ? Deadline(due, now) : (null, null);
        var (notBefore, notBeforeRule) = step.Minimum is { } minimum ? Deadline(minimum, now) : (null, null);
        var task = new WorkTask
        {
            Id = DeterministicId.For("task", state.Id, step.Id, current.Iteration),
            StepId = step.Id,
            Iteration = current.Iteration,
            Role = step.Role!,
            Scope = step.Organization!,
            OrganizationId = state.Assignments[step.Organization!],
            Status = WorkTaskStatus.Open,
            CreatedAt = now,
            DueAt = dueAt,
            DueRule = dueRule,
            NotBefore = notBefore,
            NotBeforeRule = notBeforeRule,
        };
        state.Tasks.Add(task);
        current.Status = StepStatus.Active;
        Write("TaskOpened", step, task.Id, data: Json(new { task.Role, task.Scope, task.OrganizationId, dueAt, dueRule, notBefore, notBeforeRule }));
    }

    private bool JoinSatisfied(StepDefinition step) =>
        step.Join.All(id => state.Step(id).Status is StepStatus.Completed or StepStatus.Skipped);

    /// <summary>The end of a period counted from <paramref name="from"/>, or why it cannot be counted (never a guess).</summary>
    private (DateTimeOffset? EndsAt, string? Rule) Deadline(Period period, DateTimeOffset from)
    {
        if (Resolve(period) is not var (days, counting, source))
        {
            // Cannot happen for an instance started by this engine (the start checks every setting); kept explicit
            // rather than guessed, like a missing calendar year.
            return (null, $"辖区设置“{period.Setting}”在本实例的辖区快照中不存在，无法计算期限。The jurisdiction setting {period.Setting} is not in this instance's snapshot.");
        }
        try
        {
            var deadline = deadlines.AfterDays(from, days, counting);
            return (deadline.EndsAtUtc, source + deadline.Explanation);
        }
        catch (CalendarYearMissingException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// The days and counting of <paramref name="period"/>: fixed, or from the instance's jurisdiction snapshot, with
    /// a prefix for the rule text naming the setting, its article and the jurisdiction; null if the setting is absent.
    /// </summary>
    private (int Days, DayCounting Counting, string Source)? Resolve(Period period)
    {
        if (period.Setting is not { } name)
        {
            return (period.Days!.Value, period.Counting!.Value, "");
        }
        if (state.Jurisdiction is not { } jurisdiction || !jurisdiction.Periods.TryGetValue(name, out var value))
        {
            return null;
        }
        var article = value.Article is null ? "" : $"，{value.Article}";
        return (value.Days, value.Counting, $"依辖区“{jurisdiction.Name}”（{jurisdiction.Id}）设置 {name}（{value}{article}）：");
    }

    private string LocalDay(DateTimeOffset instant) =>
        deadlines.LocalDay(instant.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Finish(StepDefinition step, StepStatus status, string? outcome)
    {
        var current = state.Step(step.Id);
        current.Status = status;
        current.Outcome = outcome;
        current.FinishedAt = now;
    }

    private void Fault(string incident)
    {
        End(InstanceStatus.Faulted, incident);
        Write("InstanceFaulted", comment: incident);
    }

    private void End(InstanceStatus status, string? reason)
    {
        state.Status = status;
        state.StatusReason = reason;
        state.EndedAt = now;
    }

    private Decision Accept()
    {
        state.Version++;
        return new Decision(state, _journal, []) { Children = _children };
    }

    private void Write(string type, StepDefinition? step = null, Guid? taskId = null, string? outcome = null, string? comment = null, string? data = null)
    {
        var entry = new JournalEntry(
            state.Id, state.JournalSequence + 1, type, step?.Id, step is null ? null : state.Step(step.Id).Iteration, taskId,
            actor.Id, actor.DisplayName, now, outcome, comment, data ?? "{}", state.JournalHead, Hash: "") { HashAlgorithm = journalAlgorithm };
        entry = entry with { Hash = JournalHash.Compute(entry) };
        state.JournalSequence = entry.Sequence;
        state.JournalHead = entry.Hash;
        _journal.Add(entry);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, InstanceStateJson.Options);
}
