using System.Net;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>GET /api/matters: the matters a user may see, newest first, with search, filters and paging.</summary>
public sealed class MatterListTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Matters_are_listed_newest_first_with_filters(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var parking = await driver.CreateMatterAsync("城区停车收费调整方案");
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var buses = await driver.CreateMatterAsync("公交线网优化方案");
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var water = await driver.CreateMatterAsync("居民阶梯水价调整方案");
        await driver.StartAsync(buses.Id);

        var client = await driver.As("drafter");
        var all = await client.GetAsync("/api/matters").ExpectAsync<MatterPage>(HttpStatusCode.OK, server);
        Assert.Equal(3, all.Total);
        Assert.Equal([water.Id, buses.Id, parking.Id], all.Items.Select(m => m.Id));
        Assert.Equal(InstanceStatus.Running, all.Items.Single(m => m.Id == buses.Id).InstanceStatus);

        var search = await client.GetAsync($"/api/matters?q={Uri.EscapeDataString("调整方案")}").ExpectAsync<MatterPage>(HttpStatusCode.OK, server);
        Assert.Equal([water.Id, parking.Id], search.Items.Select(m => m.Id));
        var byNumber = await client.GetAsync($"/api/matters?q={buses.Number}").ExpectAsync<MatterPage>(HttpStatusCode.OK, server);
        Assert.Equal(buses.Id, Assert.Single(byNumber.Items).Id);

        var running = await client.GetAsync("/api/matters?status=running").ExpectAsync<MatterPage>(HttpStatusCode.OK, server);
        Assert.Equal(buses.Id, Assert.Single(running.Items).Id);
        var notStarted = await client.GetAsync("/api/matters?status=notStarted").ExpectAsync<MatterPage>(HttpStatusCode.OK, server);
        Assert.Equal(2, notStarted.Total);

        var page2 = await client.GetAsync("/api/matters?page=2&pageSize=2").ExpectAsync<MatterPage>(HttpStatusCode.OK, server);
        Assert.Equal(3, page2.Total);
        Assert.Equal(parking.Id, Assert.Single(page2.Items).Id);

        // The legality review office plays a part in every matter of the county, so its reviewer sees them too.
        var reviewer = await driver.As("reviewer");
        Assert.Equal(3, (await reviewer.GetAsync("/api/matters").ExpectAsync<MatterPage>(HttpStatusCode.OK, server)).Total);
    }
}
