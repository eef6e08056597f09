using System.Globalization;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Texts;

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
        // Scopes of steps that may never run (all their steps conditional) can be assigned when a step activates.
        var missing = definition.ScopesRequiredAtStart().Where(scope => !state.Assignments.ContainsKey(scope)).Order().ToList();
        if (missing.Count > 0)
        {
            return Decision.Refuse(EngineTexts.Catalog.Invalid("scope-unassigned", null, ("scopes", missing)));
        }
        var declared = definition.Attributes.Select(a => a.Name).ToHashSet();
        var unknown = command.Attributes.Keys.Where(name => !declared.Contains(name)).Order().ToList();
        if (unknown.Count > 0)
        {
            return Decision.Refuse(EngineTexts.Catalog.Invalid("unknown-attribute", null, ("procedure", EngineTexts.Title(definition)), ("attributes", unknown)));
        }
        Write(JournalEntryTypes.InstanceStarted, data: Json(new
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
            return Decision.Refuse(EngineTexts.Catalog.NotFound("task-not-found"));
        }
        if (task.Status != WorkTaskStatus.Open)
        {
            return Decision.Refuse(task.Status == WorkTaskStatus.Completed
                ? EngineTexts.Catalog.Conflict("task-not-open", null, ("by", task.CompletedByName),
                    ("at", task.CompletedAt is { } at ? new LocalTime(at, deadlines.TimeZone.Id) : null), ("outcome", task.Outcome))
                : EngineTexts.Catalog.Conflict("task-not-open.cancelled"));
        }
        var step = definition.Step(task.StepId);
        if (task.PartyId is not null)
        {
            return CompletePartyTask(command, step, task);
        }
        if (!actor.Holds(task.Role, task.OrganizationId))
        {
            return Decision.Refuse(EngineTexts.Catalog.Forbidden("not-authorized-for-task", step.Article,
                ("title", EngineTexts.Title(step)), ("organization", task.OrganizationId), ("role", task.Role)));
        }
        if (WrongCommand(step, step.CompletedBy, command) is { } wrongCommand)
        {
            return Decision.Refuse(wrongCommand);
        }
        var outcome = step.FindOutcome(command.Outcome);
        if (outcome is null)
        {
            return Decision.Refuse(UnknownOutcome(step, step.Outcomes, command.Outcome));
        }
        if (outcome.CommentRequired && string.IsNullOrWhiteSpace(command.Comment))
        {
            return Decision.Refuse(CommentRequired(step, outcome));
        }
        if (MinimumNotElapsed(step, task) is { } tooEarly)
        {
            return Decision.Refuse(tooEarly);
        }
        if (PartiesNotDone(step, task) is { } notDone)
        {
            return Decision.Refuse(notDone);
        }

        Close(task, outcome.Id, command);
        CancelOpenParties(step);
        Finish(step, StepStatus.Completed, outcome.Id);
        Write(JournalEntryTypes.TaskCompleted, step, task.Id, outcome.Id, command.Comment, command.DataJson ?? "{}");
        SetByOutcome(step, outcome);
        Follow(outcome.Next ?? step.Next);
        return Settle();
    }

    /// <summary>
    /// A task completed only by a domain command (the step's <c>completedBy</c>, or for a party's task the parties' own
    /// when they name one) refuses the generic completion.
    /// </summary>
    private static Refusal? WrongCommand(StepDefinition step, string? completedBy, WorkflowCommand.CompleteTask command) =>
        completedBy is { } required && command.By != required
            ? EngineTexts.Catalog.Computed($"use-{required}", "use-command", RefusalClass.Conflict, step.Article,
                ("title", EngineTexts.Title(step)), ("command", required))
            : null;

    private static Refusal UnknownOutcome(StepDefinition step, IReadOnlyList<OutcomeDefinition> outcomes, string outcome) => EngineTexts.Catalog.Invalid("unknown-outcome", step.Article,
        ("title", EngineTexts.Title(step)), ("outcome", outcome), ("expected", outcomes.Select(o => o.Id).ToList()));

    private static Refusal CommentRequired(StepDefinition step, OutcomeDefinition outcome) => EngineTexts.Catalog.Invalid("comment-required", outcome.Article ?? step.Article,
        ("title", new TwoLanguages(outcome.Title, outcome.TitleEn ?? outcome.Title)), ("outcome", outcome.Id));

    private void Close(WorkTask task, string outcome, WorkflowCommand.CompleteTask command)
    {
        task.Status = WorkTaskStatus.Completed;
        task.CompletedAt = now;
        task.CompletedBy = actor.Id;
        task.CompletedByName = actor.DisplayName;
        task.Outcome = outcome;
        task.Comment = command.Comment;
        task.DataJson = command.DataJson;
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
            return Decision.Refuse(EngineTexts.Catalog.Conflict("timer-not-scheduled"));
        }
        if (now < timer.DueAt)
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("timer-not-due", null, ("dueAt", ReaderTime.When(timer.DueAt, deadlines.TimeZone.Id))));
        }
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = now;
        var step = definition.Step(timer.StepId);
        Finish(step, StepStatus.Completed, "elapsed");
        Write(JournalEntryTypes.TimerFired, step, data: Json(new { timerId, dueAt = timer.DueAt }));
        Follow(step.Next);
        return Settle();
    }

    /// <param name="reason">The reason as written (a person's, or the zh-CN text of <paramref name="text"/>).</param>
    /// <param name="text">The reason's catalog text when the engine wrote it (a parent cancelling its child), else null.</param>
    public Decision Cancel(string reason, CatalogText? text = null)
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
            CancelChild(step, reason, text);
            step.Status = StepStatus.Cancelled;
            step.FinishedAt = now;
        }
        End(InstanceStatus.Cancelled, reason, text);
        Write(JournalEntryTypes.InstanceCancelled, comment: reason, data: text is null ? null : StoredTexts.WithComment(null, text));
        return Accept();
    }

    public Decision Suspend(string reason)
    {
        if (state.Status != InstanceStatus.Running)
        {
            return Decision.Refuse(state.Status == InstanceStatus.Suspended
                ? EngineTexts.Catalog.Conflict("instance-suspended.already")
                : Ended());
        }
        if (MissingReason(reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        state.Status = InstanceStatus.Suspended;
        state.StatusReason = reason;
        Write(JournalEntryTypes.InstanceSuspended, comment: reason);
        return Accept();
    }

    public Decision Resume(string? reason)
    {
        if (state.Status != InstanceStatus.Suspended)
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("instance-not-suspended"));
        }
        state.Status = InstanceStatus.Running;
        state.StatusReason = null;
        Write(JournalEntryTypes.InstanceResumed, comment: reason);
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
            return Decision.Refuse(EngineTexts.Catalog.Invalid("unknown-attribute", null, ("procedure", EngineTexts.Title(definition)), ("attributes", unknown)));
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
            return Decision.Refuse(EngineTexts.Catalog.Conflict("attribute-change-reopens-skipped-step", reopened[0].Article,
                ("steps", reopened.Select(s => new TwoLanguages($"{s.Title}（{s.Id}）", s.Id)).ToList())));
        }
        var changed = command.Attributes.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var (name, value) in after)
        {
            state.Attributes[name] = value;
        }
        Write(JournalEntryTypes.AttributesChanged, comment: command.Reason, data: Json(new { before, after, changed }));
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
            CancelChild(current, command.Reason, null);
            var values = string.Join(", ", step.When!.Names().Distinct().Select(n => $"{n}={(after.GetValueOrDefault(n) ? "true" : "false")}"));
            var reason = step.Article is null
                ? Note("note.skipped-after-change.no-article", ("condition", step.When.ToString()), ("values", values))
                : Note("note.skipped-after-change", ("condition", step.When.ToString()), ("values", values), ("article", step.Article));
            Skip(current, reason);
            Finish(step, StepStatus.Skipped, null);
            Write(JournalEntryTypes.StepSkipped, step, comment: current.SkipReason, data: StoredTexts.WithComment(null, reason));
            Follow(step.Next);
        }
        return Settle();
    }

    private Refusal? NotRunning() => state.Status switch
    {
        InstanceStatus.Running => null,
        InstanceStatus.Suspended => EngineTexts.Catalog.Conflict("instance-suspended", null, ("reason", state.StatusReason)),
        _ => Ended(),
    };

    private Refusal Ended() => EngineTexts.Catalog.Conflict("instance-not-running", null, ("status", state.Status.ToString().ToLowerInvariant()));

    private static Refusal? MissingReason(string? reason) => string.IsNullOrWhiteSpace(reason)
        ? EngineTexts.Catalog.Invalid("reason-required")
        : null;

    private Refusal? MinimumNotElapsed(StepDefinition step, WorkTask task)
    {
        if (step.Minimum is not { Restricts: PeriodRestriction.Task } minimum || !Applies(minimum))
        {
            return null;
        }
        var article = Cited(minimum, step);
        var (notBefore, rule, _) = task.NotBefore is { } known ? (known, task.NotBeforeRule, null)
            : Deadline(minimum, task.NotBeforeProvisional?.From ?? AnchorOr(minimum, task.CreatedAt));
        if (notBefore is null)
        {
            return EngineTexts.Catalog.Conflict("calendar-missing.elapsed", article, ("rule", rule));
        }
        if (now >= notBefore)
        {
            return null;
        }
        var (days, counting, _) = Resolve(minimum)!.Value;
        return EngineTexts.Catalog.Conflict("minimum-period-not-elapsed", article, ("title", EngineTexts.Title(step)),
            ("length", EngineTexts.Length(days, counting)), ("end", ReaderTime.When(notBefore.Value, deadlines.TimeZone.Id)), ("rule", rule));
    }

    /// <summary>A period without <c>when</c> always applies; with one, only while the condition holds (else it is waived).</summary>
    private bool Applies(Period period) => period.When?.Evaluate(state.Attributes) ?? true;

    /// <summary>
    /// Where a period is counted from: its <c>from</c> step's latest completion; the step being done right now when it is
    /// the active one (the submission counts from the moment it is made); otherwise <paramref name="fallback"/>.
    /// </summary>
    private DateTimeOffset AnchorOr(Period period, DateTimeOffset fallback)
    {
        if (period.From is not { } from || !state.Steps.TryGetValue(from, out var anchor))
        {
            return fallback;
        }
        return anchor.Status switch
        {
            StepStatus.Active => now,
            StepStatus.Completed or StepStatus.Skipped when anchor.FinishedAt is { } at => at,
            _ => fallback,
        };
    }

    /// <summary>
    /// See <see cref="WorkflowEngine.CheckRequestedDate"/>: a date asked of <paramref name="step"/> against its minimum
    /// that restricts requests. Refusals cite the period's article (else the step's).
    /// </summary>
    public RequestedDateCheck CheckRequestedDate(StepDefinition step, DateTimeOffset start, DateTimeOffset? requestedEnd, string? reason, bool allowProvisional = false)
    {
        if (step.Minimum is not { Restricts: PeriodRestriction.Requests } minimum)
        {
            return new RequestedDateCheck(null, null, false, null, []);
        }
        var article = Cited(minimum, step);
        var binding = Applies(minimum);
        var from = AnchorOr(minimum, start);
        if (Resolve(minimum) is not var (days, counting, source))
        {
            return new RequestedDateCheck(null, null, binding, article,
                [EngineTexts.Catalog.Invalid("jurisdiction-setting-missing.snapshot", article, ("setting", minimum.Setting))]);
        }
        Calendar.Deadline end;
        try
        {
            // Provisional: the earliest the minimum can end; a date before it is certainly too early, and the caller
            // keeps the minimum open until the missing year's calendar makes it final (issue 16 item 6).
            end = allowProvisional ? deadlines.AfterDaysAtLeast(from, days, counting) : deadlines.AfterDays(from, days, counting);
        }
        catch (CalendarYearMissingException e)
        {
            return new RequestedDateCheck(null, null, binding, article,
                [EngineTexts.Catalog.Conflict("calendar-missing.minimum", article, ("period", minimum.ToString()), ("problem", TwoLanguages.Of(e.Message)))]);
        }
        var rule = source + end.Explanation;
        var shorter = requestedEnd is { } asked && asked < end.EndsAtUtc;
        var values = minimum.When?.Names().Distinct().Select(n => $"{n}={(state.Attributes.GetValueOrDefault(n) ? "true" : "false")}").ToList();
        List<Refusal> refusals = [];
        if (shorter && binding)
        {
            refusals.Add(EngineTexts.Catalog.Conflict("requested-date-too-early", article, ("title", EngineTexts.Title(step)),
                ("length", EngineTexts.Length(days, counting)), ("end", new PeriodEnd(end.LastDay)), ("rule", rule)));
        }
        else if (shorter && minimum.ReasonIfShorter && string.IsNullOrWhiteSpace(reason))
        {
            refusals.Add(minimum.When is null
                ? EngineTexts.Catalog.Conflict("shortening-reason-required.always", article, ("length", EngineTexts.Length(days, counting)))
                : EngineTexts.Catalog.Conflict("shortening-reason-required", article, ("length", EngineTexts.Length(days, counting)),
                    ("condition", minimum.When.ToString()), ("values", values)));
        }
        return new RequestedDateCheck(end, rule, binding, article, refusals);
    }

    /// <summary>Attribute values an outcome records (<c>"set"</c>), journaled like a change, before the procedure moves on.</summary>
    private void SetByOutcome(StepDefinition step, OutcomeDefinition outcome)
    {
        if (outcome.Set.Count == 0)
        {
            return;
        }
        var before = new Dictionary<string, bool>(state.Attributes);
        foreach (var (name, value) in outcome.Set)
        {
            state.Attributes[name] = value;
        }
        var changed = outcome.Set.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        Write(JournalEntryTypes.AttributesChanged, step, outcome: outcome.Id,
            comment: $"由办理结果“{outcome.Title}”设定{(outcome.Article is null ? "" : $"（{outcome.Article}）")}。Set by the outcome '{outcome.Id}'.",
            data: Json(new { before, after = state.Attributes, changed, outcome = outcome.Id }));
    }

    /// <summary>See <see cref="WorkflowCommand.AssignScope"/>.</summary>
    public Decision AssignScope(WorkflowCommand.AssignScope command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        if (!definition.Scopes().Contains(command.Scope))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("unknown-scope", null, ("procedure", EngineTexts.Title(definition)), ("scope", command.Scope)));
        }
        if (state.Assignments.TryGetValue(command.Scope, out var assigned))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("scope-already-assigned", null, ("scope", command.Scope), ("organization", assigned)));
        }
        if (string.IsNullOrWhiteSpace(command.OrganizationId))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("organization-required"));
        }
        if (MissingReason(command.Reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        state.Assignments[command.Scope] = command.OrganizationId;
        Write(JournalEntryTypes.ScopeAssigned, comment: command.Reason, data: Json(new { command.Scope, command.OrganizationId }));
        // Steps that activated while nobody held the scope get their task now.
        foreach (var step in definition.Steps.Where(s => s.Organization == command.Scope && s.Kind == StepKind.HumanTask))
        {
            // (A multi-party step without a named last party has no task of its own: its parties are added.)
            if (state.Steps.TryGetValue(step.Id, out var current) && current.Status == StepStatus.Active && step.Parties is not { Last: false }
                && !state.Tasks.Any(t => t.StepId == step.Id && t.Iteration == current.Iteration && t.PartyId is null))
            {
                OpenTask(step, current);
            }
        }
        return Accept();
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
                    Fault(Note("note.fault-loop", ("limit", MaxActivationsPerCommand)));
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
                Fault(Note("note.fault-stuck", ("steps", stuck)));
            }
            else
            {
                End(InstanceStatus.Completed, null);
                Write(JournalEntryTypes.InstanceCompleted);
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
        if (step.Join.Count > 0 && _joinsFired.Contains(step.Id))
        {
            // The other branches of a join that already fired in this decision: they were what it waited for. An
            // automatic (or skipped) join step is never "active", so without this it would run once per branch
            // (and, its tokens consumed, wait again).
            return;
        }
        if (step.Join.Count > 0 && !JoinSatisfied(step))
        {
            if (current.Status != StepStatus.Waiting)
            {
                current.Status = StepStatus.Waiting;
                var waitingFor = step.Join.Where(id => !Arrived(id, current));
                Write(JournalEntryTypes.StepWaiting, step, data: Json(new { waitingFor }));
            }
            return;
        }

        if (step.Join.Count > 0)
        {
            _joinsFired.Add(step.Id);
            current.JoinFiredSequence = state.JournalSequence;
        }
        current.Iteration++;
        current.ActivatedAt = now;
        current.FinishedAt = null;
        current.Outcome = null;
        current.SkipReason = null;
        current.SkipReasonText = null;

        if (step.When is { } when && !when.Evaluate(state.Attributes))
        {
            var values = string.Join(", ", when.Names().Distinct().Select(n => $"{n}={(state.Attributes.TryGetValue(n, out var v) && v ? "true" : "false")}"));
            var reason = step.Article is null
                ? Note("note.skipped.no-article", ("condition", when.ToString()), ("values", values))
                : Note("note.skipped", ("condition", when.ToString()), ("values", values), ("article", step.Article));
            Skip(current, reason);
            Finish(step, StepStatus.Skipped, null);
            Write(JournalEntryTypes.StepSkipped, step, comment: current.SkipReason, data: StoredTexts.WithComment(null, reason));
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
                Write(JournalEntryTypes.StepCompleted, step, outcome: "done");
                Follow(step.Next);
                break;
            case StepKind.Gate:
                var passed = step.Condition!.Evaluate(state.Attributes);
                Finish(step, StepStatus.Completed, passed ? "true" : "false");
                Write(JournalEntryTypes.GateEvaluated, step, outcome: passed ? "true" : "false", data: Json(new { condition = step.Condition.ToString() }));
                Follow(passed ? step.Next : step.Otherwise);
                break;
            case StepKind.Event:
                current.Status = StepStatus.Active;
                Write(JournalEntryTypes.SignalAwaited, step, data: Json(new { signal = step.Signal }));
                break;
            case StepKind.Timer:
                // A provisional end (a year without a calendar) never fires: the timer waits for the recount.
                var (dueAt, rule, provisional) = Deadline(step.Duration!, now);
                var timer = new WorkflowTimer
                {
                    Id = DeterministicId.For("timer", state.Id, step.Id, current.Iteration),
                    StepId = step.Id,
                    Iteration = current.Iteration,
                    DueAt = dueAt ?? DateTimeOffset.MaxValue,
                    DueRule = rule,
                    Provisional = provisional,
                    Status = TimerStatus.Scheduled,
                };
                state.Timers.Add(timer);
                current.Status = StepStatus.Active;
                Write(JournalEntryTypes.TimerScheduled, step, data: Json(new { timerId = timer.Id, dueAt, rule, provisional }));
                break;
            case StepKind.SubProcedure:
                StartChild(step, current);
                break;
        }
    }

    private void OpenTask(StepDefinition step, StepState current)
    {
        if (step.Parties is { Last: false } parties)
        {
            // No task of its own: the parties' tasks (added while it runs) complete it by the rule.
            current.Status = StepStatus.Active;
            Write(JournalEntryTypes.PartiesAwaited, step, data: Json(new { rule = parties.Completion.ToString(), role = parties.Role ?? step.Role }));
            return;
        }
        if (!state.Assignments.TryGetValue(step.Organization!, out var organizationId))
        {
            // Late assignment: the step is active and waits until its scope is assigned (AssignScope opens the task).
            current.Status = StepStatus.Active;
            Write(JournalEntryTypes.StepAwaitingAssignment, step, data: Json(new { scope = step.Organization }));
            return;
        }
        var (dueAt, dueRule, dueProvisional) = step.Due is { } due && Applies(due) ? Deadline(due, AnchorOr(due, now)) : (null, null, null);
        var (notBefore, notBeforeRule, notBeforeProvisional) = step.Minimum is { Restricts: PeriodRestriction.Task } minimum && Applies(minimum)
            ? Deadline(minimum, AnchorOr(minimum, now))
            : (null, null, null);
        var task = new WorkTask
        {
            Id = DeterministicId.For("task", state.Id, step.Id, current.Iteration),
            StepId = step.Id,
            Iteration = current.Iteration,
            Role = step.Role!,
            Scope = step.Organization!,
            OrganizationId = organizationId,
            Status = WorkTaskStatus.Open,
            CreatedAt = now,
            DueAt = dueAt,
            DueRule = dueRule,
            DueProvisional = dueProvisional,
            NotBefore = notBefore,
            NotBeforeRule = notBeforeRule,
            NotBeforeProvisional = notBeforeProvisional,
        };
        state.Tasks.Add(task);
        current.Status = StepStatus.Active;
        Write(JournalEntryTypes.TaskOpened, step, task.Id, data: Json(new
        {
            task.Role, task.Scope, task.OrganizationId, dueAt, dueRule, notBefore, notBeforeRule,
            dueProvisional, notBeforeProvisional,
        }));
    }

    private bool JoinSatisfied(StepDefinition step)
    {
        var join = state.Step(step.Id);
        return step.Join.All(id => Arrived(id, join));
    }

    /// <summary>
    /// Token join: <paramref name="listed"/> has completed or been skipped since <paramref name="join"/> last fired, so a
    /// loop that returns to before the join makes it wait again on the next pass.
    /// </summary>
    private bool Arrived(string listed, StepState join)
    {
        var step = state.Step(listed);
        return step.Status is StepStatus.Completed or StepStatus.Skipped
            && (join.JoinFiredSequence is not { } fired || (step.FinishedSequence ?? 0) > fired);
    }

    /// <summary>
    /// The end of a period counted from <paramref name="from"/>, or why it cannot be counted (never a guess). A period
    /// ending in a year without a holiday calendar has no end yet: only its earliest possible end, returned as
    /// <see cref="ProvisionalEnd"/> for <see cref="RecountDeadlines"/> to make final (issue 16 item 6).
    /// </summary>
    private (DateTimeOffset? EndsAt, string? Rule, ProvisionalEnd? Provisional) Deadline(Period period, DateTimeOffset from)
    {
        if (Resolve(period) is not var (days, counting, source))
        {
            // Cannot happen for an instance started by this engine (the start checks every setting); kept explicit
            // rather than guessed, like a missing calendar year.
            return (null, $"辖区设置“{period.Setting}”在本实例的辖区快照中不存在，无法计算期限。", null);
        }
        try
        {
            var deadline = deadlines.AfterDays(from, days, counting);
            return (deadline.EndsAtUtc, source + deadline.Explanation, null);
        }
        catch (CalendarYearMissingException e)
        {
            var atLeast = deadlines.AfterDaysAtLeast(from, days, counting);
            return atLeast.ProvisionalYear is { } year
                ? (null, source + atLeast.Explanation, new ProvisionalEnd(year, atLeast.EndsAtUtc, from))
                : (null, e.Message, null);
        }
    }

    /// <summary>See <see cref="WorkflowCommand.RecountDeadlines"/>.</summary>
    public Decision RecountDeadlines()
    {
        if (state.Status is not (InstanceStatus.Running or InstanceStatus.Suspended))
        {
            return Decision.Refuse(Ended());
        }
        var recounted = 0;
        foreach (var task in state.OpenTasks())
        {
            var step = definition.Step(task.StepId);
            if (task.DueProvisional is { } due && Countable(due) && step.Due is { } duePeriod)
            {
                var (dueAt, rule, still) = Deadline(duePeriod, due.From);
                (task.DueAt, task.DueRule, task.DueProvisional) = (dueAt, rule, still);
                Recounted(step, task.Id, "due", due, dueAt, rule, still);
                recounted++;
            }
            if (task.NotBeforeProvisional is { } minimum && Countable(minimum) && step.Minimum is { } minimumPeriod)
            {
                var (notBefore, rule, still) = Deadline(minimumPeriod, minimum.From);
                (task.NotBefore, task.NotBeforeRule, task.NotBeforeProvisional) = (notBefore, rule, still);
                Recounted(step, task.Id, "minimum", minimum, notBefore, rule, still);
                recounted++;
            }
        }
        foreach (var timer in state.Timers.Where(t => t.Status == TimerStatus.Scheduled))
        {
            var step = definition.Step(timer.StepId);
            if (timer.Provisional is { } end && Countable(end) && step.Duration is { } duration)
            {
                var (dueAt, rule, still) = Deadline(duration, end.From);
                (timer.DueAt, timer.DueRule, timer.Provisional) = (dueAt ?? DateTimeOffset.MaxValue, rule, still);
                Recounted(step, null, "timer", end, dueAt, rule, still, timer.Id);
                recounted++;
            }
        }
        if (recounted == 0)
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("no-provisional-deadline"));
        }
        return Accept();
    }

    /// <summary>Whether the year a provisional end waits for has its calendar now.</summary>
    private bool Countable(ProvisionalEnd end) => deadlines.Calendar.HasYear(end.Year);

    private void Recounted(StepDefinition step, Guid? taskId, string what, ProvisionalEnd before, DateTimeOffset? endsAt, string? rule, ProvisionalEnd? still,
        Guid? timerId = null)
    {
        var comment = still is null
            ? $"{before.Year}年节假日日历已加载，暂定期限（至少至{LocalDay(before.AtLeast)}）重新计算为至{(endsAt is { } e ? LocalDay(e) : "—")}。" +
              $"The {before.Year} holiday calendar is loaded: the provisional end (at least until {LocalDay(before.AtLeast)}) is counted again."
            : $"{before.Year}年节假日日历已加载，期限仍须等待{still.Year}年日历，至少至{LocalDay(still.AtLeast)}。" +
              $"The {before.Year} calendar is loaded; the end still waits for the {still.Year} calendar, at least until {LocalDay(still.AtLeast)}.";
        Write(JournalEntryTypes.DeadlineRecounted, step, taskId, comment: comment, data: Json(new
        {
            what, timerId, calendarYear = before.Year, from = before.From, previousAtLeast = before.AtLeast, endsAt, rule, provisional = still,
        }));
    }

    /// <summary>
    /// The days and counting of <paramref name="period"/>: fixed, or from the instance's jurisdiction snapshot, with
    /// a prefix for the rule text naming the setting, its article and the jurisdiction; null if the setting is absent.
    /// </summary>
    /// <summary>
    /// The citation of a refusal on <paramref name="period"/>: the definition's own for the period; without one, the
    /// jurisdiction setting's article when the period names a setting that carries one (a setting is the jurisdiction's
    /// rule, e.g. the 30 days of a consultation tied to market actors, not the generic 7 working days); else the step's.
    /// </summary>
    private string? Cited(Period period, StepDefinition step) =>
        period.Article
        ?? (period.Setting is { } name && state.Jurisdiction?.Periods.GetValueOrDefault(name)?.Article is { } setting ? setting : null)
        ?? step.Article;

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
        if (status is StepStatus.Completed or StepStatus.Skipped)
        {
            // The entry written next records it; a join fired before this sequence has not consumed it.
            current.FinishedSequence = state.JournalSequence + 1;
        }
    }

    /// <summary>The instance cannot go on: faulted, with <paramref name="incident"/> as its reason and the journal's comment.</summary>
    private void Fault(CatalogText incident)
    {
        End(InstanceStatus.Faulted, Chinese(incident), incident);
        Write(JournalEntryTypes.InstanceFaulted, comment: state.StatusReason, data: StoredTexts.WithComment(null, incident));
    }

    private void End(InstanceStatus status, string? reason, CatalogText? text = null)
    {
        state.Status = status;
        state.StatusReason = reason;
        state.StatusReasonText = text is null ? null : StoredText.Of(text);
        state.EndedAt = now;
    }

    /// <summary>
    /// A text the engine writes into the state or the journal (a fault, a skip reason): from its catalog, kept as
    /// its zh-CN text and its code and arguments, so a reader gets it in their language (issue 12 item 5).
    /// </summary>
    private static CatalogText Note(string key, params (string Name, object? Value)[] arguments) => EngineTexts.Catalog.Line(key, arguments);

    private static string Chinese(CatalogText text) => text.ToText(TextCatalog.Chinese);

    private static void Skip(StepState step, CatalogText reason)
    {
        step.SkipReason = Chinese(reason);
        step.SkipReasonText = StoredText.Of(reason);
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

    /// <summary>A command's JSON data nested in a journal entry's own data (the server passes serialized, valid JSON).</summary>
    private static JsonElement? Embed(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, InstanceStateJson.Options);
}
