using System.Net;
using AngleSharp.Html.Parser;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Catalogue;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>
/// The record's pages over the same services as the API: the published catalogue on the portal (issue 15 item 1) and
/// the accountability view (item 6, arts. 38-41), on both databases.
/// </summary>
public sealed class RecordPagesTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_portal_shows_a_published_catalogue_with_its_withdrawn_item_and_the_adjustments_reasons_and_nothing_before_publication(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var secretary = await driver.As("secretary");
        var anonymous = server.CreateAnonymousClient();
        var catalogue = await secretary.PostJsonAsync("/api/record/catalogues", new { organId = "demo-county", year = 2026 }).ExpectAsync<CatalogueView>(HttpStatusCode.Created, server);
        var url = $"/api/record/catalogues/{catalogue.Id}";
        await secretary.PostJsonAsync($"{url}/items", new { title = "示范县城区停车收费调整方案", draftingUnitId = "demo-county-drc", plannedQuarter = 2 }).ExpectAsync(HttpStatusCode.OK, server);
        var two = await secretary.PostJsonAsync($"{url}/items", new { title = "示范县老旧小区改造三年计划", draftingUnitId = "demo-county-drc", plannedQuarter = 3 })
            .ExpectAsync<CatalogueView>(HttpStatusCode.OK, server);

        // A draft is not on the portal (a 404 is not kept by the portal's output cache; the list, a 200, would be for a minute).
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/public/catalogues/demo-county/2026")).StatusCode);

        await secretary.PostJsonAsync($"{url}/consent", new { consentedOn = "2026-03-01", note = "县委常委会第5次会议同意" }).ExpectAsync(HttpStatusCode.OK, server);
        await secretary.PostJsonAsync($"{url}/publish", new { }).ExpectAsync(HttpStatusCode.OK, server);
        await secretary.PostJsonAsync($"{url}/adjustments", new { kind = "withdraw", itemId = two.Items[1].Id, reason = "纳入市级统一改造计划" }).ExpectAsync(HttpStatusCode.OK, server);

        var list = await new HtmlParser().ParseDocumentAsync(await anonymous.GetStringAsync("/public/catalogues"));
        Assert.Equal(["/public/catalogues/demo-county/2026"], list.QuerySelectorAll("#catalogues a").Select(a => a.GetAttribute("href")!));
        var page = await new HtmlParser().ParseDocumentAsync(await anonymous.GetStringAsync("/public/catalogues/demo-county/2026"));
        Assert.Contains("2026-03-01", page.QuerySelector("#consent")!.TextContent);
        Assert.Contains("县委常委会第5次会议同意", page.QuerySelector("#consent")!.TextContent);
        Assert.Equal([("1", null), ("2", "withdrawn")], page.QuerySelectorAll("#items tbody tr").Select(r => (r.GetAttribute("data-item")!, r.GetAttribute("class"))));
        Assert.Contains("示范县发展和改革局", page.QuerySelector("tr[data-item='1']")!.TextContent);
        var adjustment = Assert.Single(page.QuerySelectorAll("#adjustments tbody tr"));
        Assert.Equal("withdraw", adjustment.GetAttribute("data-kind"));
        Assert.Contains("纳入市级统一改造计划", adjustment.TextContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_accountability_pages_show_the_journal_acts_in_order_to_supervisors_and_refuse_others_with_403(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var journal = await driver.JournalAsync(instance.Id);
        var review = journal.First(j => j.Type == "TaskCompleted" && j.StepId == "legality-review");

        var chief = await driver.As("chief");
        var page = await new HtmlParser().ParseDocumentAsync(await chief.GetStringAsync($"/record/accountability/{instance.Id}"));
        var sequences = page.QuerySelectorAll("table.acts tbody tr").Select(r => long.Parse(r.GetAttribute("data-sequence")!)).ToList();
        Assert.NotEmpty(sequences);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Contains("legality-reviewer", page.QuerySelector($"tr[data-sequence='{review.Sequence}']")!.TextContent);

        var person = await new HtmlParser().ParseDocumentAsync(await chief.GetStringAsync($"/record/accountability/people/{review.ActorId}?organId=demo-county"));
        Assert.Equal([instance.Id.ToString()], person.QuerySelectorAll("section.accountability").Select(s => s.GetAttribute("data-matter")!));

        using var refused = await (await driver.As("drafter")).GetAsync($"/record/accountability/{instance.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = (await new HtmlParser().ParseDocumentAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("#refusal")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(text));
    }
}
