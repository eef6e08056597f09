using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web;

/// <summary>
/// Pages redirect to sign-in, the API keeps answering 401, the portal is open and cached, the language switches.
/// Anonymous reads of different paths: the SQLite server shared with other classes (<see cref="SharedServers"/>).
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class PageAccessTests(SharedServers servers)
{
    [Fact]
    public async Task Pages_redirect_to_the_sign_in_page_while_the_api_answers_401()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var client = server.CreateAnonymousClient();

        using var page = await client.GetAsync("/matters/new");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fmatters%2Fnew", page.Headers.Location!.PathAndQuery);

        using var api = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(ApiHttp.ProblemMediaType, api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_public_portal_is_open_and_served_from_the_output_cache()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var client = server.CreateAnonymousClient();

        using var first = await client.GetAsync("/public/consultations");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.DoesNotContain(first.Headers, h => h.Key == "Set-Cookie");
        using var second = await client.GetAsync("/public/consultations");
        Assert.True(second.Headers.Contains("Age"), "the second view is served from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_language_switch_keeps_English_in_a_cookie_and_the_cache_keeps_languages_apart()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var web = new WebSession(server);

        var chinese = await web.GetAsync("/public");
        Assert.Equal("zh-CN", chinese.DocumentElement.GetAttribute("lang"));
        Assert.Equal("公众参与平台", chinese.QuerySelector("h1")!.TextContent);

        var english = await web.GetAsync("/lang/en?returnUrl=%2Fpublic");
        Assert.Equal("/public", web.Location);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Public participation portal", english.QuerySelector("h1")!.TextContent);

        // Only local return addresses: an open redirect would let a link send people elsewhere.
        using var client = server.CreateAnonymousClient();
        using var outside = await client.GetAsync("/lang/en?returnUrl=%2F%2Fevil.example");
        Assert.Equal("/", outside.Headers.Location!.OriginalString);
    }
}
