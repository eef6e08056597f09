using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Web.PublicPortal;

/// <summary>
/// Issue 21 goal 4: the public pages come from the output cache (a cached answer carries <c>Age</c>), yet a new comment,
/// an ended period and a published feedback report show on them within seconds; query strings and a GUID's letter
/// case make no new cache entries; the page limit is a setting apart from the comment limit.
/// </summary>
public sealed class PublicPageCacheTests
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Bounded wait for the cached page to show a change (the cache sync runs every second).</summary>
    private static async Task<IHtmlDocument> PollAsync(ServerFactory server, HttpClient client, string url, Func<IHtmlDocument, bool> shows, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = Parser.ParseDocument(await client.GetStringAsync(url));
            if (shows(page))
            {
                return page;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{url} still does not show {what} after 15 s{server.DescribeServerLog()}");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> CachedAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is not null;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_new_comment_an_ended_period_and_the_feedback_show_on_the_cached_consultation_page_within_seconds(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var reader = server.CreateAnonymousClient();
        var url = $"/public/consultations/{consultation.Id}";
        var first = Parser.ParseDocument(await reader.GetStringAsync(url));
        Assert.Equal("0", first.QuerySelector("#comment-count")!.TextContent.Trim());
        // The next reader gets the cached page.
        Assert.True(await CachedAsync(reader, url), "the second read was rendered again, not served from the output cache");

        await CommentAsync(server, server.CreateAnonymousClient(), consultation.Id, "建议保留夜间免费停车。");
        await PollAsync(server, reader, url, p => p.QuerySelector("#comment-count")?.TextContent.Trim() == "1", "the new comment count");
        Assert.True(await CachedAsync(reader, url), "the page with the new count is not cached again");

        // The period ends by the clock alone (nobody closes it yet): the cached page stops offering the form.
        driver.MoveClockTo(DefaultCloses);
        var ended = await PollAsync(server, reader, url, p => p.QuerySelector("#comment-form") is null, "the ended period");
        Assert.Equal("征求意见已结束", ended.QuerySelector("#status")!.TextContent.Trim());

        var api = $"/api/consultations/{consultation.Id}";
        await PostAsync<ConsultationView>(driver, api + "/close", new { });
        var group = Assert.Single(await GetAsync<List<GroupView>>(driver, api + "/groups"));
        await PostAsync<GroupView>(driver, api + "/responses", new { groupKey = group.GroupKey, decision = "adopted" });
        await PostAsync<FeedbackView>(driver, api + "/feedback", new { summary = "采纳建议，保留夜间免费停车。" });
        var report = await PollAsync(server, reader, url, p => p.QuerySelector("#feedback") is not null, "the published feedback report");
        Assert.Contains("采纳建议，保留夜间免费停车。", report.QuerySelector("#feedback")!.TextContent);
    }

    [Fact]
    public async Task Query_strings_and_letter_case_make_no_new_cache_entries_and_the_cache_has_the_configured_size_limit()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: s => s.Settings["PublicPages:CacheSizeMegabytes"] = "8");
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var reader = server.CreateAnonymousClient();
        var url = $"/public/consultations/{consultation.Id}";
        Assert.False(await CachedAsync(reader, url + "?v=0"), "the first read should render the page");
        // Cache-busting attempts: every one is answered from the one entry (none rendered, none stored).
        var upper = $"/public/consultations/{consultation.Id.ToString().ToUpperInvariant()}";
        for (var i = 1; i <= 40; i++)
        {
            var busted = (i % 4) switch { 0 => $"{url}?v={i}&utm_source=x{i}", 1 => $"{upper}", 2 => $"{url}?{i}", _ => $"{upper}?V={i}" };
            Assert.True(await CachedAsync(reader, busted), $"{busted} was rendered again: the query or the letter case made a new cache entry");
        }
        // The query values a page reads still make their own entry, normalized as the page binds them.
        Assert.False(await CachedAsync(reader, "/public/normative-documents?all=true"));
        Assert.True(await CachedAsync(reader, "/public/normative-documents?all=TRUE&all=false&page=7"));
        Assert.False(await CachedAsync(reader, "/public/normative-documents"));
        Assert.True(await CachedAsync(reader, "/public/normative-documents?all=maybe"));
        Assert.Equal(8L * 1024 * 1024, server.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit);
    }

    [Fact]
    public async Task The_page_limit_is_a_setting_apart_from_the_comment_limit()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: s =>
        {
            s.Settings["PublicPages:PermitLimit"] = "3";
            s.Settings["PublicPages:WindowSeconds"] = "600";
            s.Settings["Participation:PublicComments:PermitLimit"] = "100";
        });
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var reader = server.CreateAnonymousClient();
        var url = $"/public/consultations/{consultation.Id}";
        for (var i = 0; i < 3; i++)
        {
            using var ok = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // Comments keep their own limit: the same address still comments.
        await CommentAsync(server, reader, consultation.Id, "页面读取受限时仍可提交意见。");
    }

    [Theory]
    [InlineData("PublicPages:PermitLimit", "-1")]
    [InlineData("PublicPages:WindowSeconds", "0")]
    [InlineData("PublicPages:CacheSizeMegabytes", "0")]
    public async Task A_page_setting_out_of_range_stops_the_start(string key, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = new ServerFactory(database);
        server.Settings[key] = value;
        var error = Assert.ThrowsAny<Exception>(server.StartServer);
        Assert.Contains(key.Split(':')[1], error.ToString());
    }
}
