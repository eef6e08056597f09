using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// The journal is hash-chained: whoever edits or deletes rows directly in the database (bypassing the server) is
/// caught by GET /api/instances/{id}/journal/verify, which names the first broken entry. Each test tampers with its own
/// matter's journal only: one server per database for the class (<see cref="SharedServers"/>). Their clock moves on by
/// fractions of a second (odd instants for the hashes), which no test here depends on. The class keeps its own servers
/// rather than the ones other classes share (<see cref="SharedServersCollection"/>): those odd instants would reach
/// their assertions of an exact instant (a token revoked "now", kept to the microsecond on PostgreSQL).
/// </summary>
public sealed class JournalTamperingTests(SharedServers servers) : IClassFixture<SharedServers>
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_changed_entry_is_reported_as_the_first_broken_link(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);
        var journal = await driver.JournalAsync(instanceId);
        Assert.Equal("TaskCompleted", journal[2].Type);
        Assert.Equal(3, journal[2].Sequence);
        Assert.Equal("草案已拟订，附起草说明。", journal[2].Comment);

        var intact = await driver.VerifyJournalAsync(instanceId);
        Assert.True(intact.Valid, intact.Problem);
        Assert.Equal(journal.Count, intact.EntriesChecked);
        Assert.Null(intact.FirstBrokenSequence);

        // Someone with database access rewrites what the drafting officer said.
        var changed = await server.WithDatabaseAsync(db => db.Journal
            .Where(j => j.InstanceId == instanceId && j.Sequence == 3)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Comment, "x")));
        Assert.Equal(1, changed);

        var broken = await driver.VerifyJournalAsync(instanceId);
        Assert.False(broken.Valid);
        Assert.Equal(3, broken.FirstBrokenSequence);
        Assert.Equal(2, broken.EntriesChecked);
        Assert.Contains("hash", broken.Problem);
        Assert.Equal("x", (await driver.JournalAsync(instanceId))[2].Comment); // the journal shows what is stored; verify says it is wrong
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_deleted_last_entry_is_detected(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);
        var journal = await driver.JournalAsync(instanceId);
        var last = journal[^1].Sequence;
        Assert.True((await driver.VerifyJournalAsync(instanceId)).Valid);

        // Cutting the end leaves a chain that is consistent in itself; only the head recorded on the instance tells.
        var deleted = await server.WithDatabaseAsync(db => db.Journal
            .Where(j => j.InstanceId == instanceId && j.Sequence == last)
            .ExecuteDeleteAsync());
        Assert.Equal(1, deleted);

        var result = await driver.VerifyJournalAsync(instanceId);
        Assert.False(result.Valid);
        Assert.Equal(last, result.FirstBrokenSequence);
        Assert.Equal(last - 1, result.EntriesChecked);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_deleted_entry_in_the_middle_is_reported_where_the_gap_is(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);

        await server.WithDatabaseAsync(db => db.Journal.Where(j => j.InstanceId == instanceId && j.Sequence == 4).ExecuteDeleteAsync());

        var result = await driver.VerifyJournalAsync(instanceId);
        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("missing", result.Problem);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Rewriting_the_chain_after_a_change_is_caught_by_the_head_the_instance_recorded(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);

        // A careful forger changes entry 3 and recomputes every hash after it, so each link is consistent again.
        await server.WithDatabaseAsync(async db =>
        {
            var rows = await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
            var previous = JournalHash.Genesis;
            foreach (var row in rows)
            {
                if (row.Sequence == 3)
                {
                    row.Comment = "x";
                }
                row.PreviousHash = previous;
                row.Hash = JournalHash.Compute(row.ToEntry());
                previous = row.Hash;
            }
            return await db.SaveChangesAsync();
        });

        var result = await driver.VerifyJournalAsync(instanceId);
        Assert.False(result.Valid);
        Assert.Contains("the instance recorded", result.Problem);
    }

    /// <summary>A started matter with its first three tasks done (a dozen journal entries; entry 3 is the first completion).</summary>
    private static async Task<Guid> RunSomeStepsAsync(ProcedureDriver driver)
    {
        // Odd instants (sub-millisecond ticks): the hashes must survive each provider's timestamp precision.
        driver.Server.Clock.Advance(TimeSpan.FromTicks(1_234_567));
        var instance = await driver.StartNewAsync();
        driver.Server.Clock.Advance(TimeSpan.FromTicks(7_654_321));
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared", "草案已拟订，附起草说明。");
        driver.Server.Clock.Advance(TimeSpan.FromTicks(999_999));
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        return instance.Id;
    }
}
