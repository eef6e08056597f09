using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// The legality review (arts. 25-28): "needs revision" sends the draft back for revision and a fresh submission, after
/// which the review runs again. (The guaranteed 7 working days of art. 26 are the submission's requested opinion date:
/// see LegalityReview/LegalitySubmissionTests.) Each test works on its own matter: the servers shared with other
/// classes, one per database (<see cref="SharedServers"/>), inboxes read for the test's matter only.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class SendBackLoopTests(SharedServers servers)
{
    private const string ReviewArticle = "第二十六条至第二十八条";

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Needs_revision_sends_the_draft_back_and_the_review_opens_again_as_iteration_2(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var review = Assert.Single((await driver.AdvanceToLegalityReviewAsync(instance.Id)).OpenTasks);
        Assert.Equal("legality-review", review.StepId);
        Assert.Equal(["lawful", "needs-revision", "unlawful", "exploratory-reform"], review.Outcomes.Select(o => o.Id));
        Assert.True(review.Outcomes.Single(o => o.Id == "needs-revision").CommentRequired);

        // Findings on record (the guard, art. 27), then: "needs revision" must say what to revise (art. 28).
        await driver.SatisfyGuardAsync(instance.Id, "legality-review", "needs-revision");
        var silent = await driver.CompleteRawAsync("reviewer", review.Id, "needs-revision").ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("comment-required", silent.Code);
        Assert.Equal("第二十八条", silent.Article);
        var unknown = await driver.CompleteRawAsync("reviewer", review.Id, "approved").ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-outcome", unknown.Code);

        instance = await driver.CompleteAsync(instance.Id, "legality-review", "needs-revision", "第三条表述与上位法不一致，请修改。");
        var revision = Assert.Single(instance.OpenTasks);
        Assert.Equal("draft-revision", revision.StepId);
        Assert.Equal(revision.Id, Assert.Single(await driver.InboxAsync("drafter", instance.Id)).Id);
        Assert.Empty(await driver.InboxAsync("reviewer", instance.Id));

        instance = await driver.CompleteAsync(instance.Id, "draft-revision", "revised");
        var resubmission = Assert.Single(instance.OpenTasks);
        Assert.Equal("legality-submission", resubmission.StepId);
        Assert.Equal(2, resubmission.Iteration);

        instance = await driver.AdvanceFromSubmissionToReviewAsync(instance.Id);
        var second = Assert.Single(instance.OpenTasks);
        Assert.Equal("legality-review", second.StepId);
        Assert.Equal(2, second.Iteration);
        Assert.NotEqual(review.Id, second.Id);
        Assert.Equal(second.Id, Assert.Single(await driver.InboxAsync("reviewer", instance.Id)).Id);
        Assert.Equal(2, instance.Steps.Single(s => s.Id == "legality-review").Iteration);

        instance = await driver.CompleteAsync(instance.Id, "legality-review", "lawful");
        Assert.Equal("meeting-scheduling", Assert.Single(instance.OpenTasks).StepId);

        // Both passes are in the journal.
        var journal = await driver.JournalAsync(instance.Id);
        var reviews = journal.Where(e => e.Type == "TaskCompleted" && e.StepId == "legality-review").ToList();
        Assert.Equal([(1, "needs-revision"), (2, "lawful")], reviews.Select(e => (e.Iteration ?? 0, e.Outcome!)));
        Assert.Equal("第三条表述与上位法不一致，请修改。", reviews[0].Comment);
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
        Assert.Equal(InstanceStatus.Running, instance.Status);

        // The first pass's review has left the bounded state (issue 21); its row and journal still answer for it.
        var stored = InstanceStateJson.Deserialize(await server.WithDatabaseAsync(db => db.Instances.AsNoTracking()
            .Where(i => i.Id == instance.Id).Select(i => i.StateJson).SingleAsync()));
        Assert.DoesNotContain(stored.Tasks, t => t.Id == review.Id);
        Assert.Contains(stored.Tasks, t => t.Id == second.Id);
        var reviewer = await driver.As("reviewer");
        var old = await reviewer.GetAsync($"/api/tasks/{review.Id}").ExpectAsync<TaskView>(HttpStatusCode.OK, server);
        Assert.Equal((WorkTaskStatus.Completed, "needs-revision", "第三条表述与上位法不一致，请修改。", 1), (old.Status, old.Outcome, old.Comment, old.Iteration));
        Assert.Equal((review.DueAt, review.DueRule, "legality-review"), (old.DueAt, old.DueRule, old.StepId));
        Assert.False(string.IsNullOrEmpty(old.CompletedByName));
        // A second completion of it (a new key, so no replay) is refused as done, naming who did it and when.
        var twice = await driver.CompleteRawAsync("reviewer", review.Id, "lawful", null, $"again-{Guid.NewGuid():N}").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("task-not-open", twice.Code);
        Assert.Contains(old.CompletedByName!, twice.Detail);
        Assert.Contains("needs-revision", twice.Detail);
        Assert.Equal(journal.Count, (await driver.JournalAsync(instance.Id)).Count);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task An_unlawful_draft_cannot_reach_the_meeting_and_can_be_withdrawn(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var review = Assert.Single((await driver.AdvanceToLegalityReviewAsync(instance.Id)).OpenTasks);
        instance = await driver.CompleteAsync(instance.Id, "legality-review", "unlawful", "超越法定权限。");
        Assert.Equal("unlawful-disposition", Assert.Single(instance.OpenTasks).StepId);
        Assert.Empty(await driver.InboxAsync("secretary", instance.Id));

        instance = await driver.CompleteAsync(instance.Id, "unlawful-disposition", "withdraw", "撤回决策事项。");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.OpenTasks);
        Assert.Equal(StepStatus.Pending, instance.Steps.Single(s => s.Id == "meeting-scheduling").Status);
    }
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task The_review_task_shows_its_article_and_outcomes(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var review = Assert.Single((await driver.AdvanceToLegalityReviewAsync(instance.Id)).OpenTasks);

        var reviewer = await driver.As("reviewer");
        var task = await reviewer.GetAsync($"/api/tasks/{review.Id}").ExpectAsync<RuleOfLaw.Workflow.Server.Instances.TaskView>(HttpStatusCode.OK, server);
        Assert.Null(task.NotBefore);
        Assert.Equal(ReviewArticle, task.Article);
        Assert.Equal("第二十八条", task.Outcomes.Single(o => o.Id == "needs-revision").Article);
    }
}
