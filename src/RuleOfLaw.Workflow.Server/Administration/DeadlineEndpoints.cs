using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Problems;
using RuleOfLaw.Workflow.Server.Scheduling;

namespace RuleOfLaw.Workflow.Server.Administration;

public sealed record DeadlineTaskItem(Guid TaskId, Guid MatterId, string MatterNumber, string MatterTitle, string StepId, string Title,
    string Role, string OrganizationId, DateTimeOffset DueAt);

/// <summary>
/// A timer row. <see cref="Note"/> is in the reader's language when the row keeps its note's code
/// (<see cref="NoteCode"/>, <c>catalog:key</c>, for scripts), else as stored (a deadline's rule; older rows).
/// </summary>
public sealed record TimerItem(Guid Id, string Kind, Guid? MatterId, Guid? TaskId, string? StepId, DateTimeOffset? DueAt, string Status, string? Note)
{
    public string? NoteCode { get; init; }
}

/// <summary>
/// Open tasks due within the window, open tasks already overdue, pending timers, incidents, and the provisional
/// deadlines waiting for a year's holiday calendar (their note says "at least until …").
/// </summary>
public sealed record DeadlineOverview(
    DateTimeOffset Now, List<DeadlineTaskItem> Upcoming, List<DeadlineTaskItem> Overdue, List<TimerItem> Timers, List<TimerItem> Incidents,
    List<TimerItem> Provisional);

public static class DeadlineEndpoints
{
    public static void MapDeadlineEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/api/admin/deadlines", async (WorkflowDbContext db, AdministrationScopes scopes, TimeProvider clock, CancellationToken ct, int days = 14, int limit = 200) =>
        {
            if (days is < 1 or > 3660 || limit is < 1 or > 5000)
            {
                return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-query.deadlines"));
            }
            // An administrator sees the deadlines of the matters decided in the governments they administer; timers of
            // no matter are the deployment's (operators).
            var scope = await scopes.GetAsync(ct);
            var organs = (await db.Matters.AsNoTracking().Select(m => new { m.Id, m.DecisionOrganId }).ToListAsync(ct)).ToDictionary(m => m.Id, m => m.DecisionOrganId);
            bool Covered(Guid? matterId) => matterId is { } id ? organs.TryGetValue(id, out var organ) && scope.Covers(organ) : scope.IsOperator;
            var now = clock.GetUtcNow();
            var horizon = now.AddDays(days);
            var open = nameof(WorkTaskStatus.Open);
            var tasks = (await db.Tasks.AsNoTracking().Where(t => t.Status == open && t.DueAt != null)
                .Join(db.Matters.AsNoTracking(), t => t.MatterId, m => m.Id, (t, m) => new { t, m.Number, m.Title })
                .ToListAsync(ct))
                .Where(x => Covered(x.t.MatterId))
                .Select(x => new DeadlineTaskItem(x.t.Id, x.t.MatterId, x.Number, x.Title, x.t.StepId, x.t.Title, x.t.Role, x.t.OrganizationId, x.t.DueAt!.Value))
                .OrderBy(x => x.DueAt).ToList();
            var timers = (await db.Set<ScheduledTimer>().AsNoTracking()
                .Where(t => (t.Status == TimerRowStatus.Pending || t.Status == TimerRowStatus.Held) && t.DueAt <= horizon)
                .OrderBy(t => t.DueAt).ToListAsync(ct)).Where(t => Covered(t.MatterId)).Take(limit).ToList();
            var incidents = (await db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Status == TimerRowStatus.Incident).ToListAsync(ct))
                .Where(t => Covered(t.MatterId)).Take(limit).ToList();
            var provisional = (await db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Status == TimerRowStatus.Provisional).ToListAsync(ct))
                .Where(t => Covered(t.MatterId)).Take(limit).ToList();
            return Results.Ok(new DeadlineOverview(
                now,
                tasks.Where(t => t.DueAt >= now && t.DueAt <= horizon).Take(limit).ToList(),
                tasks.Where(t => t.DueAt < now).Take(limit).ToList(),
                timers.Select(Item).ToList(),
                incidents.Select(Item).ToList(),
                provisional.Select(Item).ToList()));
        }).WithTags("Administration").RequireAuthorization(AdministratorPolicy.Name)
          .WithSummary("Of the matters decided in the governments you administer (operators: all): upcoming and overdue deadlines of open tasks, pending timers (reminders, escalations, timer steps), deadlines that could not be computed, and provisional deadlines waiting for a year's holiday calendar")
          .Produces<DeadlineOverview>();
    }

    private static TimerItem Item(ScheduledTimer t) =>
        new(t.Id, t.Kind, t.MatterId, t.TaskId, t.StepId, t.DueAt == DateTimeOffset.MaxValue ? null : t.DueAt, t.Status, t.NoteIn(ReaderLanguage.Culture))
        {
            NoteCode = t.NoteCode,
        };
}
