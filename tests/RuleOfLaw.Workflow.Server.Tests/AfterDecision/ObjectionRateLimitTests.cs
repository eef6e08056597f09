using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.AfterDecision;

/// <summary>The anonymous objection form (第三十五条) shares the per-client limit of public comments (Participation).</summary>
public sealed class ObjectionRateLimitTests
{
    [Fact]
    public async Task Public_objections_are_limited_per_client_with_429()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: s =>
        {
            s.Settings["Participation:PublicComments:PermitLimit"] = "2";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
        });
        using var anonymous = server.CreateAnonymousClient();
        // The limiter runs before the handler: answered requests count (here 404, no such decision), the third is 429.
        // (Kept independent of DecisionScenario, which the integration currently breaks upstream of issuance.)
        var url = $"/api/public/matters/{Guid.NewGuid()}/objections";
        await anonymous.PostJsonAsync(url, new { text = "收费时段应避开学校放学时间。" }).ExpectAsync(HttpStatusCode.NotFound, server);
        await anonymous.PostJsonAsync(url, new { text = "建议增加免费时段。" }).ExpectAsync(HttpStatusCode.NotFound, server);
        using var limited = await anonymous.PostJsonAsync(url, new { text = "第三次提交。" });
        Assert.Equal("rate-limited", (await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal(0, await server.WithDatabaseAsync(db => Task.FromResult(db.Set<RuleOfLaw.Workflow.Server.AfterDecision.PublicObjection>().Count())));
    }
}
