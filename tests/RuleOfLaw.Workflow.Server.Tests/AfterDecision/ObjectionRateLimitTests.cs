using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.AfterDecision;

/// <summary>The anonymous objection form (第三十五条) shares the per-client limit of public comments (Participation).</summary>
public sealed class ObjectionRateLimitTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Public_objections_are_limited_per_client_with_429(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: s =>
        {
            s.Settings["Participation:PublicComments:PermitLimit"] = "2";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
        });
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        using var anonymous = server.CreateAnonymousClient();
        // The limiter runs before the handler: two objections to an issued decision are received, the third is 429 and
        // never reaches the handler (so exactly two are written).
        var url = $"/api/public/matters/{instance.Id}/objections";
        await anonymous.PostJsonAsync(url, new { text = "收费时段应避开学校放学时间。" }).ExpectAsync(HttpStatusCode.Created, server);
        await anonymous.PostJsonAsync(url, new { text = "建议增加免费时段。" }).ExpectAsync(HttpStatusCode.Created, server);
        using var limited = await anonymous.PostJsonAsync(url, new { text = "第三次提交。" });
        Assert.Equal("rate-limited", (await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        var written = await server.WithDatabaseAsync(db => Task.FromResult(db.Set<RuleOfLaw.Workflow.Server.AfterDecision.PublicObjection>().Select(o => o.Text).ToList()));
        Assert.Equal(new[] { "收费时段应避开学校放学时间。", "建议增加免费时段。" }.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }
}
