using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.LegalityReview;

/// <summary>One matter in the review office's queue: the open task (intake, counsel's opinion or review) and the requested opinion date.</summary>
public sealed record QueueItem(Guid TaskId, Guid MatterId, string MatterNumber, string MatterTitle, string StepId, string StepTitle, string Role,
    string? RequestedOpinionDate, int? DaysLeft, DateTimeOffset? SubmittedAt, TimeZoneInfo Zone);

/// <summary>
/// The review queue (<c>/legality</c>): the open legality-intake, legal-counsel-opinion and legality-review tasks of the
/// review offices where the user is a legality reviewer or legal counsel, with the requested opinion date of the
/// latest submission (第二十六条) and the days left to it, soonest first.
/// </summary>
public sealed class QueueModel(CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, JurisdictionRegistry jurisdictions, DeadlineCalculator deadlines, TimeProvider clock)
    : PageModel
{
    public static readonly string[] QueueRoles = [Roles.LegalityReviewer, Roles.LegalCounsel];
    private static readonly string[] QueueSteps = [LegalityGuards.Intake, LegalityGuards.CounselStep, LegalityGuards.Review];

    public bool MayReview { get; private set; }
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var offices = actor.Memberships.Where(m => QueueRoles.Contains(m.Role)).Select(m => m.OrganizationId).Distinct().ToList();
        MayReview = offices.Count > 0;
        if (!MayReview)
        {
            return;
        }
        var open = nameof(WorkTaskStatus.Open);
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => offices.Contains(t.OrganizationId) && QueueSteps.Contains(t.StepId) && t.Status == open)
            .Join(db.Matters, t => t.MatterId, m => m.Id, (t, m) => new { Task = t, Matter = m })
            .ToListAsync(ct);
        rows = [.. rows.Where(r => MatterAccess.CanSee(r.Matter, actor))];
        var instances = rows.Select(r => r.Task.InstanceId).Distinct().ToList();
        var submissions = (await db.Journal.AsNoTracking()
                .Where(j => instances.Contains(j.InstanceId) && j.Type == JournalEntryTypes.TaskCompleted && j.StepId == LegalityGuards.Submission)
                .Select(j => new { j.InstanceId, j.Sequence, j.Iteration, j.OccurredAt, j.DataJson })
                .ToListAsync(ct))
            .GroupBy(j => j.InstanceId)
            .ToDictionary(g => g.Key, g => g.MaxBy(j => j.Sequence)!);
        // The package travels in the completion's data, or was assembled beforehand for that submission (the guard's rule).
        var packages = new Dictionary<Guid, LegalitySubmissionPackage?>();
        foreach (var (instanceId, submission) in submissions)
        {
            packages[instanceId] = LegalitySubmissionPackage.Parse(submission.DataJson)
                ?? await LegalityGuards.PreparedPackageAsync(db, instanceId, submission.Iteration, ct);
        }
        var titlesEn = await StepTitles.EnglishAsync(db, registry, rows.Select(r => (r.Task.InstanceId, r.Task.StepId)), ct);
        var now = clock.GetUtcNow();
        Items = [.. rows.Select(r =>
            {
                var zone = Ui.Zone(jurisdictions.Get(r.Matter.JurisdictionId)?.TimeZone, deadlines.TimeZone);
                var submission = submissions.GetValueOrDefault(r.Task.InstanceId);
                var package = packages.GetValueOrDefault(r.Task.InstanceId);
                int? daysLeft = package is not null && DateOnly.TryParseExact(package.RequestedOpinionDate, "yyyy-MM-dd", out var day)
                    ? day.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).DayNumber
                    : null;
                return new QueueItem(r.Task.Id, r.Matter.Id, r.Matter.Number, r.Matter.Title, r.Task.StepId, Ui.Pick(r.Task.Title, titlesEn[(r.Task.InstanceId, r.Task.StepId)]), r.Task.Role,
                    package?.RequestedOpinionDate, daysLeft, submission?.OccurredAt, zone);
            })
            .OrderBy(i => i.DaysLeft ?? int.MaxValue).ThenBy(i => i.MatterNumber, StringComparer.Ordinal)];
    }
}
