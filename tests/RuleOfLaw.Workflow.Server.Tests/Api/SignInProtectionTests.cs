using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Startup;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Sign-in (issue 16 item 5): one answer whatever the reason, delays per account and address instead of a lockout,
/// a throttle per address, mails, an administrator's unlock. On real Kestrel behind a trusted proxy (the loopback), so
/// each request can come from its own client address (documentation addresses, RFC 5737, only written into a header).
/// </summary>
public sealed class SignInProtectionTests
{
    private const string Attacker = "198.51.100.66";
    private const string Office = "203.0.113.10";

    private static Task<ServerFactory> StartAsync(DatabaseProvider provider, int? addressLimit = null) =>
        ServerFactory.StartAsync(provider, configure: s =>
        {
            s.UseKestrel(0);
            s.Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
            s.Settings["ReverseProxy:KnownProxies:1"] = "::1";
            if (addressLimit is { } limit)
            {
                s.Settings["SignIn:AddressFailureLimit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });

    private static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> LoginAsync(HttpClient client, string from, string userName, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-Forwarded-For", from);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, response.Headers.RetryAfter?.ToString());
    }

    /// <summary>The body without its per-request trace id: what must be the same across answers.</summary>
    private static string WithoutTrace(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_unknown_user_a_wrong_password_a_locked_and_a_waiting_account_get_the_same_answer(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider);
        using var client = server.CreateAnonymousClient();
        using var admin = await server.SignInAsync("admin");
        var reviewerId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "reviewer").Select(u => u.Id).SingleAsync());
        (await admin.PostJsonAsync($"/api/admin/users/{reviewerId}/lock", null).ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        foreach (var attempt in Enumerable.Range(1, 3))
        {
            await LoginAsync(client, "192.0.2.1", "counsel", $"wrong-{attempt}");
        }

        var answers = new Dictionary<string, (HttpStatusCode Status, string Body, string? RetryAfter)>
        {
            ["unknown user"] = await LoginAsync(client, "192.0.2.2", "nobody-at-all", DemoData.Password),
            ["wrong password"] = await LoginAsync(client, "192.0.2.2", "drafter", "wrong-password"),
            ["locked by an administrator, right password"] = await LoginAsync(client, "192.0.2.2", "reviewer", DemoData.Password),
            ["waiting after failures, right password"] = await LoginAsync(client, "192.0.2.1", "counsel", DemoData.Password),
        };
        var first = answers["unknown user"];
        Assert.Equal(HttpStatusCode.Unauthorized, first.Status);
        Assert.Contains("\"invalid-credentials\"", first.Body, StringComparison.Ordinal);
        foreach (var (reason, answer) in answers)
        {
            Assert.True(answer.Status == first.Status && WithoutTrace(answer.Body) == WithoutTrace(first.Body) && answer.RetryAfter is null,
                $"{reason}: {(int)answer.Status} {answer.Body} differs from {(int)first.Status} {first.Body}");
        }
        // The sign-in page answers all four alike too (Web/PageFormTests checks its text).
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Guessing_an_administrators_password_delays_only_the_guesser_and_mails_the_user_and_the_operators(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider);
        using var client = server.CreateAnonymousClient();

        // Three free attempts, then 2 s, 4 s, 8 s … before this address may try this account again.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, "cityadmin", $"guess-{attempt}")).Status);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, "cityadmin", DemoData.Password)).Status); // waiting: not even checked
        server.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, "cityadmin", "guess-4")).Status);
        server.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, "cityadmin", "guess-5")).Status);

        // The fifth failure mails the user and, as the account administers, the operator (admin).
        var mails = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == PasswordSignIn.NotificationKind).ToListAsync());
        Assert.Equal(["admin@example.gov.cn", "cityadmin@example.gov.cn"], mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Contains(Attacker, m.Body, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Contains("5", m.Subject, StringComparison.Ordinal));

        // Not locked: the administrator signs in from the office at once, while the guesser still waits (8 s).
        var office = await LoginAsync(client, Office, "cityadmin", DemoData.Password);
        Assert.True(office.Status == HttpStatusCode.OK, office.Body);
        Assert.Null(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "cityadmin").Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, "cityadmin", DemoData.Password)).Status);
        server.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, Attacker, "cityadmin", DemoData.Password)).Status);

        // A non-administrator's failures mail only that user.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(5));
            await LoginAsync(client, Attacker, "drafter", $"guess-{attempt}");
        }
        var drafterMails = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Kind == PasswordSignIn.NotificationKind && m.Subject.Contains("drafter")).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(["drafter@example.gov.cn"], drafterMails);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_administrators_unlock_clears_the_delays(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider);
        using var client = server.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(5));
            await LoginAsync(client, Attacker, "drafter", $"guess-{attempt}");
        }
        // Eight failures from that address: it waits 64 s (2 s doubled five times) before trying again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, "drafter", DemoData.Password)).Status);
        Assert.Equal(8, await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "drafter").Select(u => u.AccessFailedCount).SingleAsync()));

        using var admin = await server.SignInAsync("admin");
        var drafterId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "drafter").Select(u => u.Id).SingleAsync());
        (await admin.PostJsonAsync($"/api/admin/users/{drafterId}/unlock", null).ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, Attacker, "drafter", DemoData.Password)).Status);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "drafter").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_address_that_fails_too_often_is_throttled_for_every_account_and_others_are_not(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider, addressLimit: 5);
        using var client = server.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Attacker, $"user-{attempt}", "guess")).Status);
        }
        // Sprayed over five names: the sixth try from that address waits, whatever the account and however right the password.
        var throttled = await LoginAsync(client, Attacker, "expert", DemoData.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Contains("\"rate-limited\"", throttled.Body, StringComparison.Ordinal);
        Assert.Equal("900", throttled.RetryAfter); // the 15-minute window, on the server's clock
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, Office, "expert", DemoData.Password)).Status);

        server.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, Attacker, "expert", DemoData.Password)).Status);
    }

    /// <summary>
    /// Issue 18 item 3: the failures are counted in the database, so an attacker whose attempts the balancer spreads
    /// over two servers meets the delays and the address limit at the same totals as on one server (three free
    /// attempts per account, <c>AddressFailureLimit</c> per address), and an unlock on one server clears the other's delays.
    /// Counted per server, each of these steps would have let the attacker (or the user) through.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Failed_sign_ins_spread_over_two_servers_on_one_database_count_as_on_one_server(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        ServerFactory Node()
        {
            var node = new ServerFactory(database);
            node.UseKestrel(0);
            node.Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
            node.Settings["ReverseProxy:KnownProxies:1"] = "::1";
            node.Settings["SignIn:AddressFailureLimit"] = "6";
            node.StartServer();
            return node;
        }
        await using var a = Node();
        await using var b = Node();
        using var viaA = a.CreateAnonymousClient();
        using var viaB = b.CreateAnonymousClient();
        void Advance(TimeSpan by)
        {
            a.Clock.Advance(by);
            b.Clock.Advance(by);
        }

        // One account from one address: three failures, two on A and one on B, use up the free attempts; the fourth
        // try, on B with the right password, waits (2 s) as it would on one server.
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(viaA, Attacker, "counsel", "guess-1")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(viaB, Attacker, "counsel", "guess-2")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(viaA, Attacker, "counsel", "guess-3")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(viaB, Attacker, "counsel", DemoData.Password)).Status);
        Advance(TimeSpan.FromSeconds(2));
        var afterDelay = await LoginAsync(viaB, Attacker, "counsel", DemoData.Password);
        Assert.True(afterDelay.Status == HttpStatusCode.OK, afterDelay.Body);

        // One address spraying names: six failures, three on each server, reach the address limit of 6; the seventh
        // try is throttled on both servers, for every account; another address is not.
        const string Sprayer = "198.51.100.77";
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(attempt % 2 == 0 ? viaB : viaA, Sprayer, $"user-{attempt}", "guess")).Status);
        }
        foreach (var via in new[] { viaA, viaB })
        {
            var throttled = await LoginAsync(via, Sprayer, "expert", DemoData.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
            Assert.Equal("900", throttled.RetryAfter);
        }
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(viaB, Office, "expert", DemoData.Password)).Status);

        // Delays set on B (from a third address, below its limit) are cleared by an administrator's unlock on A.
        const string Guesser = "198.51.100.88";
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(viaB, Guesser, "drafter", $"guess-{attempt}")).Status);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(viaB, Guesser, "drafter", DemoData.Password)).Status);
        using var admin = await a.SignInAsync("admin");
        var drafterId = await a.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "drafter").Select(u => u.Id).SingleAsync());
        (await admin.PostJsonAsync($"/api/admin/users/{drafterId}/unlock", null).ExpectAsync(HttpStatusCode.OK, a)).Dispose();
        var afterUnlock = await LoginAsync(viaB, Guesser, "drafter", DemoData.Password);
        Assert.True(afterUnlock.Status == HttpStatusCode.OK, afterUnlock.Body);
    }

    [Fact]
    public void After_three_free_attempts_the_delays_double_up_to_the_cap() =>
        Assert.Equal([0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300],
            Enumerable.Range(1, 13).Select(failures => (int)SignInThrottle.Delay(failures, new SignInOptions()).TotalSeconds));

    [Fact]
    public void Swagger_needs_a_sign_in_in_production_unless_the_setting_says_otherwise()
    {
        static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
        Assert.True(SecurityHeaders.SwaggerRequiresSignIn(new SecurityOptions(), Environment(Environments.Production)));
        Assert.False(SecurityHeaders.SwaggerRequiresSignIn(new SecurityOptions(), Environment(Environments.Development)));
        Assert.False(SecurityHeaders.SwaggerRequiresSignIn(new SecurityOptions { SwaggerRequiresSignIn = false }, Environment(Environments.Production)));
        Assert.True(SecurityHeaders.SwaggerRequiresSignIn(new SecurityOptions { SwaggerRequiresSignIn = true }, Environment("Testing")));
    }
}
