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
        Assert.Equal("demo-county", organizations[0].Id); // governments first
        Assert.Null(organizations[0].ParentId);
        Assert.Equal(7, organizations.Count);
        Assert.All(organizations.Skip(1), o => Assert.Equal("demo-county", o.ParentId));
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
