using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Integrity;

/// <summary>
/// Issue 16 item 3: rewriting the journal is detectable by someone who holds the database. A full rewrite with database
/// access fails on the MACs (key outside the database); a rewrite with database and journal-key access fails against an
/// earlier signed checkpoint; checkpoints are published with their public key and mailed. Tests that verify their own
/// matter share one server per database with other classes (<see cref="SharedServers"/>); those that read every
/// checkpoint, change settings or restart start their own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class JournalAnchoringTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_full_rewrite_with_database_access_fails_verify(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);
        Assert.True((await VerifyAsync(driver, instanceId)).Valid);

        // Entry 3 changed, every later hash and the instance's recorded head recomputed: the chain alone is consistent.
        await RewriteAsync(server, instanceId, macKey: null);

        var result = await VerifyAsync(driver, instanceId);
        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("MAC does not match", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_rewrite_with_database_and_key_access_fails_against_an_earlier_checkpoint(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);
        var checkpoint = await CheckpointAsync(driver);
        var before = await VerifyAsync(driver, instanceId);
        Assert.True(before.Valid, before.Problem);
        Assert.Equal(checkpoint.Number, before.Checkpoint!.Number);

        // The forger also holds the key ring file: every MAC is recomputed with the journal key.
        var key = JournalKeyFromFile(server.Database.KeyRingFile);
        await RewriteAsync(server, instanceId, key);

        var result = await VerifyAsync(driver, instanceId);
        Assert.False(result.Valid);
        Assert.Contains($"checkpoint {checkpoint.Number}", result.Problem, StringComparison.Ordinal);
        Assert.Contains("rewritten after the checkpoint", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Altering_a_checkpoints_stored_heads_is_caught_by_its_signed_root(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instanceId = await RunSomeStepsAsync(driver);
        await CheckpointAsync(driver);
        var key = JournalKeyFromFile(server.Database.KeyRingFile);
        await RewriteAsync(server, instanceId, key);
        // … and puts the forged head into the stored checkpoint too.
        await server.WithDatabaseAsync(async db =>
        {
            var head = await db.Journal.Where(j => j.InstanceId == instanceId).OrderByDescending(j => j.Sequence).FirstAsync();
            var stored = await db.Set<JournalCheckpoint>().SingleAsync();
            var leaves = JournalCheckpoints.Leaves(stored).Select(l => l.InstanceId == instanceId ? l with { Sequence = head.Sequence, Head = head.Hash } : l).ToList();
            stored.LeavesJson = JsonSerializer.Serialize(leaves, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            return await db.SaveChangesAsync();
        });

        var result = await VerifyAsync(driver, instanceId);
        Assert.False(result.Valid);
        Assert.Contains("do not give its signed Merkle root", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Checkpoints_are_published_with_the_public_key_verify_offline_and_are_mailed(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s => s.Settings["Crypto:CheckpointRecipients:0"] = "supervision@example.gov.cn");
        using var driver = new ProcedureDriver(server);
        await RunSomeStepsAsync(driver);
        var made = await CheckpointAsync(driver);

        using var anonymous = server.CreateAnonymousClient();
        var published = await anonymous.GetAsync("/api/public/journal-checkpoints").ExpectAsync<PublishedCheckpoints>(HttpStatusCode.OK, server);
        var checkpoint = Assert.Single(published.Checkpoints);
        var key = Assert.Single(published.PublicKeys, k => k.KeyId == checkpoint.KeyId);
        Assert.Equal(key.PublicKey, checkpoint.PublicKey);
        Assert.Equal(made.MerkleRoot, checkpoint.MerkleRoot);
        Assert.True(checkpoint.InstanceCount >= 1);

        // Offline: the signed text and the public key are all a supervising body needs.
        var signature = Convert.FromHexString(checkpoint.Signature);
        Assert.True(SmCrypto.Sm2Verify(Convert.FromHexString(key.PublicKey), Encoding.UTF8.GetBytes(checkpoint.SignedText), signature));
        Assert.EndsWith(checkpoint.MerkleRoot, checkpoint.SignedText, StringComparison.Ordinal);
        var otherRoot = checkpoint.SignedText[..^64] + new string('0', 64);
        Assert.False(SmCrypto.Sm2Verify(Convert.FromHexString(key.PublicKey), Encoding.UTF8.GetBytes(otherRoot), signature));

        var mail = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Kind == "journal-checkpoint"));
        Assert.Equal("supervision@example.gov.cn", mail.ToAddress);
        Assert.Contains(checkpoint.MerkleRoot, mail.Body, StringComparison.Ordinal);
        Assert.Contains(checkpoint.Signature, mail.Body, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task After_rotating_the_journal_key_old_and_new_entries_verify_each_with_its_key(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var admin = await driver.As("admin");
        using var rotated = await admin.PostAsync("/api/admin/keys/journal-mac/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared", "草案已拟订。");

        var keyIds = await server.WithDatabaseAsync(db => db.Journal.Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).Select(j => j.MacKeyId).ToListAsync());
        Assert.Equal("journal-mac-1", keyIds[0]);
        Assert.Equal("journal-mac-2", keyIds[^1]);
        var result = await VerifyAsync(driver, instance.Id);
        Assert.True(result.Valid, result.Problem);
        Assert.Equal(keyIds.Count, result.EntriesKeyed);

        using var unknown = await admin.PostAsync("/api/admin/keys/everything/rotate", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_entry_whose_MAC_was_removed_fails_and_a_restart_does_not_seal_it_again(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid instanceId;
        await using (var first = new ServerFactory(database))
        {
            first.StartServer();
            using var driver = new ProcedureDriver(first);
            instanceId = await RunSomeStepsAsync(driver);
            await first.WithDatabaseAsync(async db =>
            {
                var row = await db.Journal.SingleAsync(j => j.InstanceId == instanceId && j.Sequence == 2);
                row.Mac = null;
                row.MacKeyId = null;
                return await db.SaveChangesAsync();
            });
        }
        await using var restarted = new ServerFactory(database);
        restarted.StartServer();
        using var again = new ProcedureDriver(restarted);

        var result = await VerifyAsync(again, instanceId);
        Assert.False(result.Valid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("no MAC", result.Problem, StringComparison.Ordinal);
    }

    private static async Task<JournalIntegrityView> VerifyAsync(ProcedureDriver driver, Guid instanceId)
    {
        var client = await driver.As("drafter");
        return await client.GetAsync($"/api/instances/{instanceId}/journal/verify").ExpectAsync<JournalIntegrityView>(HttpStatusCode.OK, driver.Server);
    }

    private static async Task<PublishedCheckpoint> CheckpointAsync(ProcedureDriver driver)
    {
        var admin = await driver.As("admin");
        return await admin.PostAsync("/api/admin/journal-checkpoints", null).ExpectAsync<PublishedCheckpoint>(HttpStatusCode.OK, driver.Server);
    }

    private static byte[] JournalKeyFromFile(string path)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        var key = file.RootElement.GetProperty("keys").EnumerateArray().Last(k => k.GetProperty("purpose").GetString() == KeyRing.JournalMac);
        return Convert.FromHexString(key.GetProperty("material").GetString()!);
    }

    /// <summary>Changes entry 3's comment and recomputes every later hash, the instance's head and, given the key, every MAC.</summary>
    private static Task<int> RewriteAsync(ServerFactory server, Guid instanceId, byte[]? macKey) => server.WithDatabaseAsync(async db =>
    {
        var rows = await db.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
        var previous = JournalHash.Genesis;
        foreach (var row in rows)
        {
            if (row.Sequence == 3)
            {
                row.Comment = "（改写）";
            }
            row.PreviousHash = previous;
            row.Hash = JournalHash.Compute(row.ToEntry());
            if (macKey is not null)
            {
                row.Mac = JournalSeal.Compute(macKey, row);
            }
            previous = row.Hash;
        }
        var instance = await db.Instances.SingleAsync(i => i.Id == instanceId);
        var state = InstanceStateJson.Deserialize(instance.StateJson);
        state.JournalHead = previous;
        instance.StateJson = InstanceStateJson.Serialize(state);
        return await db.SaveChangesAsync();
    });

    /// <summary>A started matter with its first three tasks done; entry 3 is the first completion, with a comment.</summary>
    private static async Task<Guid> RunSomeStepsAsync(ProcedureDriver driver)
    {
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared", "草案已拟订，附起草说明。");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        return instance.Id;
    }
}
