using System.Net;
using AngleSharp.Html.Parser;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Record.Experts;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>Expert information and opinions on the portal (issue 15 item 7): after publication, with the expert's consent.</summary>
public sealed class ExpertDisclosureTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_portal_shows_a_consenting_experts_opinion_only_after_the_decision_is_published(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true });
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "expert-argumentation", "opinion-submitted");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        await driver.AdvanceFromSubmissionToReviewAsync(instance.Id);
        await driver.CompleteAsync(instance.Id, "legality-review", "lawful");
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");
        await driver.CompleteAsync(instance.Id, "party-committee-report", "reported");
        var anonymous = server.CreateAnonymousClient();
        var url = $"/api/public/decisions/{instance.Id}/experts";
        var consent = $"/api/matters/{instance.Id}/experts/{ExpertDemoData.LinkedExpertId}/disclosure-consent";

        // The drafting unit records it only from the expert's written consent; a reviewer may not; the expert may.
        var drafter = await driver.As("drafter");
        Assert.Equal("written-consent-required", (await drafter.PostJsonAsync(consent, new { }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("forbidden", (await (await driver.As("reviewer")).PostJsonAsync(consent, new { note = "同意" }).ReadProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("expert-not-on-panel", (await drafter.PostJsonAsync($"/api/matters/{instance.Id}/experts/{Guid.NewGuid()}/disclosure-consent", new { note = "同意书" })
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        // Before publication nothing is shown, consent or not.
        await anonymous.GetAsync(url).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await driver.As("expert")).PostJsonAsync(consent, new { }).ExpectAsync(HttpStatusCode.NoContent, server);
        await anonymous.GetAsync(url).ReadProblemAsync(HttpStatusCode.NotFound);

        var secretary = await driver.As("secretary");
        await secretary.PostJsonAsync($"/api/matters/{instance.Id}/publication",
            new { channels = new[] { "website" }, publishedOn = driver.Today, opinionsUse = "采纳专家意见，补充交通流量测算。" }).ExpectAsync(HttpStatusCode.Created, server);
        var panel = await anonymous.GetAsync(url).ExpectAsync<PublicExpertPanel>(HttpStatusCode.OK, server);
        var expert = Assert.Single(panel.Experts);
        Assert.Equal("方案总体可行，建议补充交通流量测算。", Assert.Single(expert.Opinions).Text);
        Assert.Equal(0, panel.NotDisclosed);

        // The public decision page shows the same panel.
        var page = await new HtmlParser().ParseDocumentAsync(await anonymous.GetStringAsync($"/public/decisions/{instance.Id}"));
        var shown = Assert.Single(page.QuerySelectorAll("#experts li.expert"));
        Assert.Contains(expert.Name, shown.TextContent);
        Assert.Contains("方案总体可行，建议补充交通流量测算。", shown.TextContent);
        Assert.Null(page.QuerySelector("#experts-not-disclosed"));
    }
}
