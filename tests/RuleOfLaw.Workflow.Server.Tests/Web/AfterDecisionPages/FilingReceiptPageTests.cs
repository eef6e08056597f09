using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Web.AfterDecisionPages;

/// <summary>The filing receipt that arrives after the filing step is done: recorded on the filing page (art. 43), once.</summary>
public sealed class FilingReceiptPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_receipt_arriving_after_the_step_is_recorded_on_the_filing_page(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        var task = await driver.OpenTaskAsync(instance.Id, "filing");
        await driver.CompleteAsync(instance.Id, "filing", "filed"); // filed today, no receipt yet
        driver.MoveClockTo(server.Clock.GetUtcNow().AddDays(3));
        using var web = new WebSession(server);
        await web.SignInAsync("secretary");

        var page = await web.GetAsync($"/after-decision/filing/{task.Id}");
        var form = WebSession.Form(page, "#receipt-form");
        var today = driver.Today;
        var (_, refused) = await web.SubmitAsync(form, new Dictionary<string, string[]> { ["ReceiptNumber"] = ["备2026-7"], ["ReceivedOn"] = [today.AddDays(1).ToString("yyyy-MM-dd")] });
        Assert.Contains("第四十三条", refused.QuerySelector("#ReceivedOn-error")!.TextContent);

        var (status, after) = await web.SubmitAsync(WebSession.Form(refused, "#receipt-form"),
            new Dictionary<string, string[]> { ["ReceiptNumber"] = ["备2026-7"], ["ReceivedOn"] = [today.ToString("yyyy-MM-dd")] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("已记录备案回执。", after.QuerySelector("[role=status]")!.TextContent.Trim());
        var row = await server.WithDatabaseAsync(db => db.Set<FilingRecord>().SingleAsync());
        Assert.Equal(("备2026-7", today), (row.ReceiptNumber, row.ReceivedOn));
        Assert.Null(after.QuerySelector("#receipt-form")); // nothing left awaiting a receipt

        // Only the filing officer's role records it.
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        Assert.Null((await drafter.GetAsync($"/after-decision/filing/{task.Id}")).QuerySelector("#receipt-form"));
    }
}
