using System.Net;
using AngleSharp.Html.Parser;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>The dashboard page (issue 15 item 3): the API's figures, a server-drawn accessible SVG chart, the drill-down page.</summary>
public sealed class DashboardPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_dashboard_shows_the_years_figures_with_an_accessible_chart_and_drills_down(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        var seeded = await server.WithDatabaseAsync(SeededYear.WriteAsync);
        var chief = await server.SignInAsync("chief");

        using var response = await chief.GetAsync("/record/dashboard?organId=demo-county&year=2026");
        await response.ExpectAsync(HttpStatusCode.OK, server);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var svg = page.QuerySelector("svg#shares")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("合法性审查率", svg.QuerySelector("desc")!.TextContent);
        Assert.Contains("75%", svg.QuerySelector("desc")!.TextContent);
        var legality = page.QuerySelector("tr[data-indicator='legality-review-rate']")!;
        Assert.Contains("3/4（75%）", legality.TextContent);
        Assert.Equal("breach", legality.GetAttribute("class"));
        Assert.Null(page.QuerySelector("tr[data-indicator='expert-argumentation-rate']")!.GetAttribute("class"));
        Assert.Null(page.QuerySelector("script[src^='http']"));

        var drill = legality.QuerySelector("a")!.GetAttribute("href")!;
        var detail = await new HtmlParser().ParseDocumentAsync(await chief.GetStringAsync(drill));
        Assert.Equal([seeded.M8.ToString()], detail.QuerySelectorAll("tr.breach").Select(r => r.GetAttribute("data-matter")!));

        using var refused = await (await server.SignInAsync("drafter")).GetAsync("/record/dashboard?organId=demo-county&year=2026");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
