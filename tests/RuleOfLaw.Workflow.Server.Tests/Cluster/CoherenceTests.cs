using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Cluster;

/// <summary>
/// Issue 18 item 3 with two servers on one database (in process): a change saved on one server shows on the other's
/// cached public pages within seconds (not after the cache's 60 s), and the public-comment limit counts a client's
/// comments on both servers together.
/// </summary>
public sealed class CoherenceTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_consultation_published_on_one_server_shows_on_the_others_cached_list_within_seconds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new ServerFactory(database);
        first.StartServer();
        await using var second = new ServerFactory(database);
        second.StartServer();
        using var reader = first.CreateAnonymousClient();
        using var otherReader = second.CreateAnonymousClient();
        var title = $"关于调整公交票价的公告（征求意见稿）{Guid.NewGuid():N}";
        // Both servers have the list in their output cache, without the new consultation.
        Assert.DoesNotContain(title, await reader.GetStringAsync("/public/consultations"), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await otherReader.GetStringAsync("/public/consultations"), StringComparison.Ordinal);

        using var driver = new ProcedureDriver(second);
        var matter = await AtParticipationAsync(driver);
        using var published = await PublishRawAsync(driver, matter.Id, new
        {
            title,
            draftText = "一、城区公交单一票价调整为2元。",
            explanation = "起草说明：现行票价制定于2012年。",
            documentVersionIds = new[] { Guid.Parse("00000000-0000-0000-0000-000000000001") },
        });
        await published.ExpectAsync(HttpStatusCode.Created, second);

        // The server that saved it dropped its cached pages at once.
        Assert.Contains(title, await otherReader.GetStringAsync("/public/consultations"), StringComparison.Ordinal);
        // The other one within a few sync rounds (1 s each), well before its cached copy would expire (60 s).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await reader.GetStringAsync("/public/consultations")).Contains(title, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the first server still serves its cached list without the new consultation after 15 s");
            await Task.Delay(200);
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task The_comment_limit_counts_a_clients_comments_on_both_servers_together(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        void Limits(ServerFactory s)
        {
            s.Settings["Participation:PublicComments:PermitLimit"] = "3";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
            // On by default for PostgreSQL only; set here so SQLite (one file, two servers in this test) shares it too.
            s.Settings["Cluster:SharedRateLimits"] = "true";
        }
        await using var first = new ServerFactory(database);
        Limits(first);
        first.StartServer();
        await using var second = new ServerFactory(database);
        Limits(second);
        second.StartServer();
        using var driver = new ProcedureDriver(first);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);

        // The same client (the test server's connection has one address) spread over both servers.
        using var onFirst = first.CreateAnonymousClient();
        using var onSecond = second.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onFirst, onFirst, onSecond, onSecond, onFirst })
        {
            using var response = await CommentRawAsync(client, consultation.Id, $"第{statuses.Count + 1}条意见");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
