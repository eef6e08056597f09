using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Meetings;

/// <summary>The agenda, the meeting record and the collective decision (第二十五条、第二十九条、第三十条).</summary>
public sealed class MeetingTests
{
    /// <summary>A gate another part of the procedure holds open (as a real check would: e.g. comments unanswered).</summary>
    private sealed class HeldGate : IComplianceCheck
    {
        public Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ComplianceItem>>(context.Matter.Title.Contains("未满足")
                ? [new ComplianceItem("test:comments-answered", "公众意见逐条答复", "Comments answered", "第十八条", ComplianceStatus.Unmet, "3条意见未答复。",
                    "public-participation", ["collective-decision"])]
                : []);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_matter_whose_gates_are_not_met_is_refused_with_every_unmet_rule(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: f => f.ExtraServices.Add(s => s.AddScoped<IComplianceCheck, HeldGate>()));
        using var driver = new ProcedureDriver(server);
        var meeting = await driver.CreateMeetingAsync();

        // Not yet through legality review: not awaiting scheduling, and another part's gate is open.
        var early = await driver.StartAsync((await driver.CreateMatterAsync("停车收费调整（条件未满足）")).Id);
        await driver.CompleteAsync(early.Id, "initiation", "draft-prepared");
        var problem = await (await driver.As("secretary")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda", new { matterId = early.Id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("agenda-gates-unmet", "第二十五条、第二十九条"), (problem.Code, problem.Article));
        var unmet = problem.Json.GetProperty("unmet").EnumerateArray().ToList();
        // Every part's gate speaks, in the order of the procedure (the modules' lines by their step's place): no
        // participation method yet (art. 14) and the test's own (its step is public-participation), then no lawful review (art. 25).
        Assert.Equal(["step:meeting-scheduling", "participation:method", "test:comments-answered", "legality:reviewed-lawful"],
            unmet.Select(u => u.GetProperty("code").GetString()));
        var held = unmet.Single(u => u.GetProperty("code").GetString() == "test:comments-answered");
        Assert.Equal("第十八条", held.GetProperty("article").GetString());
        Assert.Equal("3条意见未答复。", held.GetProperty("detail").GetString());
        Assert.All(unmet, u => Assert.False(string.IsNullOrEmpty(u.GetProperty("title").GetString())));

        // The same matter at scheduling is still refused while the other gate is open; nothing is written.
        var scheduled = await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("另一事项（条件未满足）")).Id);
        var later = await driver.CreateMeetingAsync();
        var refused = await (await driver.As("secretary")).PostJsonAsync($"/api/meetings/{later.Id}/agenda", new { matterId = scheduled.Id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["test:comments-answered"], refused.Json.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("meeting-scheduling", (await driver.OpenTaskAsync(scheduled.Id, "meeting-scheduling")).StepId);
        Assert.Empty(await server.WithDatabaseAsync(db => Task.FromResult(db.Set<AgendaItem>().ToList())));

        // The generic task endpoint cannot bypass the agenda.
        var task = await driver.OpenTaskAsync(scheduled.Id, "meeting-scheduling");
        var bypass = await driver.CompleteRawAsync("secretary", task.Id, "scheduled").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("use-meeting-agenda", "第二十五条、第二十九条"), (bypass.Code, bypass.Article));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_head_speaks_last_and_gives_a_reason_when_deciding_against_the_majority(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var meeting = await driver.CreateMeetingAsync("plenary");
        var item = await driver.PlaceAsync(meeting.Id, instance.Id);
        Assert.Contains(item.Materials, m => m.Code == "legality-review-opinion" && m.Status == "present" && m.JournalSequence > 0);
        Assert.Contains(item.Materials, m => m.Code == "risk-assessment-report" && m.Status == "not-applicable");
        Assert.Equal("collective-decision", Assert.Single((await driver.GetInstanceAsync(instance.Id)).OpenTasks).StepId);

        var participants = await driver.ParticipantsAsync(meeting.Id);
        var member = participants.Single(p => p.Capacity == "member");
        var decisionUrl = $"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision";
        var chief = await driver.As("chief");

        // Attendance first.
        var noAttendance = await chief.PostJsonAsync(decisionUrl, new { outcome = "approved", text = "同意。" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("attendance-not-recorded", noAttendance.Code);
        await driver.RecordAttendanceAsync(meeting.Id);

        // The member present is a party of the decision (version 5): her own task, in her inbox, with the members'
        // answers; only her opinion at the meeting completes it, not the generic task endpoint.
        var partyTask = Assert.Single((await driver.GetInstanceAsync(instance.Id)).OpenTasks, t => t.StepId == "collective-decision" && t.PartyId is not null);
        Assert.Equal((member.UserId, member.Name), (partyTask.PartyId, partyTask.PartyName));
        Assert.Equal(["agree", "agree-with-amendments", "disagree", "abstain"], partyTask.Outcomes.Select(o => o.Id));
        Assert.Contains(await driver.InboxAsync("member"), t => t.Id == partyTask.Id);
        Assert.DoesNotContain(await driver.InboxAsync("chief"), t => t.Id == partyTask.Id);
        Assert.Equal("use-meeting-record", (await driver.CompleteRawAsync("member", partyTask.Id, "agree").ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // The head before the present member: refused (第三十条), nothing written.
        var early = await chief.PostJsonAsync(decisionUrl, new { outcome = "approved", text = "同意。" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("head-speaks-last", "第三十条"), (early.Code, early.Article));
        Assert.Equal(member.UserId, early.Json.GetProperty("notYetHeard")[0].GetProperty("userId").GetString());
        Assert.Equal("collective-decision", (await driver.OpenTaskAsync(instance.Id, "collective-decision")).StepId);

        // The generic task endpoint cannot bypass the record either.
        var task = await driver.OpenTaskAsync(instance.Id, "collective-decision");
        Assert.Equal("use-meeting-record", (await driver.CompleteRawAsync("chief", task.Id, "approved").ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // The member (himself) disagrees; the head approves: against the majority without a reason is refused.
        const string dissent = "收费标准偏高，建议分步实施，我不同意。";
        await (await driver.As("member")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions", new { position = "disagree", text = dissent })
            .ExpectAsync(HttpStatusCode.Created, server);
        var again = await (await driver.As("member")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions", new { position = "agree", text = "改为同意。" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("opinion-already-recorded", again.Code);
        var noReason = await chief.PostJsonAsync(decisionUrl, new { outcome = "approved", text = "通过。" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("reason-required-against-majority", "第三十条"), (noReason.Code, noReason.Article));
        Assert.Equal("collective-decision", (await driver.OpenTaskAsync(instance.Id, "collective-decision")).StepId);

        var decided = await chief.PostJsonAsync(decisionUrl, new { outcome = "approved", text = "通过。", reason = "停车供需矛盾突出，需尽快实施。" })
            .ExpectAsync<AgendaItemView>(HttpStatusCode.Created, server);
        Assert.Equal(("decided", "approved"), (decided.Status, decided.Outcome));
        Assert.Equal([("member", "disagree", true), ("head", "approved", false)], decided.Statements.Select(s => (s.Capacity, s.Position, s.Dissent)));
        Assert.Equal(dissent, decided.Statements[0].Text);
        Assert.Equal("party-committee-report", Assert.Single((await driver.GetInstanceAsync(instance.Id)).OpenTasks).StepId);

        // The minutes, the journal and the compliance report say the same.
        var minutes = await (await driver.As("member")).GetAsync($"/api/meetings/{meeting.Id}").ExpectAsync<MeetingView>(HttpStatusCode.OK, server);
        Assert.Equal(("plenary", "全体会议"), (minutes.Kind, minutes.KindName));
        Assert.Equal(2, minutes.Agenda.Single().Statements.Count);
        var journal = await driver.JournalAsync(instance.Id);
        Assert.Single(journal, e => e.Type == "PartyAdded" && e.StepId == "collective-decision" && e.TaskId == partyTask.Id);
        var opinion = Assert.Single(journal, e => e.Type == "PartyTaskCompleted" && e.TaskId == partyTask.Id);
        Assert.Equal(("disagree", dissent), (opinion.Outcome, opinion.Comment));
        var completed = journal.Single(e => e.Type == "TaskCompleted" && e.StepId == "collective-decision");
        Assert.Equal("approved", completed.Outcome);
        Assert.Contains("停车供需矛盾突出", completed.Comment);
        var report = await ComplianceAsync(driver, instance.Id);
        Assert.Equal(ComplianceStatus.Met, report["decision:majority-reason"]);
        Assert.Equal(ComplianceStatus.Met, report["decision:head-last"]);
        Assert.Equal(ComplianceStatus.Met, report["decision:dissent-recorded"]);
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_deferred_matter_returns_to_the_agenda_pool(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var pool = await (await driver.As("secretary")).GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server);
        Assert.Equal(instance.Id, Assert.Single(pool).MatterId);

        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        Assert.Empty(await (await driver.As("secretary")).GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server));
        var after = await driver.CompleteAsync(instance.Id, "collective-decision", "deferred", "需进一步调研。");

        var reopened = Assert.Single(after.OpenTasks);
        Assert.Equal(("meeting-scheduling", 2), (reopened.StepId, reopened.Iteration));
        var back = Assert.Single(await (await driver.As("secretary")).GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server));
        Assert.Equal((instance.Id, 2), (back.MatterId, back.Iteration));

        // On a later meeting's agenda, and decided there.
        var later = await driver.CreateMeetingAsync(date: driver.Today.AddDays(7));
        var item = await driver.PlaceAsync(later.Id, instance.Id);
        Assert.Equal("scheduled", item.Status);
        var meetings = await (await driver.As("secretary")).GetAsync("/api/meetings").ExpectAsync<List<MeetingView>>(HttpStatusCode.OK, server);
        Assert.Contains(meetings.SelectMany(m => m.Agenda), a => a.MatterId == instance.Id && a.Status == "deferred");
        // Not before the meeting's day.
        await driver.RecordAttendanceAsync(later.Id);
        var notYet = await (await driver.As("chief")).PostJsonAsync($"/api/meetings/{later.Id}/agenda/{item.Id}/decision", new { outcome = "approved", text = "同意。" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("meeting-not-held", notYet.Code);
    }

    private static async Task<Dictionary<string, ComplianceStatus>> ComplianceAsync(ProcedureDriver driver, Guid matterId)
    {
        using var response = await (await driver.As("drafter")).GetAsync($"/api/matters/{matterId}/compliance");
        var report = await response.ExpectAsync(HttpStatusCode.OK, driver.Server);
        var json = await report.ReadJsonAsync();
        return json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!,
            i => Enum.Parse<ComplianceStatus>(i.GetProperty("status").GetString()!, ignoreCase: true));
    }
}
