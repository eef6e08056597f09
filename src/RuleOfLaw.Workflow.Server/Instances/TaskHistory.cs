using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Instances;

/// <summary>
/// A task that has left the bounded instance state (a finished task of an earlier pass, see the engine's
/// <c>InstanceRun.Bounded</c>), read back from where its history is kept: its task row (status, who, when, outcome) and
/// its journal entries (the due-date rules when it opened, the completing person's name and comment, a party's
/// removal). Only read when the state no longer holds the task, so the usual paths cost nothing more.
/// </summary>
public static class TaskHistory
{
    /// <summary>The task as it was when it finished, or null if no row of <paramref name="instanceId"/> has that id.</summary>
    public static async Task<WorkTask?> FindAsync(WorkflowDbContext db, Guid instanceId, Guid taskId, CancellationToken ct)
    {
        var row = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId && t.InstanceId == instanceId, ct);
        if (row is null)
        {
            return null;
        }
        var entries = await db.Journal.AsNoTracking().Where(e => e.InstanceId == instanceId && e.TaskId == taskId)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var opened = entries.FirstOrDefault(e => e.Type is JournalEntryTypes.TaskOpened or JournalEntryTypes.PartyAdded);
        var rules = opened is null ? null : JsonSerializer.Deserialize<OpenedData>(opened.DataJson, InstanceStateJson.Options);
        var completed = entries.LastOrDefault(e => e.Type is JournalEntryTypes.TaskCompleted or JournalEntryTypes.PartyTaskCompleted);
        var removed = entries.LastOrDefault(e => e.Type == JournalEntryTypes.PartyRemoved);
        return new WorkTask
        {
            Id = row.Id,
            StepId = row.StepId,
            Iteration = row.Iteration,
            Role = row.Role,
            Scope = rules?.Scope ?? "",
            OrganizationId = row.OrganizationId,
            Status = Enum.Parse<WorkTaskStatus>(row.Status),
            CreatedAt = row.CreatedAt,
            DueAt = row.DueAt,
            DueRule = rules?.DueRule,
            DueProvisional = rules?.DueProvisional,
            NotBefore = rules?.NotBefore,
            NotBeforeRule = rules?.NotBeforeRule,
            NotBeforeProvisional = rules?.NotBeforeProvisional,
            CompletedAt = row.CompletedAt,
            CompletedBy = row.CompletedBy,
            CompletedByName = completed?.ActorName,
            Outcome = row.Outcome,
            Comment = completed?.Comment,
            PartyId = row.PartyId,
            PartyName = row.PartyName,
            RemovedReason = removed?.Comment,
        };
    }

    /// <summary>What the engine needs to refuse a second completion of a task no longer in the state (<see cref="WorkflowCommand.CompleteTask.Finished"/>).</summary>
    public static async Task<FinishedTask?> FinishedAsync(WorkflowDbContext db, Guid instanceId, Guid taskId, CancellationToken ct) =>
        await FindAsync(db, instanceId, taskId, ct) is { } task
            ? new FinishedTask(task.Id, task.Status, task.CompletedAt, task.CompletedByName, task.Outcome)
            : null;

    /// <summary>The part of a <c>TaskOpened</c> (or <c>PartyAdded</c>) entry's data the task view shows.</summary>
    private sealed record OpenedData(
        string? Scope, string? DueRule, DateTimeOffset? NotBefore, string? NotBeforeRule, ProvisionalEnd? DueProvisional, ProvisionalEnd? NotBeforeProvisional);
}
