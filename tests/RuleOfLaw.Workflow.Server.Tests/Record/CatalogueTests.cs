using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Record.Catalogue;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>The annual catalogue (issue 15 item 1, 第十条第二款) through the API, on both databases.</summary>
public sealed class CatalogueTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_catalogue_is_drafted_consented_published_adjusted_and_matters_link_to_it(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var secretary = await driver.As("secretary");
        var drafter = await driver.As("drafter");

        // The government's general office drafts it; a drafting officer may not.
        Assert.Equal("forbidden", (await drafter.PostJsonAsync("/api/record/catalogues", new { organId = "demo-county", year = 2026 }).ReadProblemAsync(HttpStatusCode.Forbidden)).Code);
        var catalogue = await secretary.PostJsonAsync("/api/record/catalogues", new { organId = "demo-county", year = 2026 }).ExpectAsync<CatalogueView>(HttpStatusCode.Created, server);
        Assert.Equal("draft", catalogue.Status);
        var twice = await secretary.PostJsonAsync("/api/record/catalogues", new { organId = "demo-county", year = 2026 }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("catalogue-exists", twice.Code);

        var url = $"/api/record/catalogues/{catalogue.Id}";
        await secretary.PostJsonAsync($"{url}/items", new { title = "示范县城区停车收费调整方案", draftingUnitId = "demo-county-drc", plannedQuarter = 2 }).ExpectAsync(HttpStatusCode.OK, server);
        var withTwo = await secretary.PostJsonAsync($"{url}/items", new { title = "示范县老旧小区改造三年计划", draftingUnitId = "demo-county-drc", plannedQuarter = 3 })
            .ExpectAsync<CatalogueView>(HttpStatusCode.OK, server);
        Assert.Equal([1, 2], withTwo.Items.Select(i => i.Number));
        Assert.Equal("invalid-item", (await secretary.PostJsonAsync($"{url}/items", new { title = "事项", draftingUnitId = "demo-city-drc", plannedQuarter = 1 })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);

        // Published only after the Party committee consented (第十条); frozen from the consent on.
        var early = await secretary.PostJsonAsync($"{url}/publish", new { }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("party-consent-missing", "第十条"), (early.Code, early.Article));
        var anonymous = server.CreateAnonymousClient();
        await anonymous.GetAsync("/api/public/catalogues/demo-county/2026").ReadProblemAsync(HttpStatusCode.NotFound);
        await secretary.PostJsonAsync($"{url}/consent", new { consentedOn = "2026-03-01", note = "县委常委会第5次会议同意" }).ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("catalogue-not-draft", (await secretary.PostJsonAsync($"{url}/items", new { title = "事项", draftingUnitId = "demo-county-drc", plannedQuarter = 1 })
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        var published = await secretary.PostJsonAsync($"{url}/publish", new { }).ExpectAsync<CatalogueView>(HttpStatusCode.OK, server);
        Assert.Equal(("published", new DateOnly(2026, 3, 1)), (published.Status, published.ConsentedOn!.Value));

        // Adjustments: a reason is required; a withdrawn item stays listed, marked, with the reason on the portal.
        Assert.Equal("adjustment-reason-required", (await secretary.PostJsonAsync($"{url}/adjustments", new { kind = "withdraw", itemId = withTwo.Items[1].Id })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        await secretary.PostJsonAsync($"{url}/adjustments", new { kind = "withdraw", itemId = withTwo.Items[1].Id, reason = "纳入市级统一改造计划" })
            .ExpectAsync(HttpStatusCode.OK, server);
        await secretary.PostJsonAsync($"{url}/adjustments", new { kind = "add", reason = "上级部署新增", title = "示范县公交线网优化方案", draftingUnitId = "demo-county-drc", plannedQuarter = 4 })
            .ExpectAsync(HttpStatusCode.OK, server);
        var onPortal = await anonymous.GetAsync("/api/public/catalogues/demo-county/2026").ExpectAsync<CatalogueView>(HttpStatusCode.OK, server);
        Assert.Equal([(1, false, false), (2, true, false), (3, false, true)], onPortal.Items.Select(i => (i.Number, i.Withdrawn, i.AddedByAdjustment)));
        Assert.Equal([("withdraw", 2, "纳入市级统一改造计划"), ("add", 3, "上级部署新增")], onPortal.Adjustments.Select(a => (a.Kind, a.ItemNumber, a.Reason)));
        Assert.Null(onPortal.MattersOutside);

        // Matters link to their item; the others are visible as outside the catalogue.
        var inside = await driver.CreateMatterAsync("示范县城区停车收费调整方案");
        var outside = await driver.CreateMatterAsync("示范县临时占道管理办法");
        var linked = await drafter.PostJsonAsync($"/api/matters/{inside.Id}/catalogue-item", new { itemId = withTwo.Items[0].Id }).ExpectAsync<CatalogueView>(HttpStatusCode.OK, server);
        Assert.Equal([inside.Id], linked.Items[0].Matters.Select(m => m.Id));
        Assert.Equal([outside.Id], linked.MattersOutside!.Select(m => m.Id));
        Assert.Equal("item-not-listed", (await drafter.PostJsonAsync($"/api/matters/{outside.Id}/catalogue-item", new { itemId = withTwo.Items[1].Id })
            .ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        // Catalogue execution: items 1 and 3 listed (2 withdrawn), none decided yet; item 1's matter in the drill-down.
        var chief = await driver.As("chief");
        var execution = await chief.GetAsync("/api/record/indicators/catalogue-execution-rate/matters?organId=demo-county&year=2026")
            .ExpectAsync<RuleOfLaw.Workflow.Server.Record.Indicators.IndicatorDrillDown>(HttpStatusCode.OK, server);
        Assert.Equal((0L, (long?)2L), (execution.Figure.Value, execution.Figure.Of));
        Assert.Equal([(inside.Id, "1", false)], execution.Matters.Select(m => (m.MatterId, m.Note!, m.Counted)));

        // Officials of the government see it; the city's drafter does not.
        await (await driver.As("chief")).GetAsync(url).ExpectAsync(HttpStatusCode.OK, server);
        await (await driver.As("citydrafter")).GetAsync(url).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
