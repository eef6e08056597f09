using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Meetings;

/// <summary>
/// The task page of <c>meeting-scheduling</c> and <c>collective-decision</c>: these steps are done on the meeting pages
/// only (the generic completion is refused with <c>use-meeting-agenda</c> / <c>use-meeting-record</c>), so it explains
/// and links there: the meetings list, or the meeting whose agenda holds the matter.
/// </summary>
public sealed class TaskModel(TaskPageReader reader, WorkflowDbContext db, InstanceCommandService commands, IStringLocalizer<SharedResource> t)
    : TaskPageModel(reader, db, commands, t)
{
    /// <summary>The meeting and the item position where the matter is now on the agenda (collective-decision), if any.</summary>
    public (Guid MeetingId, string Title, int Position)? OnAgenda { get; private set; }

    /// <summary>
    /// The matter's decision organ is a department: its meeting is the office meeting (部门办公会议, a department
    /// normative document), whose rule is Notice 37's collective deliberation rather than 第二十五条、第二十九条、第三十条.
    /// </summary>
    public bool AtOfficeMeeting { get; private set; }

    /// <summary>
    /// The rules a government's meeting cites for this matter, by its procedure (as the meeting's refusals of its item
    /// do): 第二十五条、第二十九条 and 第三十条 for a major decision, Notice 37's collective deliberation for a government
    /// normative document at the standing meeting.
    /// </summary>
    public string GateArticles => Agenda.GateArticlesFor(MeetingKinds.Standing, Dossier.Definition);

    /// <inheritdoc cref="GateArticles"/>
    public string RecordArticle => CollectiveDecision.ArticleFor(MeetingKinds.Standing, Dossier.Definition);

    protected override async Task LoadStepAsync(CancellationToken ct)
    {
        var item = await Db.Set<AgendaItem>().AsNoTracking().Where(a => a.MatterId == Dossier.Matter.Id && a.Status == "scheduled")
            .Join(Db.Set<Meeting>(), a => a.MeetingId, m => m.Id, (a, m) => new { a.MeetingId, m.Title, a.Position }).FirstOrDefaultAsync(ct);
        OnAgenda = item is null ? null : (item.MeetingId, item.Title, item.Position);
        AtOfficeMeeting = await Db.Organizations.AsNoTracking()
            .AnyAsync(o => o.Id == Dossier.Matter.DecisionOrganId && o.Kind == RuleOfLaw.Workflow.Organizations.OrganizationKinds.Department, ct);
    }
}
