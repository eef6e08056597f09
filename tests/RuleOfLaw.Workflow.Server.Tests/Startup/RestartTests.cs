using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Startup;

/// <summary>A restart on the same database keeps every matter, journal, user and definition, and installs nothing twice.</summary>
public sealed class RestartTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Restarting_on_the_same_database_keeps_everything(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid instanceId;
        long journalEntries;
        await using (var first = new ServerFactory(database))
        {
            first.StartServer();
            using var driver = new ProcedureDriver(first);
            var instance = await driver.StartNewAsync();
            instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared", "草案已拟订。");
            (instanceId, journalEntries) = (instance.Id, instance.JournalEntries);
        }

        await using var second = new ServerFactory(database);
        second.StartServer();
        using var again = new ProcedureDriver(second);
        var restored = await again.GetInstanceAsync(instanceId);
        Assert.Equal(journalEntries, restored.JournalEntries);
        Assert.Equal("public-participation", Assert.Single(restored.OpenTasks).StepId);
        Assert.True((await again.VerifyJournalAsync(instanceId)).Valid);
        Assert.Equal("public-participation", Assert.Single(await again.InboxAsync("drafter")).StepId);

        var client = await again.As("drafter");
        var definitions = await client.GetAsync("/api/definitions").ExpectAsync<List<DefinitionSummary>>(HttpStatusCode.OK, second);
        // Each shipped procedure once, not installed a second time by the restart.
        Assert.Equal([("major-administrative-decision", 7), ("normative-document", 4)],
            definitions.Select(d => (d.Id, d.Version)).Order());
        // The work continues, and numbering goes on from where it was.
        await again.CompleteAsync(instanceId, "public-participation", "opinions-heard");
        Assert.Equal("2026-0002", (await again.CreateMatterAsync("重启后的事项")).Number);
    }
}
