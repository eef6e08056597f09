using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Initiation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Initiation;

/// <summary>The initiation step page: the initiation record and the attribute change through the API's handlers, then completion.</summary>
public sealed class InitiationPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_urgent_matter_needs_its_reason_next_to_the_field_before_the_record_and_the_step_go_through(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["urgent"] = true });
        var task = await driver.OpenTaskAsync(instance.Id, "initiation");
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        // The dossier's task link opens this step's page, not the generic form.
        var dossier = await web.GetAsync($"/matters/{instance.MatterId}");
        Assert.Equal($"/initiation/{task.Id}", dossier.QuerySelector("a[data-task-step=initiation]")!.GetAttribute("href"));

        var page = await web.GetAsync($"/initiation/{task.Id}");
        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#initiation-form"), new Dictionary<string, string[]>
        {
            ["ProposalSource"] = ["department"], ["InCatalogue"] = ["true"], ["CatalogueYear"] = ["2026"], ["CatalogueItem"] = ["城区停车收费调整"],
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("第十五条", refused.QuerySelector("#UrgentReason-error")!.TextContent);
        Assert.Equal("true", refused.QuerySelector("#UrgentReason")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<MatterInitiation>().CountAsync()));

        // Completing before the record is refused by the initiation guard, at form level, with its article.
        var (_, blocked) = await web.SubmitAsync(WebSession.Form(refused, "#task-form"));
        Assert.Contains("第十五条", blocked.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "initiation")).Status);

        (status, var recorded) = await web.SubmitAsync(WebSession.Form(blocked, "#initiation-form"), new Dictionary<string, string[]>
        {
            ["ProposalSource"] = ["department"], ["InCatalogue"] = ["true"], ["CatalogueYear"] = ["2026"], ["CatalogueItem"] = ["城区停车收费调整"],
            ["UrgentReason"] = ["汛期前须完成停车设施改造。"],
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/initiation/{task.Id}", web.Location);
        Assert.Contains("2026 · 城区停车收费调整", recorded.QuerySelector("#initiation-record")!.TextContent);
        Assert.Equal("城区停车收费调整", await server.WithDatabaseAsync(db => db.Set<MatterInitiation>().Select(i => i.CatalogueItem).SingleAsync()));

        (status, _) = await web.SubmitAsync(WebSession.Form(recorded, "#task-form"), new Dictionary<string, string[]> { ["Comment"] = ["草案已起草。"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        var done = await server.WithDatabaseAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        Assert.Equal(nameof(WorkTaskStatus.Completed), done.Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_over_long_form_key_posted_by_hand_is_hashed_not_stored_as_is(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = await driver.OpenTaskAsync(instance.Id, "initiation");
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        var page = await web.GetAsync($"/initiation/{task.Id}");
        var (status, recorded) = await web.SubmitAsync(WebSession.Form(page, "#initiation-form"),
            new Dictionary<string, string[]> { ["ProposalSource"] = ["public"], ["FormKey"] = [new string('k', 5000)] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(recorded.QuerySelector("#initiation-record"));
        var keys = await server.WithDatabaseAsync(db => db.ProcessedCommands.Select(c => c.Key).ToListAsync());
        Assert.Contains(keys, k => k.Contains(":client:sha256:", StringComparison.Ordinal));
        Assert.All(keys, k => Assert.True(k.Length <= 300, k));
    }

    [Fact]
    public async Task An_attribute_change_needs_a_reason_and_then_skips_the_step_it_no_longer_needs()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true });
        var task = await driver.OpenTaskAsync(instance.Id, "initiation");
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/initiation/{task.Id}");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#change-technical")!).IsChecked);

        var untick = new Dictionary<string, string[]> { ["Attributes"] = [] };
        var (_, refused) = await web.SubmitAsync(WebSession.Form(page, "#attributes-form"), untick);
        Assert.NotNull(refused.QuerySelector("#AttributeReason-error"));
        Assert.True(await server.WithDatabaseAsync(db => db.Matters.Select(m => m.AttributesJson).SingleAsync()) is { } json && json.Contains("\"technical\":true"));

        var (_, changed) = await web.SubmitAsync(WebSession.Form(refused, "#attributes-form"),
            new Dictionary<string, string[]> { ["Attributes"] = [], ["AttributeReason"] = ["经核实不涉及专业技术问题。"] });
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)changed.QuerySelector("#change-technical")!).IsChecked);
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var state = await driver.GetInstanceAsync(instance.Id);
        Assert.Equal(StepStatus.Skipped, state.Steps.Single(s => s.Id == "expert-argumentation").Status);
    }
}
