using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Two jurisdictions side by side: the demo county (default) and the demo city (example-province). Matters record
/// their jurisdiction; an instance keeps the settings it started with even when the settings change later.
/// </summary>
public sealed class JurisdictionTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_jurisdictions_are_listed_with_their_settings(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = await server.SignInAsync("drafter");

        using var response = await client.GetAsync("/api/jurisdictions").ExpectAsync(HttpStatusCode.OK, server);
        var list = (await response.ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["default", "example-province"], list.Select(j => j.GetProperty("id").GetString()));
        Assert.All(list, j => Assert.Equal("Asia/Shanghai", j.GetProperty("timeZone").GetString()));

        var defaults = list[0].GetProperty("settings");
        var publication = defaults.GetProperty("periods").GetProperty("publicationDeadline");
        Assert.Equal((20, "workingDays"), (publication.GetProperty("days").GetInt32(), publication.GetProperty("counting").GetString()));
        Assert.Contains("第二十六条", publication.GetProperty("article").GetString());
        Assert.Equal(2, defaults.GetProperty("evaluationsPerOrganPerYear").GetInt32());
        // Expert-panel rules are off by default (null values are left out of the response).
        Assert.False(defaults.GetProperty("expertPanel").TryGetProperty("minimumSize", out var size) && size.ValueKind != JsonValueKind.Null);
        Assert.False(defaults.GetProperty("expertPanel").GetProperty("oddNumber").GetBoolean());

        var province = list[1].GetProperty("settings");
        Assert.Equal(15, province.GetProperty("periods").GetProperty("publicationDeadline").GetProperty("days").GetInt32());
        Assert.Equal([15, 30], province.GetProperty("filing").EnumerateArray().Select(f => f.GetProperty("deadline").GetProperty("days").GetInt32()));
        var panel = province.GetProperty("expertPanel");
        Assert.Equal((5, true, 1, 3), (panel.GetProperty("minimumSize").GetInt32(), panel.GetProperty("oddNumber").GetBoolean(),
            panel.GetProperty("maxGovernmentEmployedShare").GetProperty("numerator").GetInt32(),
            panel.GetProperty("maxGovernmentEmployedShare").GetProperty("denominator").GetInt32()));
        Assert.Equal(3, province.GetProperty("evaluationsPerOrganPerYear").GetInt32());

        await server.CreateAnonymousClient().GetAsync("/api/jurisdictions").ExpectAsync(HttpStatusCode.Unauthorized, server);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Matters_record_their_jurisdiction_and_instances_start_with_its_settings(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);

        var county = await driver.CreateMatterAsync("示范县停车收费调整");
        var city = await driver.CreateMatterAsync("示范市停车收费调整", user: "citydrafter");
        Assert.Equal(("demo-county", "default"), (county.DecisionOrganId, county.JurisdictionId));
        Assert.Equal(("demo-city", "example-province"), (city.DecisionOrganId, city.JurisdictionId));
        Assert.Equal("demo-city-justice", city.Assignments["legality-review-office"]);
        var shown = await (await driver.As("citydrafter")).GetAsync($"/api/matters/{city.Id}").ExpectAsync<MatterView>(HttpStatusCode.OK, server);
        Assert.Equal("example-province", shown.JurisdictionId);

        await driver.StartAsync(county.Id);
        await driver.StartAsync(city.Id, "citydrafter");
        Assert.Equal(20, (await StoredSnapshotAsync(server, county.Id)).Periods["publicationDeadline"].Days);
        var snapshot = await StoredSnapshotAsync(server, city.Id);
        Assert.Equal(("example-province", 15, 15), (snapshot.Id, snapshot.Periods["publicationDeadline"].Days, snapshot.Periods["filingDeadline"].Days));

        // The journal's first entry records the jurisdiction and its periods (what the procedure was started under).
        var started = (await driver.JournalAsync(city.Id, "citydrafter"))[0];
        Assert.Equal("InstanceStarted", started.Type);
        Assert.Contains("\"example-province\"", started.DataJson);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Changing_the_settings_after_the_start_does_not_change_a_running_instance(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var started = await driver.StartNewAsync();

        // The settings change (as after editing default.json and restarting): publication within 5 working days.
        var registry = server.Services.GetRequiredService<JurisdictionRegistry>();
        var original = registry.Get("default")!;
        var periods = original.Periods.ToDictionary();
        periods[JurisdictionSettings.PublicationDeadline] = new SettingPeriod { Days = 5, Counting = DayCounting.WorkingDays, Article = "修改后的规定" };
        registry.Set(original with { Periods = periods });

        var review = await driver.AdvanceToLegalityReviewAsync(started.Id);
        driver.MoveClockTo(review.OpenTasks.Single(t => t.StepId == "legality-review").CreatedAt.AddDays(14));
        await driver.CompleteAsync(started.Id, "legality-review", "lawful");
        await driver.CompleteAsync(started.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(started.Id, "collective-decision", "approved");
        await driver.CompleteAsync(started.Id, "party-committee-report", "reported");

        var publication = await driver.OpenTaskAsync(started.Id, "publication");
        var calculator = server.Services.GetRequiredService<DeadlineCalculator>();
        Assert.Equal(calculator.AfterDays(publication.CreatedAt, 20, DayCounting.WorkingDays).EndsAtUtc, publication.DueAt);
        Assert.Contains("publicationDeadline（20个工作日", publication.DueRule);

        // A procedure started now gets the new value.
        var later = await driver.StartNewAsync(title: "修改设置后启动的事项");
        Assert.Equal(5, (await StoredSnapshotAsync(server, later.Id)).Periods["publicationDeadline"].Days);
    }

    private static Task<JurisdictionSnapshot> StoredSnapshotAsync(ServerFactory server, Guid instanceId) =>
        server.WithDatabaseAsync(async db =>
        {
            var json = (await db.Instances.FindAsync(instanceId))!.StateJson;
            return InstanceStateJson.Deserialize(json).Jurisdiction!;
        });
}
