using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Startup;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>The response headers (issue 16 item 5) on pages, the API, errors and static files; HSTS over HTTPS; who reads /swagger.</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_answer_carries_the_security_headers_and_https_answers_hsts(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = server.CreateAnonymousClient();
        foreach (var (url, policy) in new[]
                 {
                     ("/public", SecurityHeaders.PagePolicy), ("/account/login", SecurityHeaders.PagePolicy), ("/api/me", SecurityHeaders.PagePolicy),
                     ("/api/no-such-thing", SecurityHeaders.PagePolicy), ("/css/site.css", SecurityHeaders.PagePolicy), ("/health", SecurityHeaders.PagePolicy),
                     ("/swagger/index.html", SecurityHeaders.ToolPolicy),
                 })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal(policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            // Plain HTTP: no HSTS (a browser would ignore it, and it must not pin a host reached without TLS).
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), url);
        }

        // Over HTTPS (here the test server's own scheme; behind a proxy, X-Forwarded-Proto from a trusted one) outside Development.
        var options = server.Options(handleCookies: false);
        options.BaseAddress = new Uri("https://rolw.example/");
        using var https = server.CreateClient(options);
        using var secure = await https.GetAsync("/public");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task With_the_setting_swagger_is_for_signed_in_users_only(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s => s.Settings["Security:SwaggerRequiresSignIn"] = "true");
        using var anonymous = server.CreateAnonymousClient();
        foreach (var url in new[] { "/swagger/v1/swagger.json", "/swagger/index.html", "/swagger" })
        {
            Assert.Equal("unauthenticated", (await anonymous.GetAsync(url).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code);
        }
        using var drafter = await server.SignInAsync("drafter");
        (await drafter.GetAsync("/swagger/v1/swagger.json").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        (await drafter.GetAsync("/swagger/index.html").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
        // An API token works as well as a session.
        var token = await drafter.PostJsonAsync("/api/tokens", new { name = "文档" }).ExpectAsync<RuleOfLaw.Workflow.Server.Auth.CreatedTokenView>(HttpStatusCode.Created, server);
        using var script = server.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        (await script.GetAsync("/swagger/v1/swagger.json").ExpectAsync(HttpStatusCode.OK, server)).Dispose();
    }
}
