using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// A task may be completed only by a holder of its role in its organization; a refusal changes nothing. Tests on their
/// own matters share one server per database with other classes (<see cref="SharedServers"/>) and read inboxes for
/// their matter only; the one that moves the clock starts its own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class TaskAuthorizationTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_legality_reviewer_cannot_complete_a_drafting_task(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var initiation = Assert.Single(instance.OpenTasks);
        var before = await SnapshotAsync(server, instance.Id);

        var problem = await driver.CompleteRawAsync("reviewer", initiation.Id, "draft-prepared").ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("not-authorized-for-task", problem.Code);
        Assert.Equal("第十条至第十三条", problem.Article);
        Assert.Contains("drafting-officer", problem.Detail);

        // The head of the same unit holds another role: refused too (the exact organization-role pair counts).
        var head = await driver.CompleteRawAsync("drafthead", initiation.Id, "draft-prepared").ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("not-authorized-for-task", head.Code);

        Assert.Equal(before, await SnapshotAsync(server, instance.Id));
        Assert.Equal(initiation.Id, Assert.Single(await driver.InboxAsync("drafter", instance.Id)).Id);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_drafter_cannot_complete_a_legality_review_task(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var review = Assert.Single((await driver.AdvanceToLegalityReviewAsync(instance.Id)).OpenTasks);
        Assert.Equal("legality-review", review.StepId);
        // The review's findings are on record (its guard is met), so the only reason left to refuse is who asks.
        driver.MoveClockTo(review.CreatedAt.AddDays(14));
        await driver.SatisfyGuardAsync(instance.Id, "legality-review", "lawful");
        var before = await SnapshotAsync(server, instance.Id);

        foreach (var user in new[] { "drafter", "drafthead", "counsel", "admin", "chief" })
        {
            var problem = await driver.CompleteRawAsync(user, review.Id, "lawful").ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("not-authorized-for-task", problem.Code);
            Assert.Equal("第二十六条至第二十八条", problem.Article);
        }

        Assert.Equal(before, await SnapshotAsync(server, instance.Id));
        Assert.Empty(await driver.InboxAsync("drafter"));
        Assert.Equal(review.Id, Assert.Single(await driver.InboxAsync("reviewer")).Id);

        // The reviewer can.
        await driver.CompleteRawAsync("reviewer", review.Id, "lawful").ExpectAsync(HttpStatusCode.OK, server);
        Assert.NotEqual(before, await SnapshotAsync(server, instance.Id));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Completing_an_unknown_task_is_not_found(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var problem = await driver.CompleteRawAsync("drafter", Guid.NewGuid(), "draft-prepared").ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", problem.Code);
    }

    /// <summary>What a refused command must leave alone: the instance row's version and state, its journal and its tasks.</summary>
    private static Task<string> SnapshotAsync(ServerFactory server, Guid instanceId) => server.WithDatabaseAsync(async db =>
    {
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).CountAsync();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync())
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.StepId).Select(t => $"{t.StepId}#{t.Iteration}:{t.Status}:{t.CompletedBy}");
        return $"version {instance.Version}, status {instance.Status}, journal {journal}, state {instance.StateJson.GetHashCode()}, tasks {string.Join(",", tasks)}";
    });
}
