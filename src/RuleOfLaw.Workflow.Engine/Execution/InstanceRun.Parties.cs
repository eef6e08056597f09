using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Texts;

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
            return Decision.Refuse(EngineTexts.Catalog.Conflict("step-has-no-parties", step?.Article, ("step", command.StepId)));
        }
        if (!IsActive(step))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("step-not-active", step.Article, ("title", EngineTexts.Title(step))));
        }
        if (string.IsNullOrWhiteSpace(command.PartyId) || string.IsNullOrWhiteSpace(command.PartyName))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("party-required"));
        }
        var current = state.Step(step.Id);
        var mine = state.Tasks.Where(t => t.StepId == step.Id && t.Iteration == current.Iteration && t.PartyId == command.PartyId).ToList();
        if (mine.Any(t => t.RemovedReason is null))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("party-already-added", step.Article, ("party", command.PartyName), ("title", EngineTexts.Title(step))));
        }
        if (parties.Last && state.Tasks.Any(t => t.StepId == step.Id && t.Iteration == current.Iteration && t.PartyId is null && t.Status != WorkTaskStatus.Open))
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict("step-decided", step.Article, ("title", EngineTexts.Title(step))));
        }
        var scope = parties.Organization ?? step.Organization!;
        if (!state.Assignments.TryGetValue(scope, out var organization))
        {
            return Decision.Refuse(EngineTexts.Catalog.Invalid("scope-unassigned.parties", step.Article, ("title", EngineTexts.Title(step)), ("scope", scope)));
        }
        var task = new WorkTask
        {
            Id = DeterministicId.For("party", state.Id, $"{step.Id}/{command.PartyId}/{mine.Count}", current.Iteration),
            StepId = step.Id,
            Iteration = current.Iteration,
            Role = parties.Role ?? step.Role!,
            Scope = scope,
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
            return Decision.Refuse(EngineTexts.Catalog.NotFound("task-not-found.party"));
        }
        var step = definition.Step(task.StepId);
        if (task.Status != WorkTaskStatus.Open)
        {
            return Decision.Refuse(EngineTexts.Catalog.Conflict(task.Status == WorkTaskStatus.Completed ? "task-not-open.party-completed" : "task-not-open.party-cancelled", step.Article,
                ("party", task.PartyName)));
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
            return Decision.Refuse(parties.RecorderRole is null
                ? EngineTexts.Catalog.Forbidden("not-authorized-for-task.party", step.Article, ("party", task.PartyName))
                : EngineTexts.Catalog.Forbidden("not-authorized-for-task.party-or-recorder", step.Article, ("party", task.PartyName), ("recorder", parties.RecorderRole)));
        }
        if (WrongCommand(step, parties.CompletedBy ?? step.CompletedBy, command) is { } wrongCommand)
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
        return tally.Parties == 0
            ? EngineTexts.Catalog.Conflict("parties-not-done.none", step.Article, ("title", EngineTexts.Title(step)), ("role", task.Role))
            : EngineTexts.Catalog.Conflict("parties-not-done", step.Article, ("title", EngineTexts.Title(step)), ("rule", parties.Completion.ToString()),
                ("completed", tally.Completed), ("needed", tally.Needed), ("waiting", waiting));
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
