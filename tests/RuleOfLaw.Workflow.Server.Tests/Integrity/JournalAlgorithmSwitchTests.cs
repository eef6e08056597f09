using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// Algorithm agility on a real database: entries written under SHA-256 keep verifying after the deployment switches to
/// SM3, and the one journal then holds both, each entry naming its own.
/// </summary>
public sealed class JournalAlgorithmSwitchTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SHA256_entries_written_before_the_switch_still_verify(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid instanceId;
        int before;
        await using (var old = new ServerFactory(database))
        {
            old.Settings["Crypto:HashAlgorithm"] = "sha256";
            old.StartServer();
            using var driver = new ProcedureDriver(old);
            instanceId = (await driver.StartNewAsync()).Id;
            await driver.CompleteAsync(instanceId, "initiation", "draft-prepared", "草案已拟订。");
            before = (await driver.JournalAsync(instanceId)).Count;
        }

        await using var upgraded = new ServerFactory(database);
        upgraded.StartServer();
        using var next = new ProcedureDriver(upgraded);
        await next.CompleteAsync(instanceId, "public-participation", "opinions-heard");

        var journal = await next.JournalAsync(instanceId);
        Assert.All(journal.Take(before), e => Assert.Equal(JournalAlgorithms.Sha256, e.HashAlgorithm));
        Assert.NotEmpty(journal.Skip(before));
        Assert.All(journal.Skip(before), e => Assert.Equal(JournalAlgorithms.Sm3, e.HashAlgorithm));
        var result = await next.VerifyJournalAsync(instanceId);
        Assert.True(result.Valid, result.Problem);
        Assert.Equal(journal.Count, result.EntriesChecked);
    }

    [Fact]
    public async Task An_unknown_algorithm_setting_stops_the_server_from_starting()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var server = new ServerFactory(database);
        server.Settings["Crypto:HashAlgorithm"] = "md5";

        var error = Assert.ThrowsAny<Exception>(() => server.StartServer());
        Assert.Contains("Crypto:HashAlgorithm", error.ToString(), StringComparison.Ordinal);
    }
}
