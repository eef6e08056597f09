using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// The comment limit counted in the database (Cluster:SharedRateLimits) under a burst from one address (issue 21):
/// concurrent requests are counted together, one upsert per group, and still exactly the limit gets through.
/// </summary>
public sealed class SharedLimitBurstTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_burst_from_one_address_gets_exactly_the_limit_through_when_counted_in_the_database(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s =>
        {
            s.Settings["Participation:PublicComments:PermitLimit"] = "5";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "3600";
            s.Settings["Cluster:SharedRateLimits"] = "true";
        });
        using var driver = new ProcedureDriver(server);
        var consultation = await PublishAsync(driver, (await AtParticipationAsync(driver)).Id);
        using var anonymous = server.CreateAnonymousClient();

        var responses = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => CommentRawAsync(anonymous, consultation.Id, $"第{i}条意见")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
