using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// Consultations whose minimum period (第十五条) ends in a year without a holiday calendar run on a provisional end:
/// the earliest it can be (<see cref="Consultation.ProvisionalYear"/>). When that year's calendar is loaded this makes
/// each end final, once: the minimum counted again on the full calendar, the end set to the later of it and the end
/// the drafting unit asked for, the close timer scheduled, and <c>ConsultationPeriodFinalized</c> journaled on the
/// matter's procedure with both ends (issue 16 item 6).
/// </summary>
public sealed partial class ProvisionalPeriods(
    WorkflowDbContext db, WorkflowEngine engine, DefinitionRegistry registry, InstanceCommandService commands, DomainTimers timers,
    DeadlineCalculator deadlines, TimeProvider clock, ILogger<ProvisionalPeriods> logger)
{
    /// <summary>The refusal of a close while the end still waits for a calendar.</summary>
    public const string StillProvisional = Consultations.ProvisionalRefusal;

    public const string JournalType = "ConsultationPeriodFinalized";

    /// <summary>The years the open provisional consultations wait for, with how many wait for each.</summary>
    public async Task<IReadOnlyDictionary<int, int>> WaitingAsync(CancellationToken ct) =>
        (await db.Set<Consultation>().AsNoTracking().Where(c => c.ProvisionalYear != null && c.ClosedAt == null).Select(c => c.ProvisionalYear!.Value)
            .ToListAsync(ct)).GroupBy(y => y).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Recomputes every provisional end whose year now has a calendar, as <paramref name="actor"/>; the number made final.</summary>
    public async Task<int> FinalizeAsync(Actor actor, CancellationToken ct)
    {
        var waiting = await db.Set<Consultation>().AsNoTracking().Where(c => c.ProvisionalYear != null && c.ClosedAt == null)
            .Select(c => new { c.Id, Year = c.ProvisionalYear!.Value }).ToListAsync(ct);
        var done = 0;
        foreach (var item in waiting.Where(w => deadlines.Calendar.HasYear(w.Year)))
        {
            if (await FinalizeOneAsync(item.Id, actor, ct))
            {
                done++;
            }
        }
        return done;
    }

    private async Task<bool> FinalizeOneAsync(Guid id, Actor actor, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var c = await db.Set<Consultation>().AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var record = await db.Instances.AsNoTracking().SingleAsync(i => i.MatterId == c.MatterId, ct);
        var state = InstanceStateJson.Deserialize(record.StateJson);
        var definition = await registry.GetAsync(state.DefinitionId, state.DefinitionVersion, db, ct);
        var now = Consultations.Instant(clock.GetUtcNow());
        var rule = RequestedDateRules.Check(engine, registry, definition, state, ParticipationTerms.Step, now, c.OpensAt, null, null, allowProvisional: true);
        var minimum = rule?.Check.Minimum;
        // The later of the recounted minimum and the end asked for at publication (or by an extension): never earlier.
        var closesAt = minimum is null || minimum.EndsAtUtc <= c.ClosesAt ? c.ClosesAt : Consultations.Instant(minimum.EndsAtUtc);
        var stillWaiting = minimum?.ProvisionalYear;
        var data = new
        {
            consultationId = c.Id, previousClosesAt = c.ClosesAt, closesAt, calendarYear = c.ProvisionalYear, provisionalYear = stillWaiting,
            minimumClosesAt = minimum?.EndsAtUtc, minimumRule = rule?.Check.Rule,
        };
        var comment = stillWaiting is null
            ? $"{c.ProvisionalYear}年节假日日历已加载，征求意见期限最终确定为至{deadlines.LocalDay(closesAt.AddTicks(-1)):yyyy-MM-dd}（第十五条）。"
            : $"{c.ProvisionalYear}年节假日日历已加载，期限仍须等待{stillWaiting}年日历，至少至{deadlines.LocalDay(closesAt.AddTicks(-1)):yyyy-MM-dd}。";
        var key = IdempotencyKey.For(actor.Id, null, $"consultation-period:{c.Id}:{c.ProvisionalYear}", "calendar-loaded", data);
        var result = await commands.ExecuteAsync(key, c.MatterId, new WorkflowCommand.Record(JournalType, ParticipationTerms.Step, comment, ApiJson.Serialize(data)),
            actor, StatusCodes.Status200OK, ct, async (_, token) =>
            {
                var row = await db.Set<Consultation>().SingleAsync(x => x.Id == id, token);
                if (row.ProvisionalYear != c.ProvisionalYear || row.ClosesAt != c.ClosesAt)
                {
                    throw new DbUpdateConcurrencyException("The consultation changed while its period was being made final.");
                }
                row.ClosesAt = closesAt;
                row.ProvisionalYear = stillWaiting;
                if (minimum is not null && rule is not null)
                {
                    row.MinimumClosesAt = minimum.EndsAtUtc;
                    row.MinimumRule = rule.Check.Rule ?? row.MinimumRule;
                }
                if (stillWaiting is null)
                {
                    // A final end already past (the calendar came late) closes at once, as the period is over.
                    await ConsultationCloseTimer.ScheduleAsync(timers, row, state.Id, closesAt, token);
                }
            });
        if (result.Refusals.Count > 0)
        {
            LogRefused(logger, c.Id, string.Join("; ", result.Refusals.Select(r => r.Code)));
            return false;
        }
        LogFinalized(logger, c.Id, c.ProvisionalYear ?? 0, closesAt, stillWaiting);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consultation {Id}: calendar {Year} loaded, end now {ClosesAt:O} (still waiting for: {Waiting})")]
    private static partial void LogFinalized(ILogger logger, Guid id, int year, DateTimeOffset closesAt, int? waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consultation {Id}: its provisional end could not be made final ({Codes}); it stays provisional and is retried")]
    private static partial void LogRefused(ILogger logger, Guid id, string codes);
}
