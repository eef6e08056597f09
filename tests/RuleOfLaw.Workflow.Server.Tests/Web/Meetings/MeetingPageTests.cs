using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Meetings;

/// <summary>The meeting pages through their real forms: the meeting API's handlers, the same refusals, nothing written on a refusal.</summary>
public sealed class MeetingPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_secretary_creates_a_meeting_through_the_form(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        using var web = new WebSession(server);
        var home = await web.SignInAsync("secretary");
        Assert.Equal("/meetings", home.QuerySelector("#nav-meetings")!.GetAttribute("href"));

        var page = await web.GetAsync("/meetings");
        Assert.NotNull(page.QuerySelector("#no-meetings"));
        var date = driver.Today.AddDays(3);
        var (status, meeting) = await web.SubmitAsync(WebSession.Form(page, "#meeting-form"), new Dictionary<string, string[]>
        {
            ["Kind"] = ["plenary"], ["Date"] = [date.ToString("yyyy-MM-dd")], ["Title"] = ["县政府第12次全体会议（县政府第一会议室）"],
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("^/meetings/[0-9a-f-]{36}$", web.Location);
        Assert.Contains("县政府第12次全体会议", meeting.QuerySelector("h1")!.TextContent);
        var stored = await server.WithDatabaseAsync(db => db.Set<Meeting>().SingleAsync());
        Assert.Equal(("plenary", date, "demo-county", "县政府第12次全体会议（县政府第一会议室）"), (stored.Kind, stored.Date, stored.DecisionOrganId, stored.Title));
        Assert.Equal(stored.Id, Guid.Parse(web.Location["/meetings/".Length..]));
        var list = await web.GetAsync("/meetings");
        Assert.NotNull(list.QuerySelector($"#meetings tr[data-meeting='{stored.Id}']"));

        // A drafting officer has no meeting link and no form.
        using var drafter = new WebSession(server);
        Assert.Null((await drafter.SignInAsync("drafter")).QuerySelector("#nav-meetings"));
        Assert.Null((await drafter.GetAsync("/meetings")).QuerySelector("#meeting-form"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Only_eligible_matters_are_offered_the_others_show_why_and_a_forged_post_is_refused_with_the_same_list(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var ready = await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("城区停车收费调整方案")).Id);
        var early = await driver.StartAsync((await driver.CreateMatterAsync("老旧小区改造计划")).Id);
        await driver.CompleteAsync(early.Id, "initiation", "draft-prepared");
        var meeting = await driver.CreateMeetingAsync();

        using var web = new WebSession(server);
        await web.SignInAsync("secretary");
        var page = await web.GetAsync($"/meetings/{meeting.Id}");

        var offered = page.QuerySelectorAll("#place-form select[name=MatterId] option").Select(o => ((IHtmlOptionElement)o).Value).ToList();
        Assert.Equal([ready.Id.ToString()], offered);
        // A matter still in an earlier step shows that gate alone (issue 12 item 6: its compliance report is not built
        // for the secretary's page; the report is on the matter's own page, and the agenda endpoint lists it all).
        var why = page.QuerySelector($"#ineligible li[data-matter='{early.Id}']")!;
        var shownCodes = why.QuerySelectorAll("li[data-code]").Select(li => li.GetAttribute("data-code")).ToList();
        Assert.Equal(["step:meeting-scheduling"], shownCodes);
        Assert.Contains("第二十五条、第二十九条", why.QuerySelector("li[data-code='step:meeting-scheduling']")!.TextContent);
        Assert.Null(page.QuerySelector($"#ineligible li[data-matter='{ready.Id}']"));

        // The page's list is the API's module query.
        var secretary = await driver.As("secretary");
        var candidates = (await secretary.GetAsync($"/api/meetings/{meeting.Id}/candidates").ExpectAsync<List<AgendaCandidate>>(HttpStatusCode.OK, server))
            .ToDictionary(c => c.MatterId);
        Assert.Equal((true, 0), (candidates[ready.Id].AwaitingScheduling, candidates[ready.Id].Unmet.Count));
        Assert.False(candidates[early.Id].AwaitingScheduling);
        Assert.Equal(shownCodes, candidates[early.Id].Unmet.Select(u => u.Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await driver.As("drafter")).GetAsync($"/api/meetings/{meeting.Id}/candidates")).StatusCode);

        // The API's refusal for the same matter lists every gate, the compliance items included.
        var api = await secretary.PostJsonAsync($"/api/meetings/{meeting.Id}/agenda", new { matterId = early.Id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        var apiCodes = api.Json.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        Assert.Contains("step:meeting-scheduling", apiCodes);
        Assert.Contains("legality:reviewed-lawful", apiCodes);

        // A forged post of the ineligible matter (the option is not in the form): refused with the same list, nothing written.
        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#place-form"), new Dictionary<string, string[]> { ["MatterId"] = [early.Id.ToString()] });
        Assert.Equal(HttpStatusCode.Conflict, status);
        var error = refused.QuerySelector("#place-MatterId-error")!;
        Assert.Contains("第二十五条、第二十九条", error.TextContent);
        Assert.Equal(apiCodes, error.QuerySelectorAll("#refused-gates li").Select(li => li.GetAttribute("data-code")));
        Assert.Equal("true", refused.QuerySelector("#MatterId")!.GetAttribute("aria-invalid"));
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<AgendaItem>().ToListAsync()));
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(ready.Id, "meeting-scheduling")).Status);

        // The eligible one is placed: the scheduling step is done, the materials are assembled.
        var (placedStatus, placed) = await web.SubmitAsync(WebSession.Form(refused, "#place-form"), new Dictionary<string, string[]> { ["MatterId"] = [ready.Id.ToString()] });
        Assert.Equal(HttpStatusCode.OK, placedStatus);
        Assert.Equal($"/meetings/{meeting.Id}", web.Location);
        Assert.NotNull(placed.QuerySelector("[role=status]"));
        var item = await server.WithDatabaseAsync(db => db.Set<AgendaItem>().SingleAsync());
        Assert.Equal((ready.Id, meeting.Id, "scheduled"), (item.MatterId, item.MeetingId, item.Status));
        Assert.Equal("present", placed.QuerySelector("#item-1 tr[data-material='legality-review-opinion']")!.GetAttribute("data-state"));
        Assert.Equal("collective-decision", Assert.Single((await driver.GetInstanceAsync(ready.Id)).OpenTasks).StepId);
        Assert.Empty(placed.QuerySelectorAll("#place-form select[name=MatterId] option"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Opinions_are_recorded_in_order_and_the_head_speaks_last_with_a_reason_against_the_majority(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var meeting = await driver.CreateMeetingAsync();
        var item = await driver.PlaceAsync(meeting.Id, instance.Id);

        // The secretary records attendance (everyone present).
        using var secretary = new WebSession(server);
        await secretary.SignInAsync("secretary");
        var (_, attended) = await secretary.SubmitAsync(WebSession.Form(await secretary.GetAsync($"/meetings/{meeting.Id}"), "#attendance-form"));
        Assert.Equal(2, (await server.WithDatabaseAsync(db => db.Set<Meeting>().SingleAsync())).AttendanceJson!.Split(',').Length);
        Assert.Equal(2, attended.QuerySelectorAll("#attendance li strong").Length);

        // The head before the member: refused (head speaks last), nothing written.
        using var chief = new WebSession(server);
        await chief.SignInAsync("chief");
        var decisionForm = "#item-1-decision-form";
        var (_, early) = await chief.SubmitAsync(WebSession.Form(await chief.GetAsync($"/meetings/{meeting.Id}"), decisionForm),
            new Dictionary<string, string[]> { ["Outcome"] = ["approved"], ["Text"] = ["同意。"] });
        Assert.Contains("第三十条", early.QuerySelector("#form-error")!.TextContent);
        Assert.Contains("吴副县长", early.QuerySelector("#form-error")!.TextContent);
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<MeetingStatement>().ToListAsync()));

        // The member speaks (verbatim) and disagrees.
        const string dissent = "收费标准偏高，建议分步实施，我不同意。";
        using var member = new WebSession(server);
        await member.SignInAsync("member");
        var (_, spoken) = await member.SubmitAsync(WebSession.Form(await member.GetAsync($"/meetings/{meeting.Id}"), "#item-1-opinion-form"),
            new Dictionary<string, string[]> { ["Position"] = ["disagree"], ["Text"] = [dissent] });
        Assert.Equal(dissent, spoken.QuerySelector("#item-1-statements li blockquote")!.TextContent);
        // Signed with her own SM2 key (issue 20), and the page says the signature holds.
        Assert.Equal("valid", spoken.QuerySelector("#item-1-statements li[data-capacity=member] [data-signature]")?.GetAttribute("data-signature"));
        Assert.Null(spoken.QuerySelector("#item-1-opinion-form")); // one opinion per member

        // The head approves against the majority without a reason: refused next to the reason field, nothing written.
        var page = await chief.GetAsync($"/meetings/{meeting.Id}");
        var (_, noReason) = await chief.SubmitAsync(WebSession.Form(page, decisionForm),
            new Dictionary<string, string[]> { ["Outcome"] = ["approved"], ["Text"] = ["通过。"] });
        var reasonError = noReason.QuerySelector("#item-1-Reason-error")!;
        Assert.Contains("多数人意见不一致", reasonError.TextContent);
        Assert.Contains("第三十条", reasonError.TextContent);
        Assert.Equal("true", noReason.QuerySelector("#item-1-Reason")!.GetAttribute("aria-invalid"));
        Assert.Contains("item-1-Reason-error", noReason.QuerySelector("#item-1-Reason")!.GetAttribute("aria-describedby"));
        Assert.Equal("通过。", noReason.QuerySelector("#item-1-decision-Text")!.TextContent); // what was typed stays
        Assert.Single(await server.WithDatabaseAsync(db => db.Set<MeetingStatement>().ToListAsync()));
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "collective-decision")).Status);

        // With the reason: decided, the head last.
        const string reason = "停车供需矛盾突出，需尽快实施。";
        var (_, decided) = await chief.SubmitAsync(WebSession.Form(noReason, decisionForm),
            new Dictionary<string, string[]> { ["Outcome"] = ["approved"], ["Text"] = ["通过。"], ["Reason"] = [reason] });
        Assert.Equal("decided", decided.QuerySelector("#item-1")!.GetAttribute("data-status"));
        Assert.Equal(["member", "head"], decided.QuerySelectorAll("#item-1-statements > li").Select(li => li.GetAttribute("data-capacity")));
        var statements = await server.WithDatabaseAsync(db => db.Set<MeetingStatement>().OrderBy(s => s.Sequence).ToListAsync());
        Assert.Equal([("member", "disagree", dissent, (string?)null), ("head", "approved", "通过。", reason)],
            statements.Select(s => (s.Capacity, s.Position, s.Text, s.Reason)));
        Assert.Equal("party-committee-report", Assert.Single((await driver.GetInstanceAsync(instance.Id)).OpenTasks).StepId);

        // Each statement shows its SM2 signature's state: the member's and the head's both hold.
        Assert.Equal(["valid", "valid"], decided.QuerySelectorAll("#item-1-statements > li [data-signature]").Select(e => e.GetAttribute("data-signature")));

        // The printable minutes: opinions as said, dissent, the decision and the reason.
        var minutes = await member.GetAsync($"/meetings/{meeting.Id}/minutes");
        Assert.Contains(dissent, minutes.QuerySelector("#minutes-item-1 ol")!.TextContent);
        Assert.Contains(dissent, minutes.QuerySelector("#minutes-item-1 .minutes-dissent")!.TextContent);
        Assert.Equal("通过", minutes.QuerySelector("#minutes-item-1 .minutes-decision")!.TextContent.Trim());
        Assert.Contains(reason, minutes.QuerySelector("#minutes-item-1 .minutes-reason")!.TextContent);
        Assert.Contains("吴副县长", minutes.QuerySelector("#minutes-present")!.TextContent);

        // Changed in the database afterwards: the decision's text (its signature no longer holds: invalid) and the opinion's
        // signature removed (shown as an opinion recorded before opinions were signed: unsigned, not broken).
        await server.WithDatabaseAsync(async db =>
        {
            var head = await db.Set<MeetingStatement>().SingleAsync(s => s.Capacity == "head");
            head.Text = "不通过。";
            var opinion = await db.Set<MeetingStatement>().SingleAsync(s => s.Capacity == "member");
            (opinion.Signature, opinion.SignatureAlgorithm, opinion.SignerKeyId) = (null, null, null);
            return await db.SaveChangesAsync();
        });
        var tampered = await member.GetAsync($"/meetings/{meeting.Id}");
        Assert.Equal(["unsigned", "invalid"], tampered.QuerySelectorAll("#item-1-statements > li [data-signature]").Select(e => e.GetAttribute("data-signature")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_departments_office_meeting_is_held_on_the_same_pages_by_its_secretary_its_member_and_its_head(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.DraftAsync(await api.ListBureauAsync());
        await api.SubmitForReviewAsync(id);
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero));
        await api.PostAsync("reviewer", $"/api/normative-documents/{id}/review-opinion", NormativeApi.Checklist());

        // The bureau's secretary is offered its office meeting only (not the government's kinds); a forged kind is
        // refused at the field with its rule, nothing written.
        using var secretary = new WebSession(server);
        await secretary.SignInAsync("deptsecretary");
        var list = await secretary.GetAsync("/meetings");
        Assert.Equal(["office"], list.QuerySelectorAll("#meeting-form input[name=Kind]").Select(i => ((IHtmlInputElement)i).Value));
        Assert.True(((IHtmlInputElement)list.QuerySelector("#kind-office")!).IsChecked);
        var date = new Dictionary<string, string[]> { ["Date"] = [driver.Today.ToString("yyyy-MM-dd")], ["Title"] = ["发改局2026年第3次局长办公会议"] };
        var (status, forged) = await secretary.SubmitAsync(WebSession.Form(list, "#meeting-form"), new Dictionary<string, string[]>(date) { ["Kind"] = ["standing"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("国办发〔2018〕37号", forged.QuerySelector("#Kind-error")!.TextContent);
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<Meeting>().ToListAsync()));
        (status, var created) = await secretary.SubmitAsync(WebSession.Form(list, "#meeting-form"), new Dictionary<string, string[]>(date) { ["Kind"] = ["office"] });
        Assert.Equal(HttpStatusCode.OK, status);
        var meeting = await server.WithDatabaseAsync(db => db.Set<Meeting>().SingleAsync());
        Assert.Equal(("office", "demo-county-drc"), (meeting.Kind, meeting.DecisionOrganId));

        // The department's document is offered and placed; attendance: the bureau's member and head.
        Assert.Equal([id.ToString()], created.QuerySelectorAll("#place-form select[name=MatterId] option").Select(o => ((IHtmlOptionElement)o).Value));
        (status, var placed) = await secretary.SubmitAsync(WebSession.Form(created, "#place-form"), new Dictionary<string, string[]> { ["MatterId"] = [id.ToString()] });
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, attended) = await secretary.SubmitAsync(WebSession.Form(placed, "#attendance-form"));
        Assert.Equal(2, attended.QuerySelectorAll("#attendance li strong").Length);

        // The member speaks; the head decides last; the document is deliberated.
        using var member = new WebSession(server);
        await member.SignInAsync("deputyhead");
        await member.SubmitAsync(WebSession.Form(await member.GetAsync($"/meetings/{meeting.Id}"), "#item-1-opinion-form"),
            new Dictionary<string, string[]> { ["Position"] = ["agree"], ["Text"] = ["同意。"] });
        using var head = new WebSession(server);
        await head.SignInAsync("drafthead");
        var (_, decided) = await head.SubmitAsync(WebSession.Form(await head.GetAsync($"/meetings/{meeting.Id}"), "#item-1-decision-form"),
            new Dictionary<string, string[]> { ["Outcome"] = ["approved"], ["Text"] = ["审议通过。"] });
        Assert.Equal("decided", decided.QuerySelector("#item-1")!.GetAttribute("data-status"));
        Assert.Equal(["member", "head"], decided.QuerySelectorAll("#item-1-statements > li").Select(li => li.GetAttribute("data-capacity")));
        Assert.Equal("deliberated", (await api.GetAsync("drafter", $"/api/normative-documents/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_meeting_steps_task_pages_link_to_the_meeting_pages()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var scheduling = await driver.OpenTaskAsync(instance.Id, "meeting-scheduling");
        using var web = new WebSession(server);
        await web.SignInAsync("secretary");

        var dossier = await web.GetAsync($"/matters/{instance.Id}");
        Assert.Equal($"/meetings/tasks/{scheduling.Id}", dossier.QuerySelector("a[data-task-step=meeting-scheduling]")!.GetAttribute("href"));
        var page = await web.GetAsync($"/meetings/tasks/{scheduling.Id}");
        Assert.Equal("/meetings", page.QuerySelector("#meeting-step-link")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#task-form")); // only through the agenda

        var meeting = await driver.CreateMeetingAsync();
        await driver.PlaceAsync(meeting.Id, instance.Id);
        var decision = await driver.OpenTaskAsync(instance.Id, "collective-decision");
        var decisionPage = await web.GetAsync($"/meetings/tasks/{decision.Id}");
        Assert.Equal($"/meetings/{meeting.Id}#item-1", decisionPage.QuerySelector("#meeting-step-link")!.GetAttribute("href"));
    }
}
