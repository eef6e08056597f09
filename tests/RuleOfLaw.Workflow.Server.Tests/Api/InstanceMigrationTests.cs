using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Migration;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// An administrator moves a running instance to a newer version of its procedure: the dry run lists what would
/// change and writes nothing; a refused plan writes nothing; an applied one moves the open task (state and row),
/// repins the instance and is journaled with who and why in the instance's hash chain.
/// </summary>
public sealed partial class InstanceMigrationTests : IDisposable
{
    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-migration-").FullName;

    public InstanceMigrationTests()
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
        File.Copy(DefinitionEndpointTests.RealDefinitionPath, Path.Combine(_workflows, Path.GetFileName(DefinitionEndpointTests.RealDefinitionPath)));
        DefinitionEndpointTests.CopyNormativeDefinition(_workflows);
    }

    [GeneratedRegex("\"version\":\\s*(\\d+)")]
    private static partial Regex VersionField();

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_administrator_plans_then_moves_a_running_instance_to_a_newer_version_with_a_mapping(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid instanceId;
        Guid taskId;
        int version;
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
            using var starter = new ProcedureDriver(first);
            var started = await starter.StartNewAsync();
            await starter.AdvanceToLegalityReviewAsync(started.Id);
            var atRevision = await starter.CompleteAsync(started.Id, "legality-review", "needs-revision", "第十二条表述需修改");
            (instanceId, version) = (started.Id, started.DefinitionVersion);
            taskId = Assert.Single(atRevision.OpenTasks, t => t.StepId == "draft-revision").Id;
        }

        // The next version renames the step the instance is at. It is a step no module names: renaming one a module
        // names (e.g. "initiation") stops the start (ModuleStepCheckTests), as a legal gate would otherwise switch off.
        var text = File.ReadAllText(DefinitionEndpointTests.RealDefinitionPath);
        Assert.Equal(version, int.Parse(VersionField().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var next = VersionField().Replace(text, $"\"version\": {version + 1}", 1).Replace("\"draft-revision\"", "\"draft-revision-v2\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, $"major-administrative-decision-v{version + 1}.json"), next);

        await using var server = new ServerFactory(database, _workflows);
        server.StartServer();
        using var driver = new ProcedureDriver(server);
        using var admin = await server.SignInAsync("admin");
        var journalBefore = (await driver.JournalAsync(instanceId)).Count;
        var plan = $"/api/admin/instances/{instanceId}/migration/plan";
        var apply = $"/api/admin/instances/{instanceId}/migration";
        var mapping = new Dictionary<string, string> { ["draft-revision"] = "draft-revision-v2" };

        // Only administrators.
        var drafter = await driver.As("drafter");
        await drafter.PostJsonAsync(plan, new { targetVersion = version + 1, mapping }).ReadProblemAsync(HttpStatusCode.Forbidden);
        await drafter.PostJsonAsync(apply, new { targetVersion = version + 1, mapping, reason = "升级" }).ReadProblemAsync(HttpStatusCode.Forbidden);

        // Dry run without the mapping: the open step has nowhere to go.
        var refusedPlan = await admin.PostJsonAsync(plan, new { targetVersion = version + 1 }).ExpectAsync<MigrationPlan>(HttpStatusCode.OK, server);
        Assert.False(refusedPlan.Valid);
        Assert.Contains(refusedPlan.Problems, p => p.Code == "step-removed" && p.Message.Contains("“draft-revision”", StringComparison.Ordinal));

        // Dry run with it: valid, lists the move, and writes nothing.
        var goodPlan = await admin.PostJsonAsync(plan, new { targetVersion = version + 1, mapping }).ExpectAsync<MigrationPlan>(HttpStatusCode.OK, server);
        Assert.True(goodPlan.Valid, string.Join("; ", goodPlan.Problems.Select(p => p.Message)));
        var moved = Assert.Single(goodPlan.Steps, s => s.FromStep == "draft-revision");
        Assert.Equal(("draft-revision-v2", "mapped"), (moved.ToStep, moved.Change));
        Assert.Equal([taskId], moved.Tasks);
        Assert.Equal(version, (await driver.GetInstanceAsync(instanceId)).DefinitionVersion);
        Assert.Equal(journalBefore, (await driver.JournalAsync(instanceId)).Count);

        // Refusals change nothing: no reason, the plan's problems, an uninstalled version.
        var noReason = await admin.PostJsonAsync(apply, new { targetVersion = version + 1, mapping }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", noReason.Code);
        var unmapped = await admin.PostJsonAsync(apply, new { targetVersion = version + 1, reason = "升级" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("step-removed", unmapped.Code);
        var missing = await admin.PostJsonAsync(apply, new { targetVersion = version + 9, mapping, reason = "升级" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("definition-version-not-installed", missing.Code);
        Assert.Equal(version, (await driver.GetInstanceAsync(instanceId)).DefinitionVersion);
        Assert.Equal(journalBefore, (await driver.JournalAsync(instanceId)).Count);

        // Applied: the open task moves to the new step (same task), the instance is repinned.
        var after = await admin.PostJsonAsync(apply, new { targetVersion = version + 1, mapping, reason = "新版更名修改完善步骤" })
            .ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(version + 1, after.DefinitionVersion);
        var task = Assert.Single(after.OpenTasks);
        Assert.Equal((taskId, "draft-revision-v2"), (task.Id, task.StepId));
        var (recordVersion, rowStep) = await server.WithDatabaseAsync(async db => (
            (await db.Instances.SingleAsync(i => i.Id == instanceId)).DefinitionVersion,
            (await db.Tasks.SingleAsync(t => t.Id == taskId)).StepId));
        Assert.Equal((version + 1, "draft-revision-v2"), (recordVersion, rowStep));
        Assert.Equal("draft-revision-v2", Assert.Single(await driver.InboxAsync("drafter")).StepId);

        var journal = await driver.JournalAsync(instanceId);
        var entry = journal[^1];
        Assert.Equal(journalBefore + 1, journal.Count);
        Assert.Equal(("InstanceMigrated", "新版更名修改完善步骤"), (entry.Type, entry.Comment));
        Assert.Equal(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync()), entry.ActorId);
        var data = JsonDocument.Parse(entry.DataJson).RootElement;
        Assert.Equal((version, version + 1), (data.GetProperty("fromVersion").GetInt32(), data.GetProperty("toVersion").GetInt32()));
        Assert.True((await driver.VerifyJournalAsync(instanceId)).Valid);

        // Moving again to the same version is refused; the work goes on in the new version.
        var again = await admin.PostJsonAsync(apply, new { targetVersion = version + 1, mapping, reason = "再次" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("migration-not-newer", again.Code);
        using var completed = await driver.CompleteRawAsync("drafter", taskId, "revised");
        var goesOn = await completed.ExpectAsync(HttpStatusCode.OK, server);
        var view = await goesOn.ReadAsync<InstanceView>();
        Assert.Equal("draft-revision-v2", view.Steps.Single(s => s.Id == "draft-revision-v2").Id);
        Assert.NotEmpty(view.OpenTasks);
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);
}
