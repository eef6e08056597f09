using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Web.AfterDecisionPages;

/// <summary>
/// The adjustment page (arts. 35 and 37) through its real form: the chief executive opens a new matter linked to the
/// issued decision; the API's refusals (missing reason, decision not issued) with the API's status, nothing written.
/// </summary>
public sealed class AdjustmentPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_chief_executive_opens_an_adjustment_matter_linked_to_the_issued_decision(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);

        // The drafting officer sees the page, not the form (only the chief executive or the drafting head may adjust).
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        var dossier = await drafter.GetAsync($"/matters/{instance.Id}");
        Assert.Equal($"/matters/{instance.Id}/adjustment", dossier.QuerySelector("#adjustment-link")!.GetAttribute("href"));
        var page = await drafter.GetAsync($"/matters/{instance.Id}/adjustment");
        Assert.NotNull(page.QuerySelector("#may-not-adjust"));
        Assert.Null(page.QuerySelector("#adjustment-form"));

        using var web = new WebSession(server);
        await web.SignInAsync("chief");
        page = await web.GetAsync($"/matters/{instance.Id}/adjustment");
        Assert.NotNull(page.QuerySelector("#no-adjustment"));

        // No reason: the API's 400 next to the field, nothing written.
        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#adjustment-form"),
            new Dictionary<string, string[]> { ["Title"] = ["停车收费调整方案（调整）"] });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(refused.QuerySelector("#Reason-error"));
        Assert.Equal("true", refused.QuerySelector("#Reason")!.GetAttribute("aria-invalid"));
        Assert.Equal("停车收费调整方案（调整）", ((IHtmlInputElement)refused.QuerySelector("#Title")!).Value);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<MatterLink>().CountAsync()));

        (status, var opened) = await web.SubmitAsync(WebSession.Form(refused, "#adjustment-form"),
            new Dictionary<string, string[]> { ["Title"] = ["停车收费调整方案（调整）"], ["Reason"] = ["收费标准需重新论证。"] });
        Assert.Equal(HttpStatusCode.OK, status);
        var link = await server.WithDatabaseAsync(db => db.Set<MatterLink>().SingleAsync());
        Assert.Equal((instance.Id, "adjustment", "收费标准需重新论证。"), (link.OriginalMatterId, link.Kind, link.Reason));
        Assert.Equal($"/matters/{link.NewMatterId}", web.Location); // the new matter's dossier, to start its procedure
        Assert.NotNull(opened.QuerySelector("#start-heading")); // not started yet: the drafting unit starts it
        var number = await server.WithDatabaseAsync(db => db.Matters.Where(m => m.Id == link.NewMatterId).Select(m => m.Number).SingleAsync());
        Assert.Contains(number, opened.QuerySelector("[role=status]")!.TextContent);
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "AdjustmentMatterOpened");

        // Both matters show the link, each from its side.
        page = await web.GetAsync($"/matters/{instance.Id}/adjustment");
        Assert.Equal(link.NewMatterId.ToString(), page.QuerySelector("#adjustments li[data-direction=adjustment]")!.GetAttribute("data-matter"));
        page = await web.GetAsync($"/matters/{link.NewMatterId}/adjustment");
        Assert.Equal(instance.Id.ToString(), page.QuerySelector("#adjustments li[data-direction=original]")!.GetAttribute("data-matter"));

        var english = await web.GetAsync($"/lang/en?returnUrl={Uri.EscapeDataString($"/matters/{instance.Id}/adjustment")}");
        Assert.StartsWith("Adjustment of the decision", english.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_decision_not_yet_issued_cannot_be_adjusted_and_a_forged_post_answers_409()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        using var web = new WebSession(server);
        await web.SignInAsync("drafthead");
        var page = await web.GetAsync($"/matters/{matter.Id}/adjustment");
        Assert.NotNull(page.QuerySelector("#not-issued"));
        Assert.Null(page.QuerySelector("#adjustment-form"));

        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var response = await web.Client.PostAsync($"/matters/{matter.Id}/adjustment", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Title", "调整"), new("Reason", "理由")]));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("第三十五条", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<MatterLink>().CountAsync()));
    }
}
