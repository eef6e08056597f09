using System.Net;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Initiation;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Initiation;

/// <summary>
/// Initiation (第三条、第十条至第十五条): excluded kinds, the initiation record, and attribute changes re-evaluating the gates.
/// Each test works on its own matter: the servers shared with other classes, one per database (<see
/// cref="SharedServers"/>).
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class InitiationTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_excluded_kind_of_decision_is_refused_with_the_reason(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        // The shared servers run one test at a time: no other test writes a matter meanwhile.
        var before = await server.WithDatabaseAsync(db => Task.FromResult(db.Matters.Count()));
        var refused = await drafter.PostJsonAsync("/api/matters", new { title = "县级财政贴息政策", category = "macro-control" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("category-excluded", "第三条第二款"), (refused.Code, refused.Article));
        Assert.Contains("宏观调控", refused.Detail);
        Assert.Equal(before, await server.WithDatabaseAsync(db => Task.FromResult(db.Matters.Count())));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_urgent_matter_cannot_complete_initiation_without_the_reason_on_record(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["urgent"] = true });
        var matterId = Guid.Parse(instance.MatterId);
        var task = Assert.Single(instance.OpenTasks);

        var refused = await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("urgent-reason-required", "第十五条"), (refused.Code, refused.Article));

        var drafter = await driver.As("drafter");
        var incomplete = await drafter.PostJsonAsync($"/api/matters/{matterId}/initiation", new { proposalSource = "department", inCatalogue = true, catalogueYear = 2026 })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-initiation", incomplete.Code);
        Assert.True(incomplete.Errors!.Value.TryGetProperty("urgentReason", out _));
        Assert.True(incomplete.Errors!.Value.TryGetProperty("catalogue", out _));

        var recorded = await drafter.PostJsonAsync($"/api/matters/{matterId}/initiation", new
        {
            proposalSource = "department", inCatalogue = true, catalogueYear = 2026, catalogueItem = "第3项 城区停车收费调整", urgentReason = "春节前须实施。",
        }).ExpectAsync<InitiationView>(HttpStatusCode.Created, server);
        Assert.Equal((2026, "第3项 城区停车收费调整"), (recorded.CatalogueYear, recorded.CatalogueItem));
        using (await driver.CompleteRawAsync("drafter", task.Id, "draft-prepared").ExpectAsync(HttpStatusCode.OK, server))
        {
        }
        Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "InitiationRecorded");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Attributes_changed_before_a_step_is_reached_decide_it_and_a_passed_step_is_never_reopened(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var matterId = Guid.Parse(instance.MatterId);
        var drafter = await driver.As("drafter");

        var noReason = await drafter.PostJsonAsync($"/api/matters/{matterId}/attributes", new { attributes = new { technical = true } })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-attribute-change", noReason.Code);

        instance = await drafter.PostJsonAsync($"/api/matters/{matterId}/attributes", new { attributes = new { technical = true }, reason = "涉及交通工程测算，专业性较强。" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.True(instance.Attributes["technical"]);
        var matter = await drafter.GetAsync($"/api/matters/{matterId}").ExpectAsync<MatterView>(HttpStatusCode.OK, server);
        Assert.True(matter.Attributes["technical"]);
        var changed = Assert.Single(await driver.JournalAsync(instance.Id), e => e.Type == "AttributesChanged");
        Assert.Equal("涉及交通工程测算，专业性较强。", changed.Comment);

        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        Assert.Contains(instance.OpenTasks, t => t.StepId == "expert-argumentation");
        Assert.Equal(StepStatus.Skipped, instance.Steps.Single(s => s.Id == "risk-assessment").Status);

        // Risk assessment was skipped when initiation completed: making it apply now is refused, and nothing changes.
        var before = await driver.GetInstanceAsync(instance.Id);
        var refused = await drafter.PostJsonAsync($"/api/matters/{matterId}/attributes", new { attributes = new { stabilityRisk = true }, reason = "补充稳评" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("attribute-change-reopens-skipped-step", "第二十二条至第二十四条"), (refused.Code, refused.Article));
        var after = await driver.GetInstanceAsync(instance.Id);
        Assert.Equal((before.JournalEntries, before.JournalHead), (after.JournalEntries, after.JournalHead));
        Assert.False((await drafter.GetAsync($"/api/matters/{matterId}").ExpectAsync<MatterView>(HttpStatusCode.OK, server)).Attributes.GetValueOrDefault("stabilityRisk"));

        // The expert step is active: declared not technical after all, it is skipped with the reason and the join goes on.
        instance = await drafter.PostJsonAsync($"/api/matters/{matterId}/attributes", new { attributes = new { technical = false }, reason = "经复核，专业性不强。" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        var experts = instance.Steps.Single(s => s.Id == "expert-argumentation");
        Assert.Equal(StepStatus.Skipped, experts.Status);
        Assert.Equal(["public-participation"], instance.OpenTasks.Select(t => t.StepId));
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }
}
