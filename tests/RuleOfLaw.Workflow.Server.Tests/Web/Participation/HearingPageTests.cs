using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Participation;

/// <summary>
/// The hearings page (arts. 16-17) through its real forms: announced, materials delivered, held with its record,
/// confirmed by each participant; the API's refusals next to their fields with the API's status, nothing written.
/// </summary>
public sealed class HearingPageTests
{
    private static Dictionary<string, string[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new[] { f.Value });

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_drafting_officer_announces_holds_and_has_a_hearing_confirmed_through_the_page(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var taskId = (await driver.OpenTaskAsync(matter.Id, "public-participation")).Id;
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        // Reached from the participation step's page.
        var link = (await web.GetAsync($"/participation/{taskId}")).QuerySelector("#hearings-link a")!.GetAttribute("href");
        Assert.Equal($"/participation/{taskId}/hearings", link);
        var page = await web.GetAsync(link!);
        Assert.NotNull(page.QuerySelector("#no-hearing"));

        // Today is Monday 2 March (Beijing): a hearing on Sunday 8 March needed its materials by 1 March (art. 17): 422, nothing written.
        var announcement = Fields(("ScheduledAt", "2026-03-08T09:00"), ("Place", "示范县政府第一会议室"),
            ("SelectionMethod", "自愿报名，按利益相关方类别随机抽取。"), ("Participants", "张三\n李四\n某出租车公司"));
        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#announce-form"), announcement);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("第十七条", refused.QuerySelector("#ScheduledAt-error")!.TextContent);
        Assert.Equal("true", refused.QuerySelector("#ScheduledAt")!.GetAttribute("aria-invalid"));
        Assert.Equal("示范县政府第一会议室", refused.QuerySelector("#Place")!.GetAttribute("value")); // what was typed stays
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<Hearing>().CountAsync()));

        // Friday 27 March 09:00 in the jurisdiction's zone.
        announcement["ScheduledAt"] = ["2026-03-27T09:00"];
        (status, page) = await web.SubmitAsync(WebSession.Form(refused, "#announce-form"), announcement);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("已公告听证会。", page.QuerySelector("[role=status]")!.TextContent.Trim());
        var hearing = await server.WithDatabaseAsync(db => db.Set<Hearing>().SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 1, 0, 0, TimeSpan.Zero), hearing.ScheduledAt);
        Assert.Equal(new DateOnly(2026, 3, 20), hearing.MaterialsDueOn);
        var card = $"#hearing-{hearing.Id}";
        Assert.Equal("announced", page.QuerySelector(card)!.GetAttribute("data-state"));

        // Held before the materials were delivered: the API's 409 next to the record, with the article.
        (status, refused) = await web.SubmitAsync(WebSession.Form(page, $"{card} .record-form"), Fields(("RecordSummary", "笔录")));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第十七条", refused.QuerySelector($"#RecordSummary-{hearing.Id}-error")!.TextContent);

        driver.MoveClockTo(new DateTimeOffset(2026, 3, 16, 2, 0, 0, TimeSpan.Zero));
        await web.SignInAsync("drafter"); // the session lapsed over the days away
        page = await web.GetAsync(link!);
        (status, page) = await web.SubmitAsync(WebSession.Form(page, $"{card} .materials-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("materials-delivered", page.QuerySelector(card)!.GetAttribute("data-state"));

        driver.MoveClockTo(new DateTimeOffset(2026, 3, 27, 4, 0, 0, TimeSpan.Zero));
        await web.SignInAsync("drafter");
        page = await web.GetAsync(link!);
        (status, page) = await web.SubmitAsync(WebSession.Form(page, $"{card} .record-form"), Fields(("RecordSummary", "听证笔录：三名参加人发言……")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("held", page.QuerySelector(card)!.GetAttribute("data-state"));
        Assert.Equal(3, page.QuerySelectorAll($"{card} li.unconfirmed").Length);

        (status, page) = await web.SubmitAsync(WebSession.Form(page, $"{card} .confirm-form"), Fields(("Participant", "张三")));
        Assert.Equal(HttpStatusCode.OK, status);
        // Declining to sign without saying why: 422 next to the note, nothing recorded.
        (status, refused) = await web.SubmitAsync(WebSession.Form(page, $"{card} .confirm-form"), Fields(("Participant", "李四"), ("Declined", "true")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(refused.QuerySelector($"#Note-{hearing.Id}-error"));
        (status, page) = await web.SubmitAsync(WebSession.Form(refused, $"{card} .confirm-form"),
            Fields(("Participant", "李四"), ("Declined", "true"), ("Note", "认为笔录遗漏其发言，拒绝签字。")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(page.QuerySelectorAll($"{card} li[data-declined=true]"));
        (_, page) = await web.SubmitAsync(WebSession.Form(page, $"{card} .confirm-form"), Fields(("Participant", "某出租车公司")));
        Assert.Empty(page.QuerySelectorAll($"{card} li.unconfirmed"));
        Assert.Null(page.QuerySelector($"{card} .confirm-form"));

        // The same records the API reads, journaled as the API journals them.
        var journal = await driver.JournalAsync(matter.Id);
        Assert.Single(journal, e => e.Type == "HearingAnnounced");
        Assert.Single(journal, e => e.Type == "HearingMaterialsDelivered");
        Assert.Single(journal, e => e.Type == "HearingHeld");
        Assert.Equal(2, journal.Count(e => e.Type == "HearingRecordConfirmed"));
        Assert.Single(journal, e => e.Type == "HearingRecordDeclined");

        // In English too.
        var english = await web.GetAsync($"/lang/en?returnUrl={Uri.EscapeDataString(link!)}");
        Assert.Equal("Held, record confirmed", english.QuerySelector($"{card} .hearing-state")!.TextContent.Trim());
    }

    [Fact]
    public async Task Someone_who_may_see_but_not_draft_gets_no_forms_and_a_forged_post_is_refused_with_403()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var taskId = (await driver.OpenTaskAsync(matter.Id, "public-participation")).Id;
        using var web = new WebSession(server);
        // The chief executive may see the matter (its decision organ) but does not organize its participation.
        await web.SignInAsync("chief");
        var page = await web.GetAsync($"/participation/{taskId}/hearings");
        Assert.Null(page.QuerySelector("#announce-form"));
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var response = await web.Client.PostAsync($"/participation/{taskId}/hearings?handler=Announce", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("ScheduledAt", "2026-03-27T09:00"), new("Place", "会议室"), new("SelectionMethod", "随机"),
                new("Participants", "张三")]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<Hearing>().CountAsync()));
    }
}
