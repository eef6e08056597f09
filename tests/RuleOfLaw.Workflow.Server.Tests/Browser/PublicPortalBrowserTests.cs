using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>A citizen on a phone, without signing in: from the consultation list to a comment and its receipt.</summary>
public sealed class PublicPortalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_citizen_opens_a_consultation_from_the_list_comments_and_sees_the_receipt_number()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);

        var page = await fixture.NewPageAsync(server, 390, 844);
        await page.GotoAsync("/public/consultations");
        await page.ClickAsync($"a[href='/public/consultations/{consultation.Id}']");
        await page.WaitForSelectorAsync("#comment-form");
        Assert.Equal(consultation.Title, (await page.TextContentAsync("h1"))!.Trim());
        // Readable on a phone: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        await page.FillAsync("#Name", "王某");
        await page.FillAsync("#Text", "建议保留夜间免费停车，方便居民。");
        await BrowserFixture.ScreenshotAsync(page, "public-consultation");

        await page.ClickAsync("#submit-comment");
        await page.WaitForSelectorAsync("#receipt-number");
        Assert.Equal($"{matter.Number}-C000001", (await page.TextContentAsync("#receipt-number"))!.Trim());
        await BrowserFixture.ScreenshotAsync(page, "public-comment-receipt");
        var row = await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().SingleAsync());
        Assert.Equal(("王某", "建议保留夜间免费停车，方便居民。"), (row.SubmitterName, row.Text));
        await page.Context.CloseAsync();
    }
}
