using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>The meeting pages in a real browser: the agenda's gates, the head's decision against the majority, the minutes.</summary>
public sealed class MeetingBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_secretary_cannot_put_an_ineligible_matter_on_the_agenda_and_sees_why()
    {
        await using var server = await StartAsync();
        using var driver = new ProcedureDriver(server);
        var ready = await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("城区停车收费调整方案")).Id);
        var early = await driver.StartAsync((await driver.CreateMatterAsync("老旧小区改造计划")).Id);
        await driver.CompleteAsync(early.Id, "initiation", "draft-prepared");
        var meeting = await driver.CreateMeetingAsync();

        var page = await SignedInPageAsync(server, "secretary");
        await page.ClickAsync("#nav-meetings");
        await page.ClickAsync($"#meetings tr[data-meeting='{meeting.Id}'] a");
        await page.WaitForSelectorAsync("#place-form");

        // Only the eligible matter is offered; the other is listed with why: it does not await scheduling yet.
        var options = await page.EvalOnSelectorAllAsync<string[]>("#MatterId option", "os => os.map(o => o.value)");
        Assert.Equal([ready.Id.ToString()], options);
        var why = page.Locator($"#ineligible li[data-matter='{early.Id}']");
        Assert.True(await why.IsVisibleAsync());
        var reasons = await why.TextContentAsync();
        Assert.Contains("事项处于待提请集体讨论环节", reasons);
        Assert.Contains("第二十五条", reasons);
        await BrowserFixture.ScreenshotAsync(page, "meeting-agenda");

        // Even a post edited in the browser (the option changed to the ineligible matter) is refused with the reasons.
        await page.EvalOnSelectorAsync("#MatterId option", $"o => o.value = '{early.Id}'");
        await page.ClickAsync("#place-matter");
        await page.WaitForSelectorAsync("#place-MatterId-error");
        Assert.Contains("第二十五条、第二十九条", await page.TextContentAsync("#place-MatterId-error"));
        Assert.True(await page.Locator("#refused-gates li[data-code='legality:reviewed-lawful']").IsVisibleAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#MatterId", "aria-invalid"));
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<AgendaItem>().ToListAsync()));

        // The eligible one goes on the agenda.
        await page.SelectOptionAsync("#MatterId", ready.Id.ToString());
        await page.ClickAsync("#place-matter");
        await page.WaitForSelectorAsync("#item-1[data-status=scheduled]");
        Assert.Equal(ready.Id, (await server.WithDatabaseAsync(db => db.Set<AgendaItem>().SingleAsync())).MatterId);
    }

    [Fact]
    public async Task The_head_s_decision_against_the_majority_without_a_reason_is_refused_in_the_form_then_accepted_with_one()
    {
        await using var server = await StartAsync();
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var meeting = await driver.CreateMeetingAsync();
        var item = await driver.PlaceAsync(meeting.Id, instance.Id);
        await driver.RecordAttendanceAsync(meeting.Id);
        await (await driver.As("member")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions",
            new { position = "disagree", text = "收费标准偏高，建议分步实施，我不同意。" }).ExpectAsync(System.Net.HttpStatusCode.Created, server);

        var page = await SignedInPageAsync(server, "chief");
        await page.GotoAsync($"/meetings/{meeting.Id}");
        await page.CheckAsync("#item-1-outcome-approved");
        await page.FillAsync("#item-1-decision-Text", "通过。");
        await page.ClickAsync("#item-1-decide");
        await page.WaitForSelectorAsync("#item-1-Reason-error");
        Assert.Contains("第三十条", await page.TextContentAsync("#item-1-Reason-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#item-1-Reason", "aria-invalid"));
        Assert.Equal("通过。", await page.InputValueAsync("#item-1-decision-Text"));
        Assert.True(await page.IsCheckedAsync("#item-1-outcome-approved"));
        Assert.Single(await server.WithDatabaseAsync(db => db.Set<MeetingStatement>().ToListAsync()));
        await page.Locator("#item-1-Reason-error").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "meeting-decision-refused");

        // The meeting page fits a phone's width.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the meeting page fits a phone's width");
        await page.SetViewportSizeAsync(1280, 900);

        await page.FillAsync("#item-1-Reason", "停车供需矛盾突出，需尽快实施。");
        await page.ClickAsync("#item-1-decide");
        await page.WaitForSelectorAsync("#item-1[data-status=decided]");
        var statements = await server.WithDatabaseAsync(db => db.Set<MeetingStatement>().OrderBy(s => s.Sequence).ToListAsync());
        Assert.Equal(["member", "head"], statements.Select(s => s.Capacity));
        Assert.Equal("停车供需矛盾突出，需尽快实施。", statements[1].Reason);

        await page.ClickAsync("#minutes-link");
        await page.WaitForSelectorAsync("#minutes");
        Assert.Contains("停车供需矛盾突出", await page.TextContentAsync("#minutes-item-1 .minutes-reason"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header.site nav"));
        Assert.True(await page.IsVisibleAsync("#minutes-item-1"));
        await BrowserFixture.ScreenshotAsync(page, "meeting-minutes");
    }

    private static Task<ServerFactory> StartAsync() =>
        BrowserFixture.StartServerAsync();

    private Task<IPage> SignedInPageAsync(ServerFactory server, string user) => fixture.SignedInPageAsync(server, user);
}
