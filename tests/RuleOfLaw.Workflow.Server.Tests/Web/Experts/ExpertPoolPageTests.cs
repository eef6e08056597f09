using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Experts;

/// <summary>The expert pool page: everyone signed in sees the pool; the legality review office adds an expert through the API's handler (art. 21).</summary>
public sealed class ExpertPoolPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_review_office_adds_an_expert_to_the_pool_through_the_form(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        var before = await server.WithDatabaseAsync(db => db.Set<Expert>().CountAsync());

        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        var seen = await drafter.GetAsync("/experts");
        Assert.Equal(before, seen.QuerySelectorAll("#experts tbody tr").Length);
        Assert.Null(seen.QuerySelector("#expert-form")); // only the review office or an administrator keeps the pool

        using var reviewer = new WebSession(server);
        await reviewer.SignInAsync("reviewer");
        var page = await reviewer.GetAsync("/experts");
        var form = WebSession.Form(page, "#expert-form");
        var (status, refused) = await reviewer.SubmitAsync(form, new Dictionary<string, string[]> { ["Name"] = ["孙专家"], ["Field"] = [""], ["Employer"] = ["示范大学"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("专业领域", refused.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(before, await server.WithDatabaseAsync(db => db.Set<Expert>().CountAsync()));

        (status, var added) = await reviewer.SubmitAsync(form, new Dictionary<string, string[]>
        {
            ["Name"] = ["孙专家"], ["Field"] = ["交通运输规划"], ["Employer"] = ["示范大学"], ["UserName"] = [""],
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/experts", reviewer.Location);
        Assert.Contains("孙专家", added.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("交通运输规划", added.QuerySelector("#experts")!.TextContent);
        var row = await server.WithDatabaseAsync(db => db.Set<Expert>().SingleAsync(e => e.Name == "孙专家"));
        Assert.Equal(("交通运输规划", "示范大学", false), (row.Field, row.Employer, row.GovernmentEmployed));
    }
}
