using System.Net;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>A drafting officer creates and starts a matter; the work moves from inbox to inbox as the procedure requires.</summary>
public sealed class MatterWorkflowTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task Tasks_move_from_the_drafting_unit_to_the_legality_review_office(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);

        var matter = await driver.CreateMatterAsync("示范县城区停车收费调整方案");
        Assert.Equal("demo-county-drc", matter.DraftingUnitId);
        Assert.Equal("demo-county", matter.DecisionOrganId);
        Assert.Equal("demo-county-justice", matter.Assignments["legality-review-office"]);
        Assert.Equal("2026-0001", matter.Number);
        Assert.Null(matter.InstanceId);

        var instance = await driver.StartAsync(matter.Id);
        Assert.Equal(matter.Id, instance.Id); // the instance id is the matter's, so a retried start cannot open a second one
        Assert.Equal(InstanceStatus.Running, instance.Status);
        var initiation = Assert.Single(instance.OpenTasks);
        Assert.Equal("initiation", initiation.StepId);
        Assert.Equal(TestClock.DefaultStart, initiation.CreatedAt);

        var drafterInbox = await driver.InboxAsync("drafter");
        var item = Assert.Single(drafterInbox);
        Assert.Equal(initiation.Id, item.Id);
        Assert.Equal(matter.Number, item.MatterNumber);
        Assert.Equal(matter.Title, item.MatterTitle);
        Assert.Empty(await driver.InboxAsync("reviewer"));
        Assert.Empty(await driver.InboxAsync("counsel"));
        Assert.Empty(await driver.InboxAsync("drafthead")); // same organization, different role

        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        // No attributes: every conditional branch but public participation is skipped, with its article.
        var expert = instance.Steps.Single(s => s.Id == "expert-argumentation");
        Assert.Equal(StepStatus.Skipped, expert.Status);
        Assert.Contains("第十九条", expert.SkipReason);
        Assert.Equal(StepStatus.Waiting, instance.Steps.Single(s => s.Id == "opinion-consolidation").Status);
        Assert.Equal("public-participation", Assert.Single(instance.OpenTasks).StepId);

        instance = await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        Assert.Equal("opinion-consolidation", Assert.Single(instance.OpenTasks).StepId);
        instance = await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");

        // Submission for review is the head's, not the officer's.
        var submission = Assert.Single(instance.OpenTasks);
        Assert.Equal("legality-submission", submission.StepId);
        Assert.Equal(submission.Id, Assert.Single(await driver.InboxAsync("drafthead")).Id);
        Assert.Empty(await driver.InboxAsync("drafter"));
        instance = await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");

        var intake = Assert.Single(instance.OpenTasks);
        Assert.Equal("legality-intake", intake.StepId);
        Assert.Equal("demo-county-justice", intake.OrganizationId);
        Assert.Equal(intake.Id, Assert.Single(await driver.InboxAsync("reviewer")).Id);
        Assert.Empty(await driver.InboxAsync("counsel"));
        instance = await driver.CompleteAsync(instance.Id, "legality-intake", "accepted");

        var counselTask = Assert.Single(instance.OpenTasks);
        Assert.Equal("legal-counsel-opinion", counselTask.StepId);
        Assert.Equal(counselTask.Id, Assert.Single(await driver.InboxAsync("counsel")).Id);
        Assert.Empty(await driver.InboxAsync("reviewer"));
        instance = await driver.CompleteAsync(instance.Id, "legal-counsel-opinion", "opinion-given");

        var review = Assert.Single(instance.OpenTasks);
        Assert.Equal("legality-review", review.StepId);
        Assert.Equal(1, review.Iteration);
        Assert.Null(review.NotBefore); // the 7 working days (art. 26) are guaranteed by the requested opinion date of the submission
        Assert.Equal(review.Id, Assert.Single(await driver.InboxAsync("reviewer")).Id);
        Assert.Empty(await driver.InboxAsync("counsel"));
        Assert.Equal(["legal-counsel-opinion"], (await driver.InboxAsync("counsel", "completed")).Select(t => t.StepId));

        // The matter shows its instance; the journal holds every step and its chain is intact.
        var client = await driver.As("drafter");
        var shown = await client.GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK, server);
        var view = await shown.ReadAsync<RuleOfLaw.Workflow.Server.Matters.MatterView>();
        Assert.Equal(instance.Id, view.InstanceId);
        Assert.Equal(InstanceStatus.Running, view.InstanceStatus);
        var journal = await driver.JournalAsync(instance.Id);
        Assert.Equal(instance.JournalEntries, journal.Count);
        Assert.Equal(6, journal.Count(e => e.Type == "TaskCompleted"));
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_technical_matter_waits_for_the_experts_opinion(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);

        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        Assert.Equal(["expert-argumentation", "public-participation"], instance.OpenTasks.Select(t => t.StepId).Order());
        // The drafting unit organises the argumentation (version 6); an expert has a task only once she is chosen.
        Assert.Contains(await driver.InboxAsync("drafter", instance.Id), i => i.StepId == "expert-argumentation");
        Assert.Empty(await driver.InboxAsync("expert"));

        instance = await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        // The join waits for the experts (art. 19) before the opinions are studied.
        Assert.Equal(StepStatus.Waiting, instance.Steps.Single(s => s.Id == "opinion-consolidation").Status);
        Assert.Equal("expert-argumentation", Assert.Single(instance.OpenTasks).StepId);

        instance = await driver.CompleteAsync(instance.Id, "expert-argumentation", "opinion-submitted");
        Assert.Equal("opinion-consolidation", Assert.Single(instance.OpenTasks).StepId);
        Assert.Empty(await driver.InboxAsync("expert"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_lawful_matter_runs_to_completion(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);

        var instance = await driver.StartNewAsync();
        var review = (await driver.AdvanceToLegalityReviewAsync(instance.Id)).OpenTasks.Single();
        driver.MoveClockTo(review.CreatedAt.AddDays(14));

        await driver.CompleteAsync(instance.Id, "legality-review", "lawful");
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");
        instance = await driver.CompleteAsync(instance.Id, "party-committee-report", "reported");

        Assert.Equal(["archiving", "filing", "publication"], instance.OpenTasks.Select(t => t.StepId).Order());
        Assert.All(instance.OpenTasks, t => Assert.NotNull(t.DueAt)); // 2026 calendar: every due date can be computed
        var publication = instance.OpenTasks.Single(t => t.StepId == "publication");
        // Issued on Monday 16 March 2026 (09:00 Beijing); 20 working days (publicationDeadline), the Qingming holiday
        // (4-6 April) not counted: due at the end of Tuesday 14 April in Beijing.
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 1, 0, 0, TimeSpan.Zero), server.Clock.GetUtcNow());
        Assert.Equal(new DateTimeOffset(2026, 4, 14, 16, 0, 0, TimeSpan.Zero), publication.DueAt);
        Assert.NotNull(publication.DueRule);

        // Due dates are not enforced: past them the inbox flags the task, and it can still be completed.
        driver.MoveClockTo(publication.DueAt!.Value.AddDays(1));
        var overdue = Assert.Single(await driver.InboxAsync("secretary"), t => t.StepId == "publication");
        Assert.True(overdue.Overdue);
        var archiving = Assert.Single(await driver.InboxAsync("drafter"));
        Assert.Equal(archiving.DueAt < server.Clock.GetUtcNow(), archiving.Overdue);
        await driver.CompleteAsync(instance.Id, "publication", "published");
        await driver.CompleteAsync(instance.Id, "filing", "filed");
        await driver.CompleteAsync(instance.Id, "archiving", "archived");
        instance = await driver.CompleteAsync(instance.Id, "execution", "executed");

        // evaluationPlanned is not set: the evaluation is skipped and the instance ends.
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.OpenTasks);
        Assert.NotNull(instance.EndedAt);
        Assert.Equal(StepStatus.Skipped, instance.Steps.Single(s => s.Id == "post-decision-evaluation").Status);
        var journal = await driver.JournalAsync(instance.Id);
        Assert.Equal("InstanceCompleted", journal[^1].Type);
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
        foreach (var user in ProcedureDriver.Performer.Values.Distinct())
        {
            Assert.Empty(await driver.InboxAsync(user));
        }
    }
}
