using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// The legality review office in a real browser: the reviewer opens the review queue from the header, opens the
/// package, returns it with what is missing, and the dossier shows the send-back (第二十六条). Screenshots:
/// <c>legality-queue</c>, <c>legality-package</c>.
/// </summary>
public sealed class LegalityReviewBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_reviewer_returns_an_incomplete_package_from_the_queue_and_the_dossier_shows_the_send_back()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(title: "示范县城区停车收费调整方案");
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
        var intake = await driver.OpenTaskAsync(instance.Id, "legality-intake");

        var page = await fixture.SignedInPageAsync(server, "reviewer");

        await page.ClickAsync("#nav-legality");
        await BrowserFixture.ArrivedAsync(page, path => path == "/legality");
        var row = page.Locator($"#legality-queue tr[data-task='{intake.Id}']");
        Assert.Contains(driver.EarliestOpinionDate(), await row.TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "legality-queue");

        await row.Locator("a[data-task-step=legality-intake]").ClickAsync();
        await page.WaitForSelectorAsync("#return-form");
        Assert.Contains("决策草案（送审稿）v1", await page.TextContentAsync("#package-draft"));
        Assert.True(await page.IsVisibleAsync("#package-procedures"));
        await BrowserFixture.ScreenshotAsync(page, "legality-package");

        // Without the list: the refusal is next to the list, and the field says so to assistive technology.
        await page.FillAsync("#ReturnComment", "材料不全，请补充后重新送审。");
        await page.ClickAsync("#return-package");
        await page.WaitForSelectorAsync("#Missing-error");
        Assert.Contains("第二十六条", await page.TextContentAsync("#Missing-error"));
        Assert.Equal("Missing-error", await page.GetAttributeAsync("#Missing", "aria-describedby"));

        await page.FillAsync("#Missing", "风险评估报告\n公平竞争审查结论");
        await page.ClickAsync("#return-package");
        await BrowserFixture.ArrivedAsync(page, path => path == $"/matters/{instance.MatterId}");
        await page.WaitForSelectorAsync("[role=status]");
        // The send-back: the intake is done with "returned" and its reasons, and the submission is current again.
        Assert.Equal("step step-current", await page.GetAttributeAsync("svg g[data-step=legality-submission]", "class"));
        Assert.Equal("step step-done", await page.GetAttributeAsync("svg g[data-step=legality-intake]", "class"));
        var journal = await page.TextContentAsync("#journal");
        Assert.Contains("returned", journal);
        Assert.Contains("材料不全，请补充后重新送审。", journal);
        await page.Context.CloseAsync();
    }
}
