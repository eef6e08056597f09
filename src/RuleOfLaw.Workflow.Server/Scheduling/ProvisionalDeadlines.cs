using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;

namespace RuleOfLaw.Workflow.Server.Scheduling;

/// <summary>
/// The engine's provisional deadlines (issue 16 item 6): task due dates, task minimums and timer steps whose period
/// ends in a year without a holiday calendar wait as <see cref="TimerRowStatus.Provisional"/> rows. Once the year's
/// calendar is loaded (by an administrator through the API or the page, from a file at start-up, or on another node)
/// each instance with such a row gets <see cref="WorkflowCommand.RecountDeadlines"/>: the engine counts every one
/// again from the instant it was first counted from and journals it (<c>DeadlineRecounted</c>), and
/// <see cref="TimerRowWriter"/> turns a final timer into a trigger at its end and schedules a task's reminders and
/// escalations. The consultation ends are made final beside it (<c>Participation.ProvisionalPeriods</c>).
/// </summary>
public sealed partial class ProvisionalDeadlines(
    WorkflowDbContext db, InstanceCommandService commands, DeadlineCalculator deadlines, ILogger<ProvisionalDeadlines> logger)
{
    public const string NothingToRecount = "no-provisional-deadline";

    /// <summary>The years the engine's provisional deadlines wait for, with how many wait for each.</summary>
    public async Task<IReadOnlyDictionary<int, int>> WaitingAsync(CancellationToken ct) =>
        (await WaitingRowsAsync(ct)).GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Recounts, as <paramref name="actor"/>, every instance with a provisional deadline whose year now has a calendar; the number recounted.</summary>
    public async Task<int> RecountAsync(Actor actor, CancellationToken ct)
    {
        var due = (await WaitingRowsAsync(ct)).Where(r => deadlines.Calendar.HasYear(r.Year)).GroupBy(r => r.InstanceId).ToList();
        var recounted = 0;
        foreach (var instance in due)
        {
            var years = instance.Select(r => r.Year).Distinct().Order().ToList();
            var rows = instance.Select(r => r.Id).Order().ToList();
            var body = new { instanceId = instance.Key, years, rows };
            var key = IdempotencyKey.For(actor.Id, null, $"deadline-recount:{instance.Key}:{string.Join(',', years)}:{rows.Count}", "calendar-loaded", body);
            db.ChangeTracker.Clear();
            var result = await commands.ExecuteAsync(key, instance.Key, new WorkflowCommand.RecountDeadlines(), actor, StatusCodes.Status200OK, ct);
            if (result.Refusals.Count == 0)
            {
                recounted += instance.Count();
                LogRecounted(logger, instance.Key, string.Join(",", years), instance.Count());
                continue;
            }
            LogRefused(logger, instance.Key, string.Join("; ", result.Refusals.Select(r => r.Code)));
            if (result.Refusals.All(r => r.Code is NothingToRecount or "instance-not-running" or "instance-not-found"))
            {
                // The state has nothing left to count (an ended instance, a row older than its task): the rows are stale.
                db.ChangeTracker.Clear();
                var (note, code, args) = ScheduledTimer.Parts(SchedulingTexts.Catalog.Line("note.no-provisional-deadline"));
                await db.Set<ScheduledTimer>().Where(t => rows.Contains(t.Id) && t.Status == TimerRowStatus.Provisional)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerRowStatus.Cancelled)
                        .SetProperty(t => t.Note, note).SetProperty(t => t.NoteCode, code).SetProperty(t => t.NoteArgs, args), ct);
            }
        }
        return recounted;
    }

    private sealed record WaitingRow(Guid Id, Guid InstanceId, int Year);

    private async Task<List<WaitingRow>> WaitingRowsAsync(CancellationToken ct) =>
        (await db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Status == TimerRowStatus.Provisional && t.InstanceId != null)
            .Select(t => new { t.Id, t.InstanceId, t.PayloadJson }).ToListAsync(ct))
        .Select(t => ProvisionalPayload.Read(t.PayloadJson) is { } payload ? new WaitingRow(t.Id, t.InstanceId!.Value, payload.CalendarYear) : null)
        .OfType<WaitingRow>().ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: provisional deadlines counted again on the calendar of {Years} ({Count})")]
    private static partial void LogRecounted(ILogger logger, Guid instanceId, string years, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: provisional deadlines not recounted ({Codes})")]
    private static partial void LogRefused(ILogger logger, Guid instanceId, string codes);
}
