using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// The web application in a real browser (headless Chromium) against the real server on a real port (Kestrel on
/// 127.0.0.1, not the in-memory test server a browser cannot reach). Screenshots of the main pages are saved.
/// </summary>
public sealed class DraftingOfficerBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Sign_in_works_with_the_keyboard_alone_and_focus_is_visible()
    {
        await using var server = await StartAsync();
        var page = await NewPageAsync(server);

        await page.GotoAsync("/account/login");
        await TabToAsync(page, "username");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.TypeAsync("drafter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(DemoData.Password);
        await page.Keyboard.PressAsync("Enter");

        await BrowserFixture.ArrivedAsync(page, path => path == "/");
        Assert.Equal("我的工作台", await page.TextContentAsync("h1"));
        await BrowserFixture.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task A_drafting_officer_creates_a_matter_starts_it_and_completes_a_step_and_the_diagram_follows()
    {
        await using var server = await StartAsync();
        var page = await SignedInPageAsync(server, "drafter");

        await page.GotoAsync("/matters/new");
        await page.FillAsync("#Title", "关于调整城区公共交通票价的决定");
        await page.SelectOptionAsync("#Category", "public-policy");
        await page.CheckAsync("#attr-technical");
        await BrowserFixture.ScreenshotAsync(page, "matter-new");
        await page.ClickAsync("main form button[type=submit]");
        await BrowserFixture.ArrivedAsync(page, path => path.StartsWith("/matters/", StringComparison.Ordinal) && path.Contains('-', StringComparison.Ordinal));

        await page.ClickAsync("#start-procedure");
        await page.WaitForSelectorAsync("a[data-task-step=initiation]");
        Assert.Equal("step step-current", await page.GetAttributeAsync("svg g[data-step=initiation]", "class"));
        Assert.Equal("step step-upcoming", await page.GetAttributeAsync("svg g[data-step=collective-decision]", "class"));

        await page.ClickAsync("a[data-task-step=initiation]");
        await page.WaitForSelectorAsync("#task-form");
        await page.FillAsync("#Comment", "草案已起草，附起草说明。");
        await BrowserFixture.ScreenshotAsync(page, "task-form");
        await page.ClickAsync("#complete-task");
        await page.WaitForSelectorAsync("[role=status]");

        Assert.Equal("step step-done", await page.GetAttributeAsync("svg g[data-step=initiation]", "class"));
        Assert.Equal("step step-current", await page.GetAttributeAsync("svg g[data-step=expert-argumentation]", "class"));
        Assert.Equal("step step-current", await page.GetAttributeAsync("svg g[data-step=public-participation]", "class"));
        Assert.Equal("step step-skipped", await page.GetAttributeAsync("svg g[data-step=risk-assessment]", "class"));
        Assert.Contains("第二十二条", await page.TextContentAsync("svg g[data-step=risk-assessment] title"));
        Assert.Contains("✓", await page.TextContentAsync("svg g[data-step=initiation] text.step-state"));
        // The text alternative (the table of steps) says the same as the picture, step by step.
        var drawn = await page.EvalOnSelectorAllAsync<string[]>("svg g.step", "gs => gs.map(g => g.dataset.step + ':' + g.dataset.state)");
        var listed = await page.EvalOnSelectorAllAsync<string[]>("#steps tbody tr", "rs => rs.map(r => r.dataset.step + ':' + r.dataset.state)");
        Assert.Equal(drawn.Order(), listed.Order());
        Assert.Contains("草案已起草", await page.TextContentAsync("#journal"));
        await BrowserFixture.ScreenshotAsync(page, "dossier");
        await page.Locator(".diagram-wrap").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory(), "diagram.png") });

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the dossier fits a phone's width");
        await BrowserFixture.ScreenshotAsync(page, "dossier-phone");
    }

    [Fact]
    public async Task An_invalid_form_shows_the_error_next_to_the_field()
    {
        await using var server = await StartAsync();
        var page = await SignedInPageAsync(server, "drafter");

        await page.GotoAsync("/matters/new");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync("#Title-error:has-text('请填写事项名称')");
        Assert.Contains("Title-error", await page.GetAttributeAsync("#Title", "aria-describedby"));
        Assert.True(await page.IsVisibleAsync("#Title-error"));
        await BrowserFixture.ScreenshotAsync(page, "matter-new-invalid");
    }

    [Fact]
    public async Task The_public_portal_opens_without_sign_in_in_both_languages()
    {
        await using var server = await StartAsync();
        var page = await NewPageAsync(server);

        await page.GotoAsync("/public");
        Assert.Equal("公众参与平台", await page.TextContentAsync("h1"));
        await BrowserFixture.ScreenshotAsync(page, "public");
        await page.ClickAsync("a[lang=en], span[lang=en] a");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Equal("Public participation portal", await page.TextContentAsync("h1"));
        await BrowserFixture.ScreenshotAsync(page, "public-en");
    }

    private static Task<ServerFactory> StartAsync() => BrowserFixture.StartServerAsync();

    private Task<IPage> NewPageAsync(ServerFactory server) => fixture.NewPageAsync(server);

    private Task<IPage> SignedInPageAsync(ServerFactory server, string user) => fixture.SignedInPageAsync(server, user);

    private static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("document.activeElement.id") == id)
            {
                return;
            }
        }
        Assert.Fail($"#{id} cannot be reached with the Tab key.");
    }
}
