using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// The meeting and after-decision part of the driver: meeting-scheduling and collective-decision are completed by
/// the meeting endpoints themselves (agenda placement; members' opinions, then the head's decision); the later steps
/// get their records (Party committee report, publication, every filing recipient, the archive, an execution report,
/// a concluded evaluation) before their tasks are completed as usual.
/// </summary>
public sealed partial class ProcedureDriver
{
    /// <summary>Today in the demo jurisdictions' zone (Asia/Shanghai) on the server's clock.</summary>
    public DateOnly Today => server.Services.GetRequiredService<DeadlineCalculator>().LocalDay(server.Clock.GetUtcNow());

    /// <summary>
    /// Who holds the meetings of a demo organ: the county government's standing meeting (the general office's secretary,
    /// the county head), or the bureau's office meeting (部门办公会议: its own secretary, its head).
    /// </summary>
    public static (string Secretary, string Head, string Kind) MeetingPeople(string organ) => organ == "demo-county-drc"
        ? ("deptsecretary", "drafthead", MeetingKinds.Office)
        : ("secretary", "chief", MeetingKinds.Standing);

    private async Task<InstanceView?> CompleteThroughMeetingAsync(Guid instanceId, string stepId, string outcome, string? comment)
    {
        if (stepId is not ("meeting-scheduling" or "collective-decision"))
        {
            return null;
        }
        var organ = (await (await As("admin")).GetAsync($"/api/matters/{instanceId}").ExpectAsync<MatterView>(HttpStatusCode.OK, server)).DecisionOrganId;
        var (secretary, head, kind) = MeetingPeople(organ);
        switch (stepId)
        {
            case "meeting-scheduling":
                var meeting = await CreateMeetingAsync(kind, organ: organ, secretary: secretary);
                await PlaceAsync(meeting.Id, instanceId, secretary);
                return await GetInstanceAsync(instanceId);
            default:
                var (meetingId, item) = await ScheduledItemAsync(instanceId, secretary);
                await RecordAttendanceAsync(meetingId, secretary: secretary);
                var position = outcome switch
                {
                    "approved" => Positions.Agree,
                    "approved-with-amendments" => Positions.AgreeWithAmendments,
                    "not-approved" => Positions.Disagree,
                    _ => Positions.Abstain,
                };
                foreach (var member in (await ParticipantsAsync(meetingId, secretary)).Where(p => p.Capacity == "member"))
                {
                    await (await As(secretary)).PostJsonAsync($"/api/meetings/{meetingId}/agenda/{item.Id}/opinions",
                        new { memberId = member.UserId, position, text = "同意提交的方案。" }).ExpectAsync(HttpStatusCode.Created, server);
                }
                await (await As(head)).PostJsonAsync($"/api/meetings/{meetingId}/agenda/{item.Id}/decision",
                    new { outcome, text = comment ?? "同意。" }).ExpectAsync(HttpStatusCode.Created, server);
                return await GetInstanceAsync(instanceId);
        }
    }

    public async Task<MeetingView> CreateMeetingAsync(string kind = "standing", DateOnly? date = null, string organ = "demo-county", string secretary = "secretary") =>
        await (await As(secretary)).PostJsonAsync("/api/meetings", new { kind, date = date ?? Today, decisionOrganId = organ })
            .ExpectAsync<MeetingView>(HttpStatusCode.Created, server);

    public async Task<AgendaItemView> PlaceAsync(Guid meetingId, Guid matterId, string secretary = "secretary") =>
        await (await As(secretary)).PostJsonAsync($"/api/meetings/{meetingId}/agenda", new { matterId })
            .ExpectAsync<AgendaItemView>(HttpStatusCode.Created, server);

    public async Task<List<Participant>> ParticipantsAsync(Guid meetingId, string secretary = "secretary") =>
        await (await As(secretary)).GetAsync($"/api/meetings/{meetingId}/participants").ExpectAsync<List<Participant>>(HttpStatusCode.OK, server);

    /// <summary>Everyone who may sit (members and head) recorded present.</summary>
    public async Task RecordAttendanceAsync(Guid meetingId, IEnumerable<string>? present = null, string secretary = "secretary")
    {
        present ??= (await ParticipantsAsync(meetingId, secretary)).Select(p => p.UserId);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/meetings/{meetingId}/attendance")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { present }),
        };
        using var response = await (await As(secretary)).SendAsync(request);
        await response.ExpectAsync(HttpStatusCode.OK, server);
    }

    public async Task<(Guid MeetingId, AgendaItemView Item)> ScheduledItemAsync(Guid matterId, string secretary = "secretary")
    {
        var meetings = await (await As(secretary)).GetAsync("/api/meetings").ExpectAsync<List<MeetingView>>(HttpStatusCode.OK, server);
        var found = meetings.SelectMany(m => m.Agenda.Select(a => (m.Id, a))).Single(x => x.a.MatterId == matterId && x.a.Status == "scheduled");
        return (found.Id, found.a);
    }

    private async Task PrepareAfterDecisionAsync(Guid instanceId, string stepId, string outcome)
    {
        var task = await OpenTaskAsync(instanceId, stepId);
        switch (stepId)
        {
            case "party-committee-report" when !(await RecordedForAsync<PartyReportView>(instanceId, "party-committee-report", "secretary")).Any(r => r.TaskId == task.Id):
                await (await As("secretary")).PostJsonAsync($"/api/matters/{instanceId}/party-committee-report",
                    new { reportedOn = Today, form = "书面请示", replyNote = "同意印发。" }).ExpectAsync(HttpStatusCode.Created, server);
                break;
            case "publication":
                await PublishIfNeededAsync(instanceId);
                break;
            case "filing":
                await FileAllAsync(instanceId);
                break;
            case "archiving" when !(await RecordedForAsync<ArchiveView>(instanceId, "archive", "drafter")).Any(r => r.TaskId == task.Id):
                await PublishIfNeededAsync(instanceId);
                await FileAllAsync(instanceId);
                await (await As("drafter")).PostJsonAsync($"/api/matters/{instanceId}/archive", new { archivedOn = Today })
                    .ExpectAsync(HttpStatusCode.Created, server);
                break;
            case "execution":
                await (await As("drafter")).PostJsonAsync($"/api/matters/{instanceId}/execution/reports",
                    new { kind = outcome == "problem-reported" ? "problem" : "progress", text = "执行情况报告。" }).ExpectAsync(HttpStatusCode.Created, server);
                break;
            case "post-decision-evaluation":
                var evaluation = await (await As("chief")).PostJsonAsync($"/api/matters/{instanceId}/evaluations",
                        new { trigger = "organ-deems-necessary", evaluatorOrganizationId = task.OrganizationId })
                    .ExpectAsync<EvaluationView>(HttpStatusCode.Created, server);
                await (await As("evaluator")).PostJsonAsync($"/api/evaluations/{evaluation.Id}/inputs",
                    new { source = "public", text = "群众反映良好。" }).ExpectAsync(HttpStatusCode.Created, server);
                await (await As("evaluator")).PostJsonAsync($"/api/evaluations/{evaluation.Id}/complete",
                    new { outcome, conclusion = "评估结论。" }).ExpectAsync(HttpStatusCode.OK, server);
                break;
        }
    }

    private async Task<List<T>> RecordedForAsync<T>(Guid instanceId, string path, string user) =>
        await (await As(user)).GetAsync($"/api/matters/{instanceId}/{path}").ExpectAsync<List<T>>(HttpStatusCode.OK, server);

    private async Task PublishIfNeededAsync(Guid instanceId)
    {
        var instance = await GetInstanceAsync(instanceId);
        var task = instance.OpenTasks.SingleOrDefault(t => t.StepId == "publication");
        if (task is null)
        {
            return;
        }
        var recorded = await (await As("secretary")).GetAsync($"/api/matters/{instanceId}/publication").ExpectAsync<List<PublicationView>>(HttpStatusCode.OK, server);
        if (recorded.All(p => p.TaskId != task.Id))
        {
            await (await As("secretary")).PostJsonAsync($"/api/matters/{instanceId}/publication",
                new { channels = new[] { "gazette", "website" }, publishedOn = Today, opinionsUse = "公众意见和专家意见的采纳情况已随文说明。" })
                .ExpectAsync(HttpStatusCode.Created, server);
        }
    }

    private async Task FileAllAsync(Guid instanceId)
    {
        var client = await As("secretary");
        var filings = await client.GetAsync($"/api/matters/{instanceId}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server);
        foreach (var filing in filings.Where(f => f.Status != "filed"))
        {
            await client.PostJsonAsync($"/api/matters/{instanceId}/filings", new { recipientId = filing.RecipientId, submittedOn = Today })
                .ExpectAsync(HttpStatusCode.Created, server);
        }
    }

    /// <summary>
    /// Gives every county performer the same roles in the demo city's matching organizations, so the driver can run a
    /// city matter (example-province) with the same users.
    /// </summary>
    public Task MirrorCountyRolesInCityAsync() => server.WithDatabaseAsync(async db =>
    {
        var county = db.Memberships.Where(m => m.OrganizationId.StartsWith("demo-county")).ToList();
        foreach (var m in county.Where(m => m.Role is not ("administrator" or "operator")))
        {
            var city = "demo-city" + m.OrganizationId["demo-county".Length..];
            if (!db.Memberships.Any(x => x.UserId == m.UserId && x.OrganizationId == city && x.Role == m.Role))
            {
                db.Memberships.Add(new Server.Data.Entities.OrganizationMembership { UserId = m.UserId, OrganizationId = city, Role = m.Role });
            }
        }
        await db.SaveChangesAsync();
        return 0;
    });
}
