using System.Net;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Organizations;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>The demo county as the API shows it: organizations, and the roles and scopes a definition may use.</summary>
public sealed class OrganizationEndpointTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_demo_county_and_the_vocabulary_are_listed(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var client = await server.SignInAsync("member");

        var organizations = await client.GetAsync("/api/organizations").ExpectAsync<List<OrganizationView>>(HttpStatusCode.OK, server);
        // Governments first: the demo city (example-province jurisdiction) and the demo county (default: none named).
        Assert.Equal([("demo-city", "example-province"), ("demo-county", null)], organizations.Take(2).Select(o => (o.Id, o.JurisdictionId)));
        Assert.All(organizations.Take(2), o => Assert.Null(o.ParentId));
        Assert.Equal(14, organizations.Count);
        Assert.All(organizations.Skip(2), o => Assert.Equal(o.Id.StartsWith("demo-city-", StringComparison.Ordinal) ? "demo-city" : "demo-county", o.ParentId));
        Assert.All(organizations.Skip(2), o => Assert.Null(o.JurisdictionId)); // departments inherit
        Assert.Equal("legality-review-office", organizations.Single(o => o.Id == "demo-county-justice").Kind);

        using var response = await client.GetAsync("/api/roles").ExpectAsync(HttpStatusCode.OK, server);
        var vocabulary = await response.ReadJsonAsync();
        var roles = vocabulary.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var scopes = vocabulary.GetProperty("scopes").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("legality-reviewer", roles);
        Assert.Contains("drafting-head", roles);
        Assert.Contains("legality-review-office", scopes);
        Assert.Contains("decision-organ", scopes);
    }
}
