using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>
/// One matter in the review office's queue: the open task (intake, counsel's opinion or review), the requested opinion
/// date of the latest submission (第二十六条) and the calendar days left to it in the jurisdiction's zone
/// (<see cref="TimeZone"/>, an IANA id; negative when passed).
/// </summary>
public sealed record LegalityQueueItem(Guid TaskId, Guid MatterId, string MatterNumber, string MatterTitle, string StepId, string StepTitle,
    string? StepTitleEn, string Role, string? RequestedOpinionDate, int? DaysLeft, DateTimeOffset? SubmittedAt, string TimeZone);

/// <summary>
/// The legality review queue (<c>GET /api/legality/queue</c> and the page <c>/legality</c>): the open legality-intake,
/// legal-counsel-opinion and legality-review tasks of the review offices where the actor is a legality reviewer or
/// legal counsel, soonest requested opinion date first. A fixed number of queries whatever the queue's length: the
/// tasks with their matters and pinned definitions, the submissions, the packages assembled ahead of them.
/// </summary>
public sealed class LegalityQueueQuery(
    CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, DeadlineCalculator deadlines, TimeProvider clock)
{
    public static readonly string[] QueueRoles = [Roles.LegalityReviewer, Roles.LegalCounsel];
    private static readonly string[] QueueSteps = [LegalityRules.Intake, LegalityRules.CounselStep, LegalityRules.Review];

    public async Task<ModuleOutcome<List<LegalityQueueItem>>> RunAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var offices = actor.Memberships.Where(m => QueueRoles.Contains(m.Role)).Select(m => m.OrganizationId).Distinct().ToList();
        if (LegalityRules.ForbiddenQueue(offices.Count > 0) is { } forbidden)
        {
            return forbidden;
        }
        var open = nameof(WorkTaskStatus.Open);
        var rows = (await db.Tasks.AsNoTracking()
                .Where(t => offices.Contains(t.OrganizationId) && QueueSteps.Contains(t.StepId) && t.Status == open)
                .Join(db.Matters, t => t.MatterId, m => m.Id, (t, m) => new { Task = t, Matter = m })
                .Join(db.Instances, r => r.Task.InstanceId, i => i.Id,
                    (r, i) => new { r.Task, r.Matter, i.DefinitionId, i.DefinitionVersion })
                .ToListAsync(ct))
            .Where(r => MatterAccess.CanSee(r.Matter, actor)).ToList();
        if (rows.Count == 0)
        {
            return ModuleOutcome<List<LegalityQueueItem>>.Ok([]);
        }
        var instances = rows.Select(r => r.Task.InstanceId).Distinct().ToList();
        var submissions = (await db.Journal.AsNoTracking()
                .Where(j => instances.Contains(j.InstanceId) && j.Type == JournalEntryTypes.TaskCompleted && j.StepId == LegalityRules.Submission)
                .Select(j => new { j.InstanceId, j.Sequence, j.Iteration, j.OccurredAt, j.DataJson })
                .ToListAsync(ct))
            .GroupBy(j => j.InstanceId)
            .ToDictionary(g => g.Key, g => g.MaxBy(j => j.Sequence)!);
        // The package travels in the completion's data, or was assembled beforehand for that submission (the guard's
        // rule, LegalityGuards.PreparedPackageAsync): the latest assembled for the submission's iteration, all in one query.
        var inline = submissions.ToDictionary(s => s.Key, s => LegalitySubmissionPackage.Parse(s.Value.DataJson));
        var wanting = inline.Where(p => p.Value is null).Select(p => p.Key).ToList();
        List<Assembled> assembled = wanting.Count == 0 ? [] : await db.Journal.AsNoTracking()
            .Where(j => wanting.Contains(j.InstanceId) && j.Type == LegalityEndpoints.PackageAssembled && j.StepId == LegalityRules.Submission)
            .Select(j => new Assembled(j.InstanceId, j.Iteration, j.Sequence, j.DataJson))
            .ToListAsync(ct);
        LegalitySubmissionPackage? Prepared(Guid instanceId) =>
            assembled.Where(a => a.InstanceId == instanceId && a.Iteration == submissions[instanceId].Iteration).MaxBy(a => a.Sequence) is { } entry
                ? LegalitySubmissionPackage.ParseAssembled(entry.DataJson, entry.Sequence)
                : null;
        var packages = inline.ToDictionary(p => p.Key, p => p.Value ?? Prepared(p.Key));
        var now = clock.GetUtcNow();
        var items = new List<LegalityQueueItem>(rows.Count);
        foreach (var r in rows)
        {
            // The registry keeps every definition it has parsed: no query per row.
            var definition = await registry.GetAsync(r.DefinitionId, r.DefinitionVersion, db, ct);
            var zone = Zone(jurisdictions.Get(r.Matter.JurisdictionId)?.TimeZone);
            var submission = submissions.GetValueOrDefault(r.Task.InstanceId);
            var package = packages.GetValueOrDefault(r.Task.InstanceId);
            int? daysLeft = package is not null && DateOnly.TryParseExact(package.RequestedOpinionDate, "yyyy-MM-dd", out var day)
                ? day.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).DayNumber
                : null;
            items.Add(new LegalityQueueItem(r.Task.Id, r.Matter.Id, r.Matter.Number, r.Matter.Title, r.Task.StepId, r.Task.Title,
                definition.Steps.FirstOrDefault(s => s.Id == r.Task.StepId)?.TitleEn, r.Task.Role, package?.RequestedOpinionDate, daysLeft,
                submission?.OccurredAt, zone.Id));
        }
        return ModuleOutcome<List<LegalityQueueItem>>.Ok(
            [.. items.OrderBy(i => i.DaysLeft ?? int.MaxValue).ThenBy(i => i.MatterNumber, StringComparer.Ordinal)]);
    }

    private sealed record Assembled(Guid InstanceId, int? Iteration, long Sequence, string DataJson);

    private TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : deadlines.TimeZone;
}
