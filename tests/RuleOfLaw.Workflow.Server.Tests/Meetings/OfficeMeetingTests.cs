using System.Net;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Meetings;

/// <summary>
/// A department's office meeting (部门办公会议) in the meetings module: the department's own secretary arranges it and
/// places the department's document on its agenda, the department's leadership are its members, its head decides
/// last (Notice 37 "严格落实集体审议制度", the rule every refusal at the office meeting cites; the record's rules are
/// the same as 第三十条's at a government's meetings). Each refusal is a 4xx with its rule and writes nothing.
/// </summary>
public sealed class OfficeMeetingTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_departments_secretary_members_and_head_hold_its_office_meeting_and_others_are_refused(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.DraftAsync(await api.ListBureauAsync());
        await api.SubmitForReviewAsync(id);
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero));
        await api.PostAsync("reviewer", $"/api/normative-documents/{id}/review-opinion", NormativeApi.Checklist());
        var secretary = await driver.As("deptsecretary");
        var date = driver.Today;

        // The kind fits the organ: a department holds no standing meeting, a government no office meeting (422, nothing written).
        await server.RefusedAsync(() => secretary.PostJsonAsync("/api/meetings", new { kind = MeetingKinds.Standing, date }),
            HttpStatusCode.UnprocessableEntity, "meeting-kind-not-of-department", CollectiveDecision.OfficeMeetingArticle);
        await server.RefusedAsync(async () => await (await driver.As("secretary")).PostJsonAsync("/api/meetings", new { kind = MeetingKinds.Office, date }),
            HttpStatusCode.UnprocessableEntity, "meeting-kind-not-of-government", CollectiveDecision.Article);
        // Only the department's own secretary arranges it: not the government's, not its head.
        await server.RefusedAsync(async () => await (await driver.As("secretary")).PostJsonAsync("/api/meetings",
            new { kind = MeetingKinds.Office, date, decisionOrganId = NormativeApi.Bureau }), HttpStatusCode.Forbidden, "forbidden", null);
        await server.RefusedAsync(async () => await (await driver.As("drafthead")).PostJsonAsync("/api/meetings", new { kind = MeetingKinds.Office, date }),
            HttpStatusCode.Forbidden, "forbidden", null);

        // Without an organ named, the department's secretary's office meeting is her department's.
        var meeting = await secretary.PostJsonAsync("/api/meetings", new { kind = MeetingKinds.Office, date }).ExpectAsync<MeetingView>(HttpStatusCode.Created, server);
        Assert.Equal((NormativeApi.Bureau, MeetingKinds.Office, "部门办公会议"), (meeting.DecisionOrganId, meeting.Kind, meeting.KindName));
        // The department's members see it; the county's general office does not (404).
        Assert.Contains(meeting.Id, (await (await driver.As("deputyhead")).GetAsync("/api/meetings").ExpectAsync<List<MeetingView>>(HttpStatusCode.OK, server)).Select(m => m.Id));
        await (await driver.As("secretary")).GetAsync($"/api/meetings/{meeting.Id}").ReadProblemAsync(HttpStatusCode.NotFound);
        // The pool: the department's document awaits its own secretary, not the county's general office.
        var pool = await secretary.GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server);
        Assert.Equal([id], pool.Select(p => p.MatterId));
        Assert.DoesNotContain(id, (await (await driver.As("secretary")).GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server))
            .Select(p => p.MatterId));

        // A department document goes to its own office meeting: the county's standing meeting is another organ's (422). The
        // refusal cites the rule of the document's procedure (Notice 37's collective deliberation), not the standing
        // meeting's 第三十条: an item's refusals follow its procedure, not the meeting's kind.
        var standing = await driver.CreateMeetingAsync();
        await server.RefusedAsync(() => secretary.PostJsonAsync($"/api/meetings/{standing.Id}/agenda", new { matterId = id }),
            HttpStatusCode.UnprocessableEntity, "meeting-organ-mismatch", CollectiveDecision.OfficeMeetingArticle);
        var item = await driver.PlaceAsync(meeting.Id, id, "deptsecretary");
        Assert.Equal(NormativeSteps.CollectiveDecision, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);

        // The department's leadership and head sit; the county's members are not participants (422).
        var names = await server.WithDatabaseAsync(db => Task.FromResult(db.Users.ToDictionary(u => u.Id, u => u.UserName!)));
        var participants = await driver.ParticipantsAsync(meeting.Id, "deptsecretary");
        Assert.Equal([("deputyhead", Participant.Member), ("drafthead", Participant.Head)], participants.Select(p => (names[p.UserId], p.Capacity)).ToList());
        var county = names.Single(n => n.Value == "member").Key;
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/meetings/{meeting.Id}/attendance")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { present = new[] { county } }),
        })
        {
            await server.RefusedAsync(() => secretary.SendAsync(request), HttpStatusCode.UnprocessableEntity, "not-a-participant", null);
        }
        await driver.RecordAttendanceAsync(meeting.Id, secretary: "deptsecretary");

        // The head speaks last (409); only the head decides (403 for a member); nothing written by either.
        var decisionUrl = $"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision";
        var head = await driver.As("drafthead");
        var early = await server.RefusedAsync(() => head.PostJsonAsync(decisionUrl, new { outcome = HeadOutcomes.Approved, text = "通过。" }),
            HttpStatusCode.Conflict, "head-speaks-last", CollectiveDecision.OfficeMeetingArticle);
        Assert.Contains("刘副局长", early.Json.GetProperty("detail").GetString());
        var member = await driver.As("deputyhead");
        await member.PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions", new { position = Positions.Agree, text = "同意。" })
            .ExpectAsync(HttpStatusCode.Created, server);
        // Her words are on record as said: another opinion is refused (409), citing the office meeting's rule, not 第三十条.
        await server.RefusedAsync(() => member.PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions", new { position = Positions.Disagree, text = "不同意。" }),
            HttpStatusCode.Conflict, "opinion-already-recorded", CollectiveDecision.OfficeMeetingArticle);
        await server.RefusedAsync(() => member.PostJsonAsync(decisionUrl, new { outcome = HeadOutcomes.Approved, text = "通过。" }),
            HttpStatusCode.Forbidden, "forbidden", CollectiveDecision.OfficeMeetingArticle);
        var decided = await head.PostJsonAsync(decisionUrl, new { outcome = HeadOutcomes.Approved, text = "审议通过。" })
            .ExpectAsync<AgendaItemView>(HttpStatusCode.Created, server);
        Assert.Equal(("decided", HeadOutcomes.Approved), (decided.Status, decided.Outcome));
        // The head's signature verifies; the document is deliberated and goes to registration.
        Assert.True((await head.GetAsync($"{decisionUrl}/verify").ExpectAsync<global::RuleOfLaw.Workflow.Server.Integrity.SignatureCheck>(HttpStatusCode.OK, server)).Valid);
        Assert.Equal("deliberated", (await api.GetAsync("drafter", $"/api/normative-documents/{id}")).GetProperty("status").GetString());
        Assert.Equal(NormativeSteps.Registration, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);
    }
}
