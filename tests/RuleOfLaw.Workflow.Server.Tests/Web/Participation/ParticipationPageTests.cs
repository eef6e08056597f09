using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Participation;

/// <summary>
/// The drafting unit's step page of public participation through its real forms: each form runs the module's API
/// handler, so what is written is what the API writes, and a refusal is shown next to its field with its article while
/// nothing is written. Tests on their own matter share one server per database with other classes (<see
/// cref="SharedServers"/>) and read the rows of their matter only; the one that moves the clock starts its own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class ParticipationPageTests(SharedServers servers)
{
    private static Dictionary<string, string[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new[] { f.Value });

    private static async Task<(Guid MatterId, Guid TaskId)> AtParticipationAsync(ProcedureDriver driver, IReadOnlyDictionary<string, bool>? attributes = null)
    {
        var matter = await Tests.Participation.ParticipationApi.AtParticipationAsync(driver, attributes);
        return (matter.Id, (await driver.OpenTaskAsync(matter.Id, "public-participation")).Id);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_consultation_is_published_through_the_form_for_the_minimum_period(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtParticipationAsync(driver);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        // The dossier links the step's task to this page.
        var dossier = await web.GetAsync($"/matters/{matterId}");
        Assert.Equal($"/participation/{taskId}", dossier.QuerySelector("a[data-task-step=public-participation]")!.GetAttribute("href"));
        var page = await web.GetAsync($"/participation/{taskId}");
        // The form explains art. 15's minimum and, for today, its last day (2 March + 30 days = 1 April).
        var hint = page.QuerySelector("#ClosesOn-hint")!.TextContent;
        Assert.Contains("第十五条", hint);
        Assert.Contains("2026-04-01", hint);
        Assert.Contains("participation-method-required", page.QuerySelector("#blocking")!.InnerHtml);

        var (status, after) = await web.SubmitAsync(WebSession.Form(page, "#publish-form"), Fields(
            ("PubTitle", "关于调整城区停车收费标准的公告（征求意见稿）"), ("DraftText", "一、城区一类区域白天首小时收费调整为5元。"),
            ("Explanation", "起草说明：现行标准制定于2015年。"), ("ClosesOn", "2026-04-01")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/participation/{taskId}", web.Location);
        Assert.Equal("已发布公开征求意见。", after.QuerySelector("[role=status]")!.TextContent.Trim());
        var consultation = await server.WithDatabaseAsync(db => db.Set<Consultation>().SingleAsync(c => c.MatterId == matterId));
        Assert.Equal(DefaultCloses, consultation.ClosesAt); // the chosen last day ends at 24:00 Beijing time
        Assert.False(consultation.Shortened);
        Assert.StartsWith("王承办", consultation.PublishedByName);
        Assert.Single(await driver.JournalAsync(matterId), e => e.Type == "ConsultationPublished");
        Assert.Equal("open", after.QuerySelector($"#consultation-{consultation.Id}")!.GetAttribute("data-status"));
        Assert.Null(after.QuerySelector("#publish-form")); // one consultation at a time
        Assert.Contains("consultation-not-closed", after.QuerySelector("#blocking")!.InnerHtml);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_too_short_period_is_refused_next_to_the_end_date_and_nothing_is_written(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtParticipationAsync(driver);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/participation/{taskId}");

        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#publish-form"), Fields(
            ("PubTitle", "征求意见稿"), ("DraftText", "草案"), ("Explanation", "说明"), ("ClosesOn", "2026-03-20"), ("UrgencyReason", "想早点结束")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = answer.QuerySelector("#ClosesOn-error")!.TextContent;
        Assert.Contains("第十五条", error);
        Assert.Contains("2026-04-01", error);
        Assert.Equal("true", answer.QuerySelector("#ClosesOn")!.GetAttribute("aria-invalid"));
        Assert.Contains("ClosesOn-error", answer.QuerySelector("#ClosesOn")!.GetAttribute("aria-describedby"));
        Assert.Equal("2026-03-20", ((IHtmlInputElement)answer.QuerySelector("#ClosesOn")!).Value); // the input is kept
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<Consultation>().CountAsync(c => c.MatterId == matterId)));
        Assert.DoesNotContain(await driver.JournalAsync(matterId), e => e.Type == "ConsultationPublished");

        // A missing title is the API's validation, next to its field.
        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, "#publish-form"), Fields(("PubTitle", ""), ("ClosesOn", "")));
        Assert.NotNull(answer.QuerySelector("#PubTitle-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<Consultation>().CountAsync(c => c.MatterId == matterId)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Comments_are_answered_one_by_one_and_by_group_and_not_adopted_needs_a_reason(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matterId);
        using var anonymous = server.CreateAnonymousClient();
        var single = await CommentAsync(server, anonymous, consultation.Id, "建议夜间免费。", "individual", "张三");
        await CommentAsync(server, anonymous, consultation.Id, "反对涨价！");
        await CommentAsync(server, anonymous, consultation.Id, "反对 涨价");
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/participation/{taskId}");

        var comments = await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().Where(c => c.ConsultationId == consultation.Id).OrderBy(c => c.Sequence).ToListAsync());
        var singleId = comments.Single(c => c.ReceiptNumber == single.ReceiptNumber).Id;
        var groupKey = comments[1].GroupKey;
        Assert.Equal(groupKey, comments[2].GroupKey);
        // The campaign is one group of two, each with its receipt number.
        var group = page.QuerySelector($"li.group[data-group='{groupKey}']")!;
        Assert.Equal("2", group.GetAttribute("data-count"));
        Assert.Equal([comments[1].ReceiptNumber, comments[2].ReceiptNumber], group.QuerySelectorAll("li.comment").Select(c => c.GetAttribute("data-receipt")));
        Assert.Equal($"/api/consultations/{consultation.Id}/comments.csv", page.QuerySelector($"#counts-{consultation.Id} a")!.GetAttribute("href"));
        // The export link works with the page's own sign-in (the API's CSV, UTF-8 with BOM).
        using (var csv = await web.Client.GetAsync($"/api/consultations/{consultation.Id}/comments.csv"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            Assert.Contains(single.ReceiptNumber, System.Text.Encoding.UTF8.GetString(bytes));
        }

        // Not adopted without a reason: refused next to that comment's reason field, with art. 18; nothing written.
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, $"#respond-c-{singleId}"), Fields(("Decision", "not-adopted"), ("Reason", " ")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("第十八条", answer.QuerySelector($"#Reason-c-{singleId}-error")!.TextContent);
        Assert.Equal("true", answer.QuerySelector($"#Reason-c-{singleId}")!.GetAttribute("aria-invalid"));
        Assert.Null(answer.QuerySelector($"#Reason-g-{groupKey}-error")); // only under the form that was sent
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<CommentResponse>().CountAsync(r => r.ConsultationId == consultation.Id)));

        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, $"#respond-c-{singleId}"), Fields(("Decision", "adopted"), ("Reason", "")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("已记录采纳情况。", answer.QuerySelector("[role=status]")!.TextContent.Trim());
        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, $"#respond-g-{groupKey}"), Fields(("Decision", "not-adopted"), ("Reason", "调整后仍低于周边城市。")));
        Assert.Equal(HttpStatusCode.OK, status);

        var responses = await server.WithDatabaseAsync(db => db.Set<CommentResponse>().Where(r => r.ConsultationId == consultation.Id).ToListAsync());
        Assert.Equal(2, responses.Count);
        Assert.Equal("adopted", responses.Single(r => r.CommentId == singleId).Decision);
        var byGroup = responses.Single(r => r.GroupKey == groupKey);
        Assert.Equal(("not-adopted", "调整后仍低于周边城市。"), (byGroup.Decision, byGroup.Reason));
        Assert.Equal(2, (await driver.JournalAsync(matterId)).Count(e => e.Type == "CommentResponded"));
        Assert.Contains("共3条，2组，已隐藏0条，未答复0条", answer.QuerySelector($"#counts-{consultation.Id}")!.TextContent);

        // Hiding without a reason is refused next to the field; with one, the comment is kept and marked.
        var hideTarget = comments[2].Id;
        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, $"#hide-c-{hideTarget}"), Fields(("HideReason", "")));
        Assert.NotNull(answer.QuerySelector($"#HideReason-c-{hideTarget}-error"));
        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, $"#hide-c-{hideTarget}"), Fields(("HideReason", "含他人隐私信息")));
        Assert.Equal("true", answer.QuerySelector($"li.comment[data-receipt='{comments[2].ReceiptNumber}']")!.GetAttribute("data-hidden"));
        Assert.True(await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().Where(c => c.Id == hideTarget).Select(c => c.Hidden).SingleAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_step_cannot_be_completed_until_the_guard_is_met_then_it_can(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matterId);
        using var anonymous = server.CreateAnonymousClient();
        var receipt = await CommentAsync(server, anonymous, consultation.Id, "支持调整。");

        using (var early = new WebSession(server))
        {
            await early.SignInAsync("drafter");
            var page = await early.GetAsync($"/participation/{taskId}");
            Assert.Null(page.QuerySelector("#close-form")); // the period is running (art. 15)
            var (status, answer) = await early.SubmitAsync(WebSession.Form(page, "#task-form"));
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Equal($"/participation/{taskId}?handler=Complete", early.Location);
            var refusal = answer.QuerySelector("#form-error")!.TextContent;
            Assert.Contains("第十五条", refusal); // the consultation is running
            Assert.Contains("consultation-not-closed", page.QuerySelector("#blocking")!.InnerHtml);
            Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(matterId, "public-participation")).Status);
        }

        driver.MoveClockTo(DefaultCloses);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var current = await web.GetAsync($"/participation/{taskId}");
        if (current.QuerySelector("#close-form") is not null)
        {
            (_, current) = await web.SubmitAsync(WebSession.Form(current, "#close-form"));
        }
        Assert.NotNull(await server.WithDatabaseAsync(db => db.Set<Consultation>().Where(c => c.Id == consultation.Id).Select(c => c.ClosedAt).SingleAsync()));

        // Feedback before every comment is answered: the API's refusal, at the top of the form.
        var (_, refused) = await web.SubmitAsync(WebSession.Form(current, "#feedback-form"), Fields(("Summary", "共收到1条意见。")));
        Assert.Contains("第十八条", refused.QuerySelector("#form-error")!.TextContent);
        Assert.Null(await server.WithDatabaseAsync(db => db.Set<Consultation>().Where(c => c.Id == consultation.Id).Select(c => c.FeedbackPublishedAt).SingleAsync()));

        var commentId = await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().Where(c => c.ReceiptNumber == receipt.ReceiptNumber).Select(c => c.Id).SingleAsync());
        (_, current) = await web.SubmitAsync(WebSession.Form(refused, $"#respond-c-{commentId}"), Fields(("Decision", "adopted")));
        (_, current) = await web.SubmitAsync(WebSession.Form(current, "#feedback-form"), Fields(("Summary", "共收到1条意见，已采纳。")));
        Assert.NotNull(current.QuerySelector("#feedback-published"));
        Assert.NotNull(current.QuerySelector("#no-blocking"));

        var (done, dossier) = await web.SubmitAsync(WebSession.Form(current, "#task-form"), Fields(("Comment", "已充分听取公众意见。")));
        Assert.Equal(HttpStatusCode.OK, done);
        Assert.Equal($"/matters/{matterId}", web.Location);
        Assert.Equal("step step-done", dossier.QuerySelector("svg g[data-step=public-participation]")!.ClassName);
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.MatterId == matterId)).StateJson));
        Assert.Equal(StepStatus.Completed, state.Steps["public-participation"].Status);
    }

    [Fact]
    public async Task An_activity_is_recorded_through_the_form_and_one_in_the_future_is_refused_next_to_its_date()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtParticipationAsync(driver);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/participation/{taskId}");

        var (_, answer) = await web.SubmitAsync(WebSession.Form(page, "#activity-form"), Fields(
            ("Method", "forum"), ("HeldOn", "2026-03-05"), ("ActivitySummary", "座谈会"), ("ParticipantCount", "12")));
        Assert.NotNull(answer.QuerySelector("#HeldOn-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ParticipationActivity>().CountAsync(a => a.MatterId == matterId)));

        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, "#activity-form"), Fields(
            ("Method", "forum"), ("HeldOn", "2026-03-02"), ("ActivitySummary", "与出租车司机代表座谈。"), ("ParticipantCount", "12")));
        Assert.Contains("与出租车司机代表座谈。", answer.QuerySelector("#activities")!.TextContent);
        var activity = await server.WithDatabaseAsync(db => db.Set<ParticipationActivity>().SingleAsync(a => a.MatterId == matterId));
        Assert.Equal(("forum", 12, matterId), (activity.Method, activity.ParticipantCount!.Value, activity.MatterId));
        Assert.NotNull(answer.QuerySelector("#no-blocking"));
    }

    [Fact]
    public async Task The_specific_group_step_records_the_group_consultation_and_then_completes()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var matter = await Tests.Participation.ParticipationApi.AtParticipationAsync(driver, new Dictionary<string, bool> { ["affectsSpecificGroup"] = true });
        var taskId = (await driver.OpenTaskAsync(matter.Id, "specific-group-consultation")).Id;
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/participation/{taskId}");
        Assert.Null(page.QuerySelector("#publish-form")); // the open consultation belongs to public participation
        Assert.Contains("specific-group-not-consulted", page.QuerySelector("#blocking")!.InnerHtml);

        // Without the group's name: refused next to it, nothing written.
        var (_, answer) = await web.SubmitAsync(WebSession.Form(page, "#activity-form"), Fields(
            ("Method", "forum"), ("HeldOn", "2026-03-02"), ("ActivitySummary", "与出租车司机代表座谈。")));
        Assert.NotNull(answer.QuerySelector("#GroupName-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ParticipationActivity>().CountAsync(a => a.MatterId == matter.Id)));

        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, "#activity-form"), Fields(
            ("Method", "forum"), ("HeldOn", "2026-03-02"), ("ActivitySummary", "与出租车司机代表座谈。"), ("GroupName", "县出租汽车行业协会")));
        var activity = await server.WithDatabaseAsync(db => db.Set<ParticipationActivity>().SingleAsync(a => a.MatterId == matter.Id));
        Assert.True(activity.SpecificGroup);
        Assert.Equal("县出租汽车行业协会", activity.GroupName);
        Assert.NotNull(answer.QuerySelector("#no-blocking"));
        var (status, _) = await web.SubmitAsync(WebSession.Form(answer, "#task-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{matter.Id}", web.Location);
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.MatterId == matter.Id)).StateJson));
        Assert.Equal(StepStatus.Completed, state.Steps["specific-group-consultation"].Status);
    }

    [Fact]
    public async Task Someone_who_may_see_but_not_draft_gets_no_forms_and_a_forged_post_writes_nothing()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtParticipationAsync(driver);
        using var web = new WebSession(server);
        // The chief executive may see the matter (its decision organ) but does not draft it; the drafting head, who
        // may act through the API, gets the forms (ReceivedCommentPageTests).
        await web.SignInAsync("chief");
        var page = await web.GetAsync($"/participation/{taskId}");
        Assert.Null(page.QuerySelector("#publish-form"));
        Assert.NotNull(page.QuerySelector("#cannot-act"));
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var response = await web.Client.PostAsync($"/participation/{taskId}?handler=Publish", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("PubTitle", "伪造"), new("DraftText", "草案"), new("Explanation", "说明")]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<Consultation>().CountAsync(c => c.MatterId == matterId)));
    }
}
