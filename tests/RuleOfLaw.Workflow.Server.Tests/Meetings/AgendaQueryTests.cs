using System.Net;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using Xunit.Abstractions;

namespace RuleOfLaw.Workflow.Server.Tests.Meetings;

/// <summary>
/// Issue 12 item 6: the secretary's meeting page offers the agenda candidates of the module's query (also
/// <c>GET /api/meetings/{id}/candidates</c>) with a number of SQL commands that does not grow with the matters waiting
/// for a meeting: no compliance report built per row.
/// </summary>
public sealed class AgendaQueryTests(ITestOutputHelper output)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_agenda_candidates_run_as_many_commands_for_three_matters_as_for_one(DatabaseProvider provider)
    {
        var commands = new RequestCommands();
        await using var server = await ServerFactory.StartAsync(provider, configure: commands.AddTo);
        using var driver = new ProcedureDriver(server);
        var first = await DecisionScenario.ToSchedulingAsync(driver);
        var meeting = await driver.CreateMeetingAsync();
        var page = $"/meetings/{meeting.Id}";
        var api = $"/api/meetings/{meeting.Id}/candidates";
        var secretary = await driver.As("secretary");
        using var web = new WebSession(server);
        await web.SignInAsync("secretary");

        var pageOne = await commands.OfAsync(page, () => web.GetAsync(page));
        var apiOne = await commands.OfAsync(api, () => secretary.GetAsync(api).ExpectAsync(HttpStatusCode.OK, server));
        var poolOne = await commands.OfAsync("/api/meetings/pool", () => secretary.GetAsync("/api/meetings/pool").ExpectAsync(HttpStatusCode.OK, server));

        await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("老旧小区改造计划")).Id);
        await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("公交线网优化方案")).Id);
        var early = await driver.StartAsync((await driver.CreateMatterAsync("农贸市场搬迁方案")).Id);
        AngleSharp.Html.Dom.IHtmlDocument? shown = null;
        var pageThree = await commands.OfAsync(page, async () => shown = await web.GetAsync(page));
        List<AgendaCandidate>? candidates = null;
        var apiThree = await commands.OfAsync(api, async () => candidates = await secretary.GetAsync(api).ExpectAsync<List<AgendaCandidate>>(HttpStatusCode.OK, server));
        List<PoolItem>? pool = null;
        var poolThree = await commands.OfAsync("/api/meetings/pool", async () =>
            pool = await secretary.GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server));

        Assert.Equal(3, shown!.QuerySelectorAll("#place-form select[name=MatterId] option").Length);
        Assert.NotNull(shown.QuerySelector($"#ineligible li[data-matter='{early.Id}']"));
        Assert.Equal(4, candidates!.Count);
        Assert.Contains(candidates, c => c.MatterId == first.Id && c.AwaitingScheduling && c.Unmet.Count == 0);
        Assert.Equal(3, pool!.Count);
        output.WriteLine($"{provider}: {page} {pageOne} commands with one candidate, {pageThree} with four; candidates API {apiOne}, {apiThree}; pool API {poolOne}, {poolThree}");
        Assert.Equal(pageOne, pageThree);
        Assert.Equal(apiOne, apiThree);
        Assert.Equal(poolOne, poolThree);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_meetings_list_runs_as_many_commands_for_three_meetings_as_for_one(DatabaseProvider provider)
    {
        var commands = new RequestCommands();
        await using var server = await ServerFactory.StartAsync(provider, configure: commands.AddTo);
        using var driver = new ProcedureDriver(server);
        var first = await driver.CreateMeetingAsync();
        await driver.PlaceAsync(first.Id, (await DecisionScenario.ToSchedulingAsync(driver)).Id);
        var secretary = await driver.As("secretary");
        using var web = new WebSession(server);
        await web.SignInAsync("secretary");
        var pageOne = await commands.OfAsync("/meetings", () => web.GetAsync("/meetings"));
        var apiOne = await commands.OfAsync("/api/meetings", () => secretary.GetAsync("/api/meetings").ExpectAsync(HttpStatusCode.OK, server));

        var second = await driver.CreateMeetingAsync(date: driver.Today.AddDays(7));
        await driver.PlaceAsync(second.Id, (await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("老旧小区改造计划")).Id)).Id);
        await driver.PlaceAsync(second.Id, (await DecisionScenario.ToSchedulingAsync(driver, matterId: (await driver.CreateMatterAsync("公交线网优化方案")).Id)).Id);
        await driver.CreateMeetingAsync("plenary", driver.Today.AddDays(14));
        AngleSharp.Html.Dom.IHtmlDocument? shown = null;
        var pageThree = await commands.OfAsync("/meetings", async () => shown = await web.GetAsync("/meetings"));
        List<MeetingView>? meetings = null;
        var apiThree = await commands.OfAsync("/api/meetings", async () =>
            meetings = await secretary.GetAsync("/api/meetings").ExpectAsync<List<MeetingView>>(HttpStatusCode.OK, server));

        Assert.Equal(3, shown!.QuerySelectorAll("#meetings tr[data-meeting]").Length);
        var listed = meetings!;
        Assert.Equal([0, 2, 1], listed.Select(m => m.Agenda.Count));
        Assert.Equal([1, 2], listed[1].Agenda.Select(a => a.Position));
        Assert.Equal("老旧小区改造计划", listed[1].Agenda[0].MatterTitle);
        output.WriteLine($"{provider}: /meetings {pageOne} commands with one meeting, {pageThree} with three; /api/meetings {apiOne}, {apiThree}");
        Assert.Equal(pageOne, pageThree);
        Assert.Equal(apiOne, apiThree);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_pool_and_the_candidates_are_the_meeting_secretarys_only(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var meeting = await driver.CreateMeetingAsync();
        foreach (var user in new[] { "drafter", "chief", "member" })
        {
            var client = await driver.As(user);
            var pool = await client.GetAsync("/api/meetings/pool").ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("forbidden", pool.Code);
            Assert.Contains("会议秘书", pool.Detail);
        }
        // The chief sits in the organ's meetings (she sees the meeting) but does not arrange its agenda.
        var candidates = await (await driver.As("chief")).GetAsync($"/api/meetings/{meeting.Id}/candidates").ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", candidates.Code);
        Assert.Empty(await (await driver.As("secretary")).GetAsync("/api/meetings/pool").ExpectAsync<List<PoolItem>>(HttpStatusCode.OK, server));
    }
}
