using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Cluster;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Issue 18 item 2: the data-protection keys live in the database, encrypted under the deployment key ring, so a
/// session cookie issued by one server is accepted by another on the same database, and a node given another key
/// ring file refuses to start instead of silently making keys of its own.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_cookie_issued_by_one_server_is_accepted_by_another_and_the_stored_keys_are_encrypted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var first = new ServerFactory(database);
        first.StartServer();
        await using var second = new ServerFactory(database);
        second.StartServer();

        using var signIn = first.CreateAnonymousClient();
        using var login = await signIn.PostAsJsonAsync("/api/auth/login", new { userName = "drafter", password = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rolw.session=", StringComparison.Ordinal)).Split(';')[0];

        using var other = second.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        using var me = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"drafter\"", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var keys = await first.WithDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        // The first server made the key at its start; the second found it and made none.
        var key = Assert.Single(keys);
        Assert.Contains("<" + KeyRingXmlEncryptor.ElementName + " keyId=\"data-sm4-", key.Xml, StringComparison.Ordinal);
        // The secret itself is never stored readable (Data Protection's plain form is <masterKey …><value>…</value>).
        Assert.DoesNotContain("<value>", key.Xml, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_node_with_another_key_ring_file_refuses_to_start(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var first = new ServerFactory(database))
        {
            first.StartServer();
        }
        var otherKeyRing = Path.Combine(Path.GetTempPath(), $"rolw-test-keys-{Guid.NewGuid():N}.json");
        try
        {
            await using var stranger = new ServerFactory(database);
            stranger.Settings["Crypto:KeyRingFile"] = otherKeyRing;
            var error = Assert.ThrowsAny<Exception>(stranger.StartServer);
            Assert.Contains("every node must use the same key ring file", error.ToString(), StringComparison.Ordinal);
            // Nothing was added: the node stopped before making a key of its own.
            Assert.Equal(1, await CountKeysAsync(database));
        }
        finally
        {
            File.Delete(otherKeyRing);
        }
    }

    private static async Task<int> CountKeysAsync(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<WorkflowDbContext>();
        DatabaseRegistration.Configure(options, database.Options, Path.GetTempPath());
        await using var db = new WorkflowDbContext(options.Options);
        return await db.DataProtectionKeys.CountAsync();
    }
}
