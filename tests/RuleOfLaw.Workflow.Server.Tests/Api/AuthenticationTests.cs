using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// Who may call the API: signed-in users (session cookie) and machine clients (API tokens); everyone else gets 401.
/// Tests that read, or sign in and use their own tokens without moving the clock, share one server per database with
/// other classes (<see cref="SharedServers"/>); those that move the clock or count an account's failed sign-ins start
/// their own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class AuthenticationTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_api_endpoint_answers_401_without_credentials(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        var endpoints = ApiEndpoints(server);
        // The enumeration must actually find the API, or this test proves nothing.
        Assert.Contains(("POST", "/api/matters/"), endpoints.Select(e => (e.Method, e.Pattern)));
        Assert.Contains(("POST", "/api/tasks/{id:guid}/complete"), endpoints.Select(e => (e.Method, e.Pattern)));
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} endpoints found");

        // Only signing in and the public routes (consultations and comments, arts. 14-15; objections, art. 35) are open,
        // and every public route is under /api/public/, so a reviewer sees at a glance what needs no account.
        var open = endpoints.Where(e => e.Anonymous).Select(e => (e.Method, e.Pattern)).ToList();
        Assert.Contains(("POST", "/api/auth/login"), open);
        Assert.Contains(("POST", "/api/public/consultations/{id:guid}/comments"), open);
        Assert.Contains(("POST", "/api/public/matters/{id:guid}/objections"), open);
        Assert.All(open.Where(e => e != ("POST", "/api/auth/login")), e => Assert.StartsWith("/api/public/", e.Pattern));
        Assert.DoesNotContain(endpoints, e => e.Pattern.StartsWith("/api/public/", StringComparison.Ordinal) && !e.Anonymous);

        using var anonymous = server.CreateAnonymousClient();
        using var forged = server.CreateAnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "rolw_not-a-real-token");
        foreach (var endpoint in endpoints.Where(e => !e.Anonymous))
        {
            foreach (var client in new[] { anonymous, forged })
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
                if (endpoint.Method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
                Assert.True(problem.Code == "unauthenticated", $"{endpoint.Method} {endpoint.Url}: {problem}");
            }
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Signing_in_checks_the_password_and_signing_out_ends_the_session(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var client = server.CreateClient(server.Options(handleCookies: true));

        foreach (var (userName, password) in new[] { ("drafter", "wrong-password"), ("nobody", DemoData.Password), ("drafter", "") })
        {
            using var response = await client.PostJsonAsync("/api/auth/login", new { userName, password });
            var problem = await response.ReadProblemAsync(password.Length == 0 ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized);
            if (password.Length > 0)
            {
                Assert.Equal("invalid-credentials", problem.Code); // the same answer for an unknown user: no user enumeration
            }
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
        Assert.Equal("unauthenticated", (await client.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);

        // Sign-in answers the signed-in user, organizations and roles (the same view as /api/me).
        var signedIn = await client.PostJsonAsync("/api/auth/login", new { userName = "drafter", password = DemoData.Password }).ExpectAsync<MeView>(HttpStatusCode.OK, server);
        Assert.Equal("drafter", signedIn.UserName);
        Assert.Contains(signedIn.Memberships, m => m.OrganizationId == "demo-county-drc" && m.Role == "drafting-officer" && m.OrganizationName == "示范县发展和改革局");
        var me = await client.GetAsync("/api/me").ExpectAsync<MeView>(HttpStatusCode.OK, server);
        Assert.Equal(signedIn.Id, me.Id);
        Assert.Equal("drafter", me.UserName);
        Assert.Contains(me.Memberships, m => m.OrganizationId == "demo-county-drc" && m.Role == "drafting-officer");

        (await client.PostJsonAsync("/api/auth/logout", null).ExpectAsync(HttpStatusCode.NoContent, server)).Dispose();
        Assert.Equal("unauthenticated", (await client.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Repeated_wrong_passwords_delay_but_never_lock_the_account(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = server.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var wrong = await client.PostJsonAsync("/api/auth/login", new { userName = "counsel", password = $"wrong-{attempt}" }).ReadProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("invalid-credentials", wrong.Code);
        }
        // Now this address waits (2 s) before trying the account again: even the right password is refused, with the same answer.
        Assert.Equal("invalid-credentials", (await client.PostJsonAsync("/api/auth/login", new { userName = "counsel", password = DemoData.Password })
            .ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        // Once the delay has passed, the right password works: the account was never locked.
        server.Clock.Advance(TimeSpan.FromSeconds(2));
        using var counsel = await server.SignInAsync("counsel");
        Assert.Null(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "counsel").Select(u => u.LockoutEnd).SingleAsync()));
        // Other users are not affected.
        using var other = await server.SignInAsync("reviewer");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_session_ends_after_eight_hours_on_the_servers_clock(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = await server.SignInAsync("drafter");
        (await client.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();

        server.Clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal("unauthenticated", (await client.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_api_token_works_as_a_bearer_until_revoked(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var browser = await server.SignInAsync("drafter");
        // The drafter's tokens from other tests on the shared server: the list is those and this one.
        var earlier = await browser.GetAsync("/api/tokens").ExpectAsync<List<TokenView>>(HttpStatusCode.OK, server);

        var created = await browser.PostJsonAsync("/api/tokens", new { name = "档案系统对接" }).ExpectAsync<CreatedTokenView>(HttpStatusCode.Created, server);
        Assert.StartsWith("rolw_", created.Token);
        Assert.Null(created.ExpiresAt);

        using var machine = server.CreateAnonymousClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        var me = await machine.GetAsync("/api/me").ExpectAsync<MeView>(HttpStatusCode.OK, server);
        Assert.Equal("drafter", me.UserName);
        // The token acts as its user: it can create a matter in the user's unit.
        var matter = await machine.PostJsonAsync("/api/matters", new { title = "通过令牌创建的事项" }).ExpectAsync<MatterView>(HttpStatusCode.Created, server);
        Assert.Equal("demo-county-drc", matter.DraftingUnitId);

        // The list shows the prefix, never the secret.
        using var listed = await browser.GetAsync("/api/tokens").ExpectAsync(HttpStatusCode.OK, server);
        var listText = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(created.Token, listText);
        var tokens = await listed.ReadAsync<List<TokenView>>();
        Assert.Equal(earlier.OrderBy(t => t.Id), tokens.Where(t => t.Id != created.Id).OrderBy(t => t.Id));
        var token = Assert.Single(tokens, t => t.Id == created.Id);
        Assert.Equal(created.Id, token.Id);
        Assert.StartsWith(token.Prefix, created.Token, StringComparison.Ordinal);
        Assert.Null(token.RevokedAt);

        // Another user cannot revoke it.
        using var other = await server.SignInAsync("drafthead");
        Assert.Equal("not-found", (await other.DeleteAsync($"/api/tokens/{created.Id}").ReadProblemAsync(HttpStatusCode.NotFound)).Code);
        (await machine.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();

        (await browser.DeleteAsync($"/api/tokens/{created.Id}").ExpectAsync(HttpStatusCode.NoContent, server)).Dispose();
        Assert.Equal("unauthenticated", (await machine.GetAsync("/api/me").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        Assert.Equal("unauthenticated", (await machine.PostJsonAsync("/api/matters", new { title = "x" }).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        var afterRevoking = await browser.GetAsync("/api/tokens").ExpectAsync<List<TokenView>>(HttpStatusCode.OK, server);
        Assert.Equal(earlier.OrderBy(t => t.Id), afterRevoking.Where(t => t.Id != created.Id).OrderBy(t => t.Id));
        var revoked = Assert.Single(afterRevoking, t => t.Id == created.Id);
        Assert.Equal(server.Clock.GetUtcNow(), revoked.RevokedAt);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_api_token_expires_on_the_servers_clock(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var browser = await server.SignInAsync("reviewer");
        var created = await browser.PostJsonAsync("/api/tokens", new { name = "短期令牌", expiresInDays = 1 })
            .ExpectAsync<CreatedTokenView>(HttpStatusCode.Created, server);
        Assert.Equal(server.Clock.GetUtcNow().AddDays(1), created.ExpiresAt);

        using var machine = server.CreateAnonymousClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        (await machine.GetAsync("/api/tasks/mine").ExpectAsync(HttpStatusCode.OK, server)).Dispose();

        server.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("unauthenticated", (await machine.GetAsync("/api/tasks/mine").ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Failed_sign_ins_by_someone_else_never_stop_the_accounts_api_tokens(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var browser = await server.SignInAsync("counsel");
        var created = await browser.PostJsonAsync("/api/tokens", new { name = "法律顾问系统" }).ExpectAsync<CreatedTokenView>(HttpStatusCode.Created, server);
        using var machine = server.CreateAnonymousClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        (await machine.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();

        using var attacker = server.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(5)); // past every delay: each guess is checked
            (await attacker.PostJsonAsync("/api/auth/login", new { userName = "counsel", password = $"guess-{attempt}" })).Dispose();
        }

        // Guessing locks nothing (issue 16 item 5): the token and the session go on; only an administrator's lock stops them.
        (await machine.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        (await browser.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        Assert.Equal(20, await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "counsel").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Health_is_anonymous_and_reports_the_database(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var client = server.CreateAnonymousClient();
        using var response = await client.GetAsync("/health").ExpectAsync(HttpStatusCode.OK, server);
        var health = await response.ReadJsonAsync();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        // The checks: the database, and the holiday calendars (issue 16 item 6; Healthy on the test clock's March 2026).
        var checks = health.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["database", "calendars"], checks.Select(c => c.GetProperty("name").GetString()));
        var database = checks[0];
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.Contains(provider == DatabaseProvider.Sqlite ? "Sqlite" : "PostgreSQL", database.GetProperty("description").GetString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_openapi_document_lists_the_main_paths(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var client = server.CreateAnonymousClient();
        using var response = await client.GetAsync("/swagger/v1/swagger.json").ExpectAsync(HttpStatusCode.OK, server);
        var document = await response.ReadJsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        foreach (var path in new[] { "/api/matters", "/api/instances/{id}", "/api/tasks/mine", "/api/tasks/{id}/complete", "/api/definitions/validate" })
        {
            Assert.True(paths.Contains(path), $"{path} is not in the OpenAPI document; it has: {string.Join(", ", paths)}");
        }
        var complete = document.GetProperty("paths").GetProperty("/api/tasks/{id}/complete");
        Assert.True(complete.TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("responses").TryGetProperty("403", out _));
    }

    private sealed record ApiEndpoint(string Method, string Pattern, string Url, bool Anonymous);

    /// <summary>Every /api route the server maps, with a concrete URL to call (route values filled with dummies).</summary>
    private static List<ApiEndpoint> ApiEndpoints(ServerFactory server)
    {
        var source = server.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var url = "/" + string.Join('/', e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                        parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.NewGuid().ToString() : "x",
                    _ => "",
                }))));
                return new ApiEndpoint(method, e.RoutePattern.RawText!, url, e.Metadata.GetMetadata<IAllowAnonymous>() is not null);
            }))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
    }
}
