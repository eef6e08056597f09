using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// Runs one command against one instance: replay if its key was seen, else load, let the engine decide, and apply
/// the decision (state, task projection, journal, idempotency record) in one transaction guarded by the
/// instance's version. A concurrent writer makes the save fail and the command is decided again on fresh state,
/// so two requests can never both transition from the same state.
/// </summary>
public sealed partial class InstanceCommandService(
    WorkflowDbContext db, DefinitionRegistry registry, WorkflowEngine engine, TimeProvider clock,
    IEnumerable<IStepCompletionGuard> guards, ILogger<InstanceCommandService> logger,
    IEnumerable<IInstanceTransitionObserver> observers, JournalSeal seal, AssignmentResolver resolver, DeadlineCalculator deadlines)
{
    private const int MaxAttempts = 5;

    /// <remarks>
    /// <c>alongside</c> adds the domain rows that belong to this command (a meeting's record, an expert's opinion …)
    /// to the context; they are saved in the same transaction as the state and the journal, or not at all. It is
    /// called again on each retry (the change tracker is cleared between attempts), with the accepted decision. What
    /// it returns is the response body (stored under the idempotency key and replayed to a retry); null answers with
    /// the instance view. It may refuse by throwing <see cref="CommandRefusedException"/>; then nothing is written.
    /// </remarks>
    public Task<CommandResult> ExecuteAsync(
        IdempotencyKey key, Guid instanceId, WorkflowCommand command, Actor actor, int successStatus, CancellationToken cancellationToken,
        Func<Decision, CancellationToken, Task<object?>>? alongside = null) =>
        RunAsync(key, instanceId, command, actor, successStatus, newMatterDefinition: null, cancellationToken, alongside);

    /// <summary>
    /// Completes a task known only by its id: its instance is loaded through the task in one query (no separate look-up
    /// of the task's instance first), and a task that does not exist is refused <c>not-found.task</c> (404). Otherwise
    /// exactly <see cref="ExecuteAsync(IdempotencyKey, Guid, WorkflowCommand, Actor, int, CancellationToken, Func{Decision, CancellationToken, Task{object?}}?)"/>.
    /// </summary>
    public Task<CommandResult> CompleteTaskAsync(
        IdempotencyKey key, WorkflowCommand.CompleteTask command, Actor actor, int successStatus, CancellationToken cancellationToken) =>
        RunAsync(key, instanceId: null, command, actor, successStatus, newMatterDefinition: null, cancellationToken, alongside: null);

    /// <summary>
    /// Starts the procedure of a matter that this same transaction creates: <paramref name="alongside"/> adds the matter
    /// row (and the domain rows that come with it), so the matter, those rows and the started instance are committed
    /// together or not at all. A normative document's drafting uses it: a document never exists without its procedure.
    /// </summary>
    /// <remarks><c>definitionId</c> is the new matter's definition (the matter is not stored yet, so it cannot be read).</remarks>
    public Task<CommandResult> StartNewMatterAsync(
        IdempotencyKey key, string definitionId, WorkflowCommand.Start command, Actor actor, CancellationToken cancellationToken,
        Func<Decision, CancellationToken, Task> alongside) =>
        RunAsync(key, command.InstanceId, command, actor, StatusCodes.Status201Created, definitionId, cancellationToken, async (decision, token) =>
        {
            await alongside(decision, token);
            return null;
        });

    /// <remarks><c>instanceId</c> null: the instance of the task <c>command</c> completes (<see cref="CompleteTaskAsync"/>).</remarks>
    private async Task<CommandResult> RunAsync(
        IdempotencyKey key, Guid? instanceId, WorkflowCommand command, Actor actor, int successStatus, string? newMatterDefinition,
        CancellationToken cancellationToken, Func<Decision, CancellationToken, Task<object?>>? alongside)
    {
        // One connection for the whole command (the replay check, the load, the guards, the transaction): EF would
        // otherwise take a pooled connection and give it back around every query (issue 21 goal 2).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await RunOnConnectionAsync(key, instanceId, command, actor, successStatus, newMatterDefinition, cancellationToken, alongside);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<CommandResult> RunOnConnectionAsync(
        IdempotencyKey key, Guid? instanceId, WorkflowCommand command, Actor actor, int successStatus, string? newMatterDefinition,
        CancellationToken cancellationToken, Func<Decision, CancellationToken, Task<object?>>? alongside)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            if (await ReplayAsync(key, cancellationToken) is { } seen)
            {
                return seen;
            }

            // A refusal is checked against the key once more: a concurrent request with the same key may have
            // committed after the check above and before the load, and the state it left (task done, instance
            // started) is then why this one is refused. The retry must get that request's answer, not the refusal.
            var (record, state, definition, refusal) = await LoadAsync(instanceId, command, newMatterDefinition, cancellationToken);
            if (refusal is not null)
            {
                return await ReplayAsync(key, cancellationToken) ?? CommandResult.Refused(refusal);
            }
            var now = clock.GetUtcNow();
            if (command is WorkflowCommand.CompleteTask complete
                && await GuardRefusalsAsync(record!, state!, definition!, complete, actor, now, cancellationToken) is { Count: > 0 } guarded)
            {
                return await ReplayAsync(key, cancellationToken) ?? CommandResult.Refused([.. guarded]);
            }
            if (command is WorkflowCommand.CompleteTask { Finished: null } completing && state is not null && state.Tasks.All(t => t.Id != completing.TaskId))
            {
                // A finished task leaves the bounded state: its row tells the engine who completed it (task-not-open).
                command = completing with { Finished = await TaskHistory.FinishedAsync(db, state.Id, completing.TaskId, cancellationToken) };
            }
            var decision = engine.Decide(definition!, state, command, actor, now);
            if (!decision.Accepted)
            {
                return await ReplayAsync(key, cancellationToken) ?? CommandResult.Refused([.. decision.Refusals]);
            }

            // A migration's decision is on the version it moves to; every other decision on the pinned one.
            var decided = command is WorkflowCommand.Migrate migrate ? migrate.To : definition!;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The whole transaction is rolled back on failure, so EF's savepoint around SaveChanges is two wasted
            // round trips per command (measured by bench/).
            db.Database.AutoSavepointsEnabled = false;
            await ApplyAsync(record, state, decision, decided, cancellationToken);
            object? body;
            try
            {
                body = alongside is null ? null : await alongside(decision, cancellationToken);
            }
            catch (CommandRefusedException refused)
            {
                // The domain found a reason to refuse only once it had the decision: nothing is written.
                await transaction.RollbackAsync(cancellationToken);
                return CommandResult.Refused([.. refused.Refusals]);
            }
            foreach (var observer in observers)
            {
                // Timer rows and outbox mails caused by this transition, in the same transaction (Scheduling/).
                await observer.OnDecidedAsync(state, decision.State!, cancellationToken);
            }
            // Other instances this decision touches (a sub-procedure's child started or cancelled, a parent told of its
            // child's end), in this transaction; a child that refuses to start refuses this command whole.
            if (await HostAsync(state, decision, actor, now, depth: 0, orderedByParent: false, cancellationToken) is { Count: > 0 } childRefused)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await ReplayAsync(key, cancellationToken) ?? CommandResult.Refused([.. childRefused]);
            }
            // A child that ended at once has moved this instance on again (its row is tracked): answer with where it is now.
            var final = decision.Children.Count == 0 ? decision.State! : InstanceStateJson.Deserialize(db.Instances.Local.Single(i => i.Id == decision.State!.Id).StateJson);
            var response = ApiJson.Serialize(body ?? InstanceView.From(final, decided));
            db.ProcessedCommands.Add(new ProcessedCommand
            {
                Key = key.Key,
                RequestHash = key.RequestHash,
                InstanceId = instanceId ?? record!.Id,
                StatusCode = successStatus,
                ResponseJson = response,
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                foreach (var observer in observers)
                {
                    await observer.OnCommittedAsync(cancellationToken);
                }
                return new CommandResult(successStatus, response, Replayed: false, []);
            }
            catch (Exception e) when (attempt < MaxAttempts && DatabaseFailure.IsConflict(e))
            {
                // Another request changed the instance (version check) or stored the same key first (unique key):
                // decide again on what is now stored; the replay check above answers the duplicate. Any other failure
                // (a constraint, a value the column cannot hold) is not a race: it propagates on the first attempt
                // (ApiExceptionHandler logs it as an error). Disposing the transaction rolls it back.
                LogRetry(logger, instanceId ?? record!.Id, attempt, DatabaseFailure.Describe(e));
            }
        }
    }

    /// <summary>
    /// Runs commands on distinct instances in one transaction (one commit for all, as the timer sweep fires a burst of
    /// due timers: docs/deadlines-and-mail.md, "Bursts"). Each accepted command writes exactly what
    /// <see cref="ExecuteAsync(IdempotencyKey, Guid, WorkflowCommand, Actor, int, CancellationToken, Func{Decision, CancellationToken, Task{object?}}?)"/>
    /// writes (state, tasks, journal, observers' rows, idempotency record under its key), guarded by the same version
    /// check. Whatever the batch cannot settle on its own goes through that one-command path afterwards, so it gets
    /// the same answer as ever: a key already seen (replay), a command the engine refuses, a second command on an
    /// instance already in the batch, and every command of the batch when its save meets a concurrent writer (the
    /// whole transaction is rolled back first).
    /// </summary>
    /// <remarks>
    /// <c>claim</c>, if given, is called first inside the transaction and returns the items to go on with (e.g. those
    /// whose timer rows this node could lock); the others are left alone and answered null.
    /// </remarks>
    public async Task<IReadOnlyList<CommandResult?>> ExecuteBatchAsync(
        IReadOnlyList<BatchedCommand> items, Actor actor, int successStatus,
        Func<IReadOnlyList<BatchedCommand>, CancellationToken, Task<IReadOnlyList<BatchedCommand>>>? claim, CancellationToken cancellationToken)
    {
        var results = new CommandResult?[items.Count];
        var oneByOne = new List<int>();
        var accepted = new List<(int Index, string Response)>();
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Database.AutoSavepointsEnabled = false;
            var claimed = (claim is null ? items : await claim(items, cancellationToken)).ToHashSet(ReferenceEqualityComparer.Instance);
            var keys = items.Where(claimed.Contains).Select(i => i.Key.Key).ToList();
            var seen = (await db.ProcessedCommands.AsNoTracking().Where(c => keys.Contains(c.Key)).Select(c => c.Key).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var ids = items.Where(claimed.Contains).Select(i => i.InstanceId).Distinct().ToList();
            var records = await db.Instances.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
            var inBatch = new HashSet<Guid>();
            var now = clock.GetUtcNow();
            for (var index = 0; index < items.Count; index++)
            {
                var item = items[index];
                if (!claimed.Contains(item))
                {
                    continue;
                }
                // Start, task completion (domain guards) and migration keep their own path; so does anything unusual.
                if (item.Command is WorkflowCommand.Start or WorkflowCommand.CompleteTask or WorkflowCommand.Migrate
                    || seen.Contains(item.Key.Key) || !records.TryGetValue(item.InstanceId, out var record) || !inBatch.Add(item.InstanceId))
                {
                    oneByOne.Add(index);
                    continue;
                }
                var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, cancellationToken);
                var state = InstanceStateJson.Deserialize(record.StateJson);
                var decision = engine.Decide(definition, state, item.Command, actor, now);
                // A refusal is answered by the one-command path; so is a decision that touches other instances (a
                // timer leading into a sub-procedure step, a child's last timer): that path runs them in its transaction.
                if (!decision.Accepted || TouchesOthers(state, decision))
                {
                    oneByOne.Add(index);
                    continue;
                }
                await ApplyAsync(record, state, decision, definition, cancellationToken);
                var response = ApiJson.Serialize(InstanceView.From(decision.State!, definition));
                foreach (var observer in observers)
                {
                    await observer.OnDecidedAsync(state, decision.State!, cancellationToken);
                }
                db.ProcessedCommands.Add(new ProcessedCommand
                {
                    Key = item.Key.Key,
                    RequestHash = item.Key.RequestHash,
                    InstanceId = item.InstanceId,
                    StatusCode = successStatus,
                    ResponseJson = response,
                    CreatedAt = clock.GetUtcNow(),
                });
                accepted.Add((index, response));
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (DatabaseFailure.IsConflict(e))
            {
                // A concurrent writer (another node's firing of one of these, a request on one of the instances):
                // roll back everything and let the one-command path decide each on what is now stored.
                LogBatchConflict(logger, accepted.Count, DatabaseFailure.Describe(e));
                await transaction.RollbackAsync(CancellationToken.None);
                oneByOne.AddRange(accepted.Select(a => a.Index));
                accepted.Clear();
            }
        }
        if (accepted.Count > 0)
        {
            foreach (var observer in observers)
            {
                await observer.OnCommittedAsync(cancellationToken);
            }
        }
        foreach (var (index, response) in accepted)
        {
            results[index] = new CommandResult(successStatus, response, Replayed: false, []);
        }
        foreach (var index in oneByOne.Order())
        {
            var item = items[index];
            results[index] = await RunAsync(item.Key, item.InstanceId, item.Command, actor, successStatus, newMatterDefinition: null, cancellationToken, alongside: null);
        }
        return results;
    }

    /// <summary>As above, for domain writes that answer with the instance view.</summary>
    public Task<CommandResult> ExecuteAsync(
        IdempotencyKey key, Guid instanceId, WorkflowCommand command, Actor actor, int successStatus, CancellationToken cancellationToken,
        Func<Decision, CancellationToken, Task> alongside) =>
        ExecuteAsync(key, instanceId, command, actor, successStatus, cancellationToken, async (decision, token) =>
        {
            await alongside(decision, token);
            return null;
        });

    /// <summary>The domain preconditions of the task's step (<see cref="IStepCompletionGuard"/>); the engine checks the rest.</summary>
    private async Task<IReadOnlyList<Refusal>> GuardRefusalsAsync(
        InstanceRecord record, InstanceState state, ProcedureDefinition definition, WorkflowCommand.CompleteTask command, Actor actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var task = state.Tasks.FirstOrDefault(t => t.Id == command.TaskId);
        // Someone who may not do the task at all is told so by the engine (403), not what the step still lacks.
        if (task is not { Status: WorkTaskStatus.Open } || state.Status != InstanceStatus.Running || !actor.Holds(task.Role, task.OrganizationId))
        {
            return [];
        }
        var context = new StepCompletionContext(record.MatterId, state, definition, task, command.Outcome, command.Comment, command.DataJson, actor, now);
        var refusals = new List<Refusal>();
        foreach (var guard in guards.Where(g => g.Steps.Contains(task.StepId)))
        {
            refusals.AddRange(await guard.CheckAsync(context, cancellationToken));
        }
        return refusals;
    }

    private Task<CommandResult?> ReplayAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        CommandReplay.FindAsync(db, key, cancellationToken);

    private async Task<(InstanceRecord? Record, InstanceState? State, ProcedureDefinition? Definition, Refusal? Refusal)> LoadAsync(
        Guid? instanceId, WorkflowCommand command, string? newMatterDefinition, CancellationToken cancellationToken)
    {
        if (command is WorkflowCommand.Start start)
        {
            var matterId = Guid.Parse(start.MatterId);
            if (await db.Instances.AnyAsync(i => i.MatterId == matterId, cancellationToken))
            {
                return (null, null, null, ProblemTexts.Catalog.Conflict("instance-exists.matter"));
            }
            var definitionId = newMatterDefinition ?? await db.Matters.Where(m => m.Id == matterId).Select(m => m.DefinitionId).SingleAsync(cancellationToken);
            var latest = registry.Latest(definitionId);
            return latest is null
                ? (null, null, null, ProblemTexts.Catalog.Conflict("definition-not-installed", null, ("definition", definitionId)))
                : (null, null, latest, null);
        }
        InstanceRecord? record;
        if (instanceId is null)
        {
            var taskId = ((WorkflowCommand.CompleteTask)command).TaskId;
            record = await db.Instances.SingleOrDefaultAsync(i => db.Tasks.Any(t => t.Id == taskId && t.InstanceId == i.Id), cancellationToken);
            if (record is null)
            {
                return (null, null, null, ProblemTexts.Catalog.NotFound("not-found.task"));
            }
        }
        else
        {
            record = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
            if (record is null)
            {
                return (null, null, null, EngineTexts.Catalog.NotFound("instance-not-found"));
            }
        }
        var definition = await registry.GetAsync(record.DefinitionId, record.DefinitionVersion, db, cancellationToken);
        return (record, InstanceStateJson.Deserialize(record.StateJson), definition, null);
    }

    private async Task ApplyAsync(InstanceRecord? record, InstanceState? before, Decision decision, ProcedureDefinition definition, CancellationToken cancellationToken)
    {
        var after = decision.State!;
        var now = clock.GetUtcNow();
        if (record is null)
        {
            db.Instances.Add(new InstanceRecord
            {
                Id = after.Id,
                MatterId = Guid.Parse(after.MatterId),
                DefinitionId = after.DefinitionId,
                DefinitionVersion = after.DefinitionVersion,
                Status = after.Status.ToString(),
                StateJson = InstanceStateJson.Serialize(after),
                Version = after.Version,
                StartedAt = after.StartedAt,
                UpdatedAt = now,
            });
        }
        else
        {
            // The version read is the original value EF checks in the UPDATE's WHERE clause.
            record.StateJson = InstanceStateJson.Serialize(after);
            record.Status = after.Status.ToString();
            record.Version = after.Version;
            record.DefinitionVersion = after.DefinitionVersion;
            record.UpdatedAt = now;
        }

        var previous = before?.Tasks.ToDictionary(t => t.Id) ?? [];
        // A migration moves tasks to the new version's step ids: their rows follow (id and title).
        // A recount (RecountDeadlines) gives a provisional due date its final value: the row follows.
        var changed = after.Tasks.Where(t => !previous.TryGetValue(t.Id, out var old) || old.Status != t.Status || old.StepId != t.StepId || old.DueAt != t.DueAt).ToList();
        var changedIds = changed.Select(t => t.Id).ToList();
        // No task changed (a timer that fires into an end step, a recorded event): no query.
        var existing = changedIds.Count == 0
            ? new Dictionary<Guid, TaskRecord>()
            : await db.Tasks.Where(t => changedIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        foreach (var task in changed)
        {
            // A row this transaction added (a child's task, changed again when the child ends at once) is not stored yet.
            if (!existing.TryGetValue(task.Id, out var row) && (row = db.Tasks.Local.FirstOrDefault(t => t.Id == task.Id)) is null)
            {
                row = new TaskRecord
                {
                    Id = task.Id,
                    InstanceId = after.Id,
                    MatterId = Guid.Parse(after.MatterId),
                    StepId = task.StepId,
                    Iteration = task.Iteration,
                    Title = definition.Step(task.StepId).Title,
                    Role = task.Role,
                    OrganizationId = task.OrganizationId,
                    Status = task.Status.ToString(),
                    CreatedAt = task.CreatedAt,
                    DueAt = task.DueAt,
                    PartyId = task.PartyId,
                    PartyName = task.PartyName,
                };
                db.Tasks.Add(row);
            }
            if (row.StepId != task.StepId)
            {
                row.StepId = task.StepId;
                row.Title = definition.Step(task.StepId).Title;
            }
            row.Status = task.Status.ToString();
            row.DueAt = task.DueAt;
            row.CompletedAt = task.CompletedAt;
            row.CompletedBy = task.CompletedBy;
            row.Outcome = task.Outcome;
        }

        db.Journal.AddRange(decision.Journal.Select(e => seal.Sealed(new JournalRecord
        {
            InstanceId = e.InstanceId,
            Sequence = e.Sequence,
            Type = e.Type,
            StepId = e.StepId,
            Iteration = e.Iteration,
            TaskId = e.TaskId,
            ActorId = e.ActorId,
            ActorName = e.ActorName,
            OccurredAt = e.OccurredAt,
            Outcome = e.Outcome,
            Comment = e.Comment,
            DataJson = e.DataJson,
            PreviousHash = e.PreviousHash,
            Hash = e.Hash,
            HashAlgorithm = e.HashAlgorithm,
        })));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} commands met a concurrent writer ({Reason}); each goes through the one-command path")]
    private static partial void LogBatchConflict(ILogger logger, int count, string reason);

    /// <remarks>An expected race: logged low and without a stack trace.</remarks>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId}: concurrent change, deciding again (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid instanceId, int attempt, string reason);
}

/// <summary>One command of <see cref="InstanceCommandService.ExecuteBatchAsync"/>.</summary>
public sealed record BatchedCommand(IdempotencyKey Key, Guid InstanceId, WorkflowCommand Command);
