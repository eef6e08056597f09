using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.LegalityReview;

/// <summary>
/// Arts. 15 and 26 are period rules of version 4's definition; the server has no guard of its own. An instance started
/// on version 3 (no period rules) before version 4 was installed is moved to version 4 when it is, journaled by the
/// system with the reason, and still gets the art. 26 refusal; an instance left on version 3 is judged by version 4's rule.
/// </summary>
public sealed class PinnedVersionUpgradeTests : IDisposable
{
    /// <summary>Wednesday 29 April 2026, 10:00 in Beijing: the 7 working days run to 05-12 across the Labour Day holiday.</summary>
    private static readonly DateTimeOffset BeforeLabourDay = new(2026, 4, 29, 2, 0, 0, TimeSpan.Zero);

    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-upgrade-").FullName;

    public PinnedVersionUpgradeTests()
    {
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        foreach (var folder in new[] { "calendars", "jurisdictions" })
        {
            Directory.CreateDirectory(Path.Combine(_workflows, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, Path.Combine(_workflows, folder, Path.GetFileName(file)));
            }
        }
    }

    /// <summary>
    /// Version 3 as it was shipped (Fixtures/, copied from the history of workflows/): no period rules; arts. 15 and 26
    /// were server guards then.
    /// </summary>
    private static string VersionThree()
    {
        var text = File.ReadAllText(Path.Combine(DefinitionEndpointTests.RepositoryRoot,
            "tests", "RuleOfLaw.Workflow.Server.Tests", "LegalityReview", "Fixtures", "major-administrative-decision-v3.json"));
        Assert.Contains("\"version\": 3,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"restricts\"", text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Version 4 as it was shipped (Fixtures/; version 5 moved the meeting's members onto party tasks since).</summary>
    private static string VersionFour()
    {
        var text = File.ReadAllText(Path.Combine(DefinitionEndpointTests.RepositoryRoot,
            "tests", "RuleOfLaw.Workflow.Server.Tests", "LegalityReview", "Fixtures", "major-administrative-decision-v4.json"));
        Assert.Contains("\"version\": 4,", text, StringComparison.Ordinal);
        Assert.Contains("\"restricts\"", text, StringComparison.Ordinal);
        return text;
    }

    private static object Submission(string requestedOpinionDate) => new
    {
        draftReference = "示范县城区停车收费调整方案（送审稿）v2",
        legalBases = new[] { "《中华人民共和国价格法》" },
        requestedOpinionDate,
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_version_3_instance_started_before_version_4_is_installed_still_gets_the_article_26_refusal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        File.WriteAllText(Path.Combine(_workflows, "major-administrative-decision-v3.json"), VersionThree());
        DefinitionEndpointTests.CopyNormativeDefinition(_workflows);
        Guid instanceId;
        InstanceState pinnedState;
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
            using var starter = new ProcedureDriver(first);
            starter.MoveClockTo(BeforeLabourDay);
            var started = await starter.StartNewAsync();
            Assert.Equal(3, started.DefinitionVersion);
            instanceId = started.Id;
            await starter.CompleteAsync(instanceId, "initiation", "draft-prepared");
            await starter.CompleteAsync(instanceId, "public-participation", "opinions-heard");
            var atSubmission = await starter.CompleteAsync(instanceId, "opinion-consolidation", "draft-finalised");
            Assert.Equal("legality-submission", Assert.Single(atSubmission.OpenTasks).StepId);
            pinnedState = await first.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.Id == instanceId)).StateJson));
        }

        // Version 4 is installed: the start-up moves the instance, as the system, with the reason, in its own chain.
        File.WriteAllText(Path.Combine(_workflows, "major-administrative-decision-v4.json"), VersionFour());
        await using var server = new ServerFactory(database, _workflows);
        server.StartServer();
        using var driver = new ProcedureDriver(server);
        driver.MoveClockTo(BeforeLabourDay);
        var moved = await driver.GetInstanceAsync(instanceId);
        Assert.Equal(4, moved.DefinitionVersion);
        Assert.Equal("legality-submission", Assert.Single(moved.OpenTasks).StepId);
        var journal = await driver.JournalAsync(instanceId);
        var entry = Assert.Single(journal, j => j.Type == "InstanceMigrated");
        Assert.Equal((Actor.System.Id, "version 4 expresses 第十五条/第二十六条 in the definition; no step changes"), (entry.ActorId, entry.Comment));
        var data = JsonDocument.Parse(entry.DataJson).RootElement;
        Assert.Equal((3, 4), (data.GetProperty("fromVersion").GetInt32(), data.GetProperty("toVersion").GetInt32()));
        Assert.True((await driver.VerifyJournalAsync(instanceId)).Valid);

        // The art. 26 refusal now comes from version 4's period rule: 05-11 is inside the 7 working days, 05-12 is not.
        var head = await driver.As("drafthead");
        var matterId = Guid.Parse(moved.MatterId);
        var early = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission", Submission("2026-05-11")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("review-time-too-short", "第二十六条"), (early.Code, early.Article));
        Assert.Contains("2026-05-12", early.Detail);
        var submitted = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission", Submission("2026-05-12")).ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal("legality-intake", Assert.Single(submitted.OpenTasks).StepId);

        // An instance that had stayed on version 3 (its move refused) is judged by version 4's rule for the same step.
        var registry = server.Services.GetRequiredService<DefinitionRegistry>();
        var three = await server.WithDatabaseAsync(db => registry.GetAsync("major-administrative-decision", 3, db, CancellationToken.None));
        Assert.Null(three.Step("legality-review").Minimum);
        var engine = server.Services.GetRequiredService<WorkflowEngine>();
        var endOfMay11 = RequestedDateRules.EndOfDay(engine, pinnedState, new DateOnly(2026, 5, 11));
        var fallback = RequestedDateRules.Check(engine, registry, three, pinnedState, "legality-review", BeforeLabourDay, BeforeLabourDay, endOfMay11, null)!;
        Assert.Equal(4, fallback.FromVersion);
        Assert.Equal(new DateOnly(2026, 5, 12), fallback.Check.Minimum!.LastDay);
        Assert.Equal((RequestedDateCheck.TooEarly, "第二十六条"), (Assert.Single(fallback.Check.Refusals).Code, fallback.Check.Refusals[0].Article));

        // Restarting moves nothing again.
        await using var again = new ServerFactory(database, _workflows);
        again.StartServer();
        using var third = new ProcedureDriver(again);
        Assert.Single(await third.JournalAsync(instanceId), j => j.Type == "InstanceMigrated");
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);
}
