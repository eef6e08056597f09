using System.Net.Http.Json;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// Public participation in a real browser: a drafting officer takes a matter from creation through the open
/// consultation (art. 15), answers a public comment (art. 18), publishes the feedback and completes the step.
/// Screenshots: <c>participation.png</c>, <c>participation-comments.png</c>.
/// </summary>
public sealed class ParticipationBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_drafting_officer_runs_the_open_consultation_and_completes_public_participation()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        var baseAddress = server.Options(handleCookies: false).BaseAddress;
        var page = await SignedInPageAsync(server, "drafter");

        await page.GotoAsync("/matters/new");
        await page.FillAsync("#Title", "关于调整城区停车收费标准的决定");
        await page.SelectOptionAsync("#Category", "public-policy");
        await page.ClickAsync("main form button[type=submit]");
        await BrowserFixture.ArrivedAsync(page, path => path.StartsWith("/matters/", StringComparison.Ordinal) && path.Contains('-', StringComparison.Ordinal));
        await page.ClickAsync("#start-procedure");
        await page.ClickAsync("a[data-task-step=initiation]");
        await page.WaitForSelectorAsync("#task-form");
        await page.ClickAsync("#complete-task");
        await page.WaitForSelectorAsync("a[data-task-step=public-participation]");
        var matterUrl = page.Url;

        await page.ClickAsync("a[data-task-step=public-participation]");
        await BrowserFixture.ArrivedAsync(page, path => path.StartsWith("/participation/", StringComparison.Ordinal));
        var participationUrl = page.Url;
        await page.FillAsync("#PubTitle", "关于调整城区停车收费标准的公告（征求意见稿）");
        await page.FillAsync("#DraftText", "一、城区一类区域白天首小时收费调整为5元。");
        await page.FillAsync("#Explanation", "起草说明：现行标准制定于2015年，停车资源供需矛盾突出。");
        await page.ClickAsync("#publish-consultation");
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Equal("open", await page.GetAttributeAsync("article.consultation", "data-status"));
        await BrowserFixture.ScreenshotAsync(page, "participation");

        // A member of the public comments through the public API, without signing in.
        var consultationId = (await page.GetAttributeAsync("article.consultation", "id"))!["consultation-".Length..];
        using (var anonymous = new HttpClient { BaseAddress = baseAddress })
        using (var posted = await anonymous.PostAsJsonAsync($"/api/public/consultations/{consultationId}/comments",
            new { submitterType = "individual", name = "张三", text = "建议夜间停车免费。" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        }
        await page.ReloadAsync();
        var comment = page.Locator("li.comment").First;
        Assert.EndsWith("-C000001", await comment.GetAttributeAsync("data-receipt"));
        await comment.Locator("input[value=partly-adopted]").CheckAsync();
        await comment.Locator("textarea[name=Reason]").FillAsync("夜间首两小时免费，其后按标准收费。");
        await comment.Locator("form.respond button").ClickAsync();
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains("部分采纳", await page.TextContentAsync("li.comment .response"));
        await BrowserFixture.ScreenshotAsync(page, "participation-comments");

        // The period runs out (art. 15); the session has expired with it, so the officer signs in again.
        server.Clock.MoveTo(DefaultCloses);
        page = await SignedInPageAsync(server, "drafter");
        await page.GotoAsync(participationUrl);
        if (await page.Locator("#close-consultation").CountAsync() > 0)
        {
            await page.ClickAsync("#close-consultation");
            await page.WaitForSelectorAsync("[role=status]");
        }
        Assert.Equal("closed", await page.GetAttributeAsync("article.consultation", "data-status"));
        await page.FillAsync("#Summary", "共收到意见1条，部分采纳。");
        await page.ClickAsync("#publish-feedback");
        await page.WaitForSelectorAsync("#feedback-published");
        Assert.True(await page.IsVisibleAsync("#no-blocking"));
        await page.FillAsync("#Comment", "已充分听取公众意见。");
        await page.ClickAsync("#complete-task");
        await BrowserFixture.ArrivedAsync(page, path => path == new Uri(matterUrl).AbsolutePath);

        Assert.Equal("step step-done", await page.GetAttributeAsync("svg g[data-step=public-participation]", "class"));
        Assert.Contains("✓", await page.TextContentAsync("svg g[data-step=public-participation] text.step-state"));
        Assert.Equal("done", await page.GetAttributeAsync("#steps tbody tr[data-step=public-participation]", "data-state"));
    }

    private Task<IPage> SignedInPageAsync(ServerFactory server, string user) => fixture.SignedInPageAsync(server, user);
}
