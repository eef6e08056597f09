using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Definitions;

namespace RuleOfLaw.Workflow.Engine.Execution;

/// <summary>Multi-party steps: one task per party, a completion rule, optionally a named party who acts last.</summary>
internal sealed partial class InstanceRun
{
    /// <summary>What a multi-party step's parties have done in its current iteration (removed parties do not count).</summary>
    private sealed record PartyTally(int Parties, int Completed, int Needed, IReadOnlyList<WorkTask> Open)
    {
        public bool Met => Parties > 0 && Completed >= Needed;
    }

    private PartyTally Tally(StepDefinition step)
    {
        var iteration = state.Step(step.Id).Iteration;
        var tasks = state.Tasks.Where(t => t.StepId == step.Id && t.Iteration == iteration && t.PartyId is not null && t.RemovedReason is null).ToList();
        return new PartyTally(tasks.Count, tasks.Count(t => t.Status == WorkTaskStatus.Completed), step.Parties!.Completion.Needed(tasks.Count),
            tasks.Where(t => t.Status == WorkTaskStatus.Open).ToList());
    }

    public Decision AddParty(WorkflowCommand.AddParty command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        var step = definition.Steps.FirstOrDefault(s => s.Id == command.StepId);
        if (step?.Parties is not { } parties)
        {
            return Decision.Refuse(new Refusal("step-has-no-parties",
                $"步骤“{command.StepId}”不是多方办理的步骤。The step '{command.StepId}' does not take parties.", step?.Article));
        }
        if (!IsActive(step))
        {
            return Decision.Refuse(new Refusal("step-not-active", $"“{step.Title}”当前未在办理，不能增加参与方。The step is not active.", step.Article));
        }
        if (string.IsNullOrWhiteSpace(command.PartyId) || string.IsNullOrWhiteSpace(command.PartyName))
        {
            return Decision.Refuse(new Refusal("party-required", "须写明参与方。The party (id and name) is required."));
        }
        var current = state.Step(step.Id);
        var mine = state.Tasks.Where(t => t.StepId == step.Id && t.Iteration == current.Iteration && t.PartyId == command.PartyId).ToList();
        if (mine.Any(t => t.RemovedReason is null))
        {
            return Decision.Refuse(new Refusal("party-already-added",
                $"“{command.PartyName}”已是“{step.Title}”的参与方。{command.PartyName} is already a party to this step.", step.Article));
        }
        if (parties.Last && state.Tasks.Any(t => t.StepId == step.Id && t.Iteration == current.Iteration && t.PartyId is null && t.Status != WorkTaskStatus.Open))
        {
            return Decision.Refuse(new Refusal("step-decided", $"“{step.Title}”已作出决定，不能再增加参与方。The step is decided.", step.Article));
        }
        if (!state.Assignments.TryGetValue(step.Organization!, out var organization))
        {
            return Decision.Refuse(new Refusal("scope-unassigned",
                $"“{step.Title}”的职责“{step.Organization}”尚未指定承担单位，不能增加参与方。No organization holds the scope {step.Organization} yet.", step.Article));
        }
        var task = new WorkTask
        {
            Id = DeterministicId.For("party", state.Id, $"{step.Id}/{command.PartyId}/{mine.Count}", current.Iteration),
            StepId = step.Id,
            Iteration = current.Iteration,
            Role = parties.Role ?? step.Role!,
            Scope = step.Organization!,
            OrganizationId = organization,
            Status = WorkTaskStatus.Open,
            CreatedAt = now,
            PartyId = command.PartyId,
            PartyName = command.PartyName,
        };
        state.Tasks.Add(task);
        Write(JournalEntryTypes.PartyAdded, step, task.Id, comment: command.Reason, data: Json(new { partyId = task.PartyId, partyName = task.PartyName, task.Role, task.OrganizationId }));
        return Settle();
    }

    public Decision RemoveParty(WorkflowCommand.RemoveParty command)
    {
        if (NotRunning() is { } refusal)
        {
            return Decision.Refuse(refusal);
        }
        var task = state.Tasks.FirstOrDefault(t => t.Id == command.TaskId && t.PartyId is not null);
        if (task is null)
        {
            return Decision.Refuse(new Refusal("task-not-found", "该参与方任务不属于此流程实例。No such party task in this instance."));
        }
        var step = definition.Step(task.StepId);
        if (task.Status != WorkTaskStatus.Open)
        {
            return Decision.Refuse(new Refusal("task-not-open",
                $"“{task.PartyName}”的任务已{(task.Status == WorkTaskStatus.Completed ? "办理完毕，其意见保留在记录中" : "取消")}，不能移除。The party's task is no longer open.", step.Article));
        }
        if (MissingReason(command.Reason) is { } missing)
        {
            return Decision.Refuse(missing);
        }
        task.Status = WorkTaskStatus.Cancelled;
        task.RemovedReason = command.Reason;
        Write(JournalEntryTypes.PartyRemoved, step, task.Id, comment: command.Reason, data: Json(new { partyId = task.PartyId, partyName = task.PartyName }));
        CompleteByRule(step);
        return Settle();
    }

    private Decision CompletePartyTask(WorkflowCommand.CompleteTask command, StepDefinition step, WorkTask task)
    {
        var parties = step.Parties!;
        var recorder = parties.RecorderRole is { } role && state.Assignments.TryGetValue(parties.RecorderOrganization!, out var office) && actor.Holds(role, office);
        if (!recorder && !(actor.Id == task.PartyId && actor.Holds(task.Role, task.OrganizationId)))
        {
            return Decision.Refuse(new Refusal("not-authorized-for-task",
                $"该任务须由参与方“{task.PartyName}”本人办理{(parties.RecorderRole is null ? "" : $"，或由“{parties.RecorderRole}”代为记录")}。" +
                $"Only the party {task.PartyName}{(parties.RecorderRole is null ? "" : $" or a '{parties.RecorderRole}' recording for them")} may complete this task.", step.Article));
        }
        if (WrongCommand(step, command) is { } wrongCommand)
        {
            return Decision.Refuse(wrongCommand);
        }
        var outcome = step.PartyOutcomes.FirstOrDefault(o => o.Id == command.Outcome);
        if (outcome is null)
        {
            return Decision.Refuse(UnknownOutcome(step, step.PartyOutcomes, command.Outcome));
        }
        if (outcome.CommentRequired && string.IsNullOrWhiteSpace(command.Comment))
        {
            return Decision.Refuse(CommentRequired(step, outcome));
        }
        Close(task, outcome.Id, command);
        Write(JournalEntryTypes.PartyTaskCompleted, step, task.Id, outcome.Id, command.Comment, Json(new
        {
            partyId = task.PartyId,
            partyName = task.PartyName,
            data = Embed(command.DataJson),
        }));
        CompleteByRule(step);
        return Settle();
    }

    /// <summary>Without a named last party, the step completes as soon as its rule is met (open parties are no longer needed).</summary>
    private void CompleteByRule(StepDefinition step)
    {
        if (step.Parties is not { Last: false } || !IsActive(step) || Tally(step) is not { Met: true } tally)
        {
            return;
        }
        CancelOpenParties(step);
        Finish(step, StepStatus.Completed, PartiesDone);
        Write(JournalEntryTypes.StepCompleted, step, outcome: PartiesDone, data: Json(new { rule = step.Parties.Completion.ToString(), tally.Parties, tally.Completed }));
        Follow(step.Next);
    }

    /// <summary>The outcome of a multi-party step completed by its rule.</summary>
    public const string PartiesDone = "parties-done";

    /// <summary>The named last party acts only once the parties' rule is met (第三十条: the head speaks after every member).</summary>
    private Refusal? PartiesNotDone(StepDefinition step, WorkTask task)
    {
        if (step.Parties is not { Last: true } parties || Tally(step) is { Met: true })
        {
            return null;
        }
        var tally = Tally(step);
        var waiting = tally.Open.Select(t => t.PartyName).ToList();
        return new Refusal("parties-not-done",
            tally.Parties == 0
                ? $"“{step.Title}”尚无参与方，{task.Role}应在各参与方之后办理。There are no parties yet; the step's own task comes after them."
                : $"“{step.Title}”须待参与方办理后（规则：{parties.Completion}，已办理{tally.Completed}/{tally.Needed}）方可办理；尚未办理：{string.Join("、", waiting)}。" +
                  $"The parties come first (rule {parties.Completion}: {tally.Completed} of {tally.Needed}); not yet: {string.Join(", ", waiting)}.",
            step.Article);
    }

    private void CancelOpenParties(StepDefinition step)
    {
        if (step.Parties is null)
        {
            return;
        }
        foreach (var open in Tally(step).Open)
        {
            open.Status = WorkTaskStatus.Cancelled;
        }
    }
}
