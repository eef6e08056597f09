using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Completing a task: what is accepted and recorded, and every refusal (which must leave the state untouched).</summary>
public sealed class CompleteTaskTests
{
    private const string Review = """
        {
          "id": "review", "version": 1, "title": "审查", "legalBasis": "测试",
          "start": "review",
          "steps": [
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "titleEn": "Legality review", "article": "第二十六条至第二十八条",
              "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [
                { "id": "lawful", "title": "合法", "next": ["publish"] },
                { "id": "unlawful", "title": "不合法", "next": [], "commentRequired": true, "article": "第二十五条" },
                { "id": "needs-revision", "title": "需修改完善", "next": [], "commentRequired": true }
              ] },
            { "id": "publish", "kind": "humanTask", "title": "公布", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "published", "title": "已公布" } ] }
          ]
        }
        """;

    private static (EngineHarness Run, WorkTask Task) Started()
    {
        var run = new EngineHarness(Review);
        run.Start();
        return (run, run.OpenTask("review"));
    }

    [Fact]
    public void Completion_records_who_when_which_outcome_comment_and_data()
    {
        var (run, task) = Started();
        run.Now = Tuesday.AddHours(2);

        run.Accept(new WorkflowCommand.CompleteTask(task.Id, "lawful", "符合上位法", """{"opinionNo":"2026-7"}"""), Reviewer);

        var done = Assert.Single(run.Current.Tasks, t => t.Id == task.Id);
        Assert.Equal(WorkTaskStatus.Completed, done.Status);
        Assert.Equal(Tuesday.AddHours(2), done.CompletedAt);
        Assert.Equal(("u-reviewer", "审查人"), (done.CompletedBy, done.CompletedByName));
        Assert.Equal(("lawful", "符合上位法"), (done.Outcome, done.Comment));
        Assert.Equal("""{"opinionNo":"2026-7"}""", done.DataJson);
        Assert.Equal((StepStatus.Completed, "lawful"), (run.Step("review").Status, run.Step("review").Outcome));
        var entry = Assert.Single(run.Journal, e => e.Type == "TaskCompleted");
        Assert.Equal((task.Id, "lawful", "符合上位法", """{"opinionNo":"2026-7"}"""), (entry.TaskId!.Value, entry.Outcome, entry.Comment, entry.DataJson));
        Assert.Equal(("u-reviewer", Tuesday.AddHours(2)), (entry.ActorId, entry.OccurredAt));
        Assert.Equal(["publish"], run.OpenSteps());
    }

    [Fact]
    public void Deciding_the_same_completion_twice_on_the_same_state_yields_the_same_decision()
    {
        var (run, task) = Started();
        var command = new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null);

        var first = run.Decide(command, Reviewer);
        var second = run.Decide(command, Reviewer);

        Assert.Equal(InstanceStateJson.Serialize(first.State!), InstanceStateJson.Serialize(second.State!));
        Assert.Equal(first.Journal, second.Journal);
    }

    [Fact]
    public void An_unknown_outcome_is_refused_listing_the_outcomes()
    {
        var (run, task) = Started();

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "approved", null, null), Reviewer, "unknown-outcome");

        Assert.Contains("approved", refusal.Message);
        Assert.Contains("lawful、unlawful、needs-revision", refusal.TextIn(TextCatalog.Chinese));
        Assert.Contains("lawful, unlawful, needs-revision", refusal.TextIn(TextCatalog.English));
        Assert.Equal("第二十六条至第二十八条", refusal.Article);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_comment_missing_is_refused_citing_the_outcome_article(string? comment)
    {
        var (run, task) = Started();

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "unlawful", comment, null), Reviewer, "comment-required");

        Assert.Equal("第二十五条", refusal.Article);
        Assert.Contains("unlawful", refusal.Message);
    }

    [Fact]
    public void A_required_comment_missing_on_an_outcome_without_article_cites_the_step()
    {
        var (run, task) = Started();

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "needs-revision", null, null), Reviewer, "comment-required");

        Assert.Equal("第二十六条至第二十八条", refusal.Article);
    }

    [Fact]
    public void With_the_required_comment_the_outcome_is_accepted()
    {
        var (run, task) = Started();

        run.Accept(new WorkflowCommand.CompleteTask(task.Id, "unlawful", "超越法定权限", null), Reviewer);

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void Someone_without_the_role_is_refused()
    {
        var (run, task) = Started();
        var drafterInReviewOffice = Person("u-x", "他人", ("org-legal", "drafting-officer"));

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), drafterInReviewOffice, "not-authorized-for-task");

        Assert.Contains("legality-reviewer", refusal.Message);
        Assert.Contains("org-legal", refusal.Message);
        Assert.Equal("第二十六条至第二十八条", refusal.Article);
    }

    [Fact]
    public void Someone_with_the_role_in_another_organization_is_refused()
    {
        var (run, task) = Started();
        var reviewerElsewhere = Person("u-y", "外单位审查人", ("org-other-county", "legality-reviewer"), ("org-drafting", "drafting-officer"));

        run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), reviewerElsewhere, "not-authorized-for-task");
    }

    [Fact]
    public void The_system_actor_cannot_complete_a_human_task()
    {
        var (run, task) = Started();

        run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Actor.System, "not-authorized-for-task");
    }

    [Fact]
    public void A_task_already_completed_is_refused_naming_who_completed_it()
    {
        var (run, task) = Started();
        run.Accept(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer);

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "task-not-open");

        Assert.Contains("审查人", refusal.Message);
        Assert.Contains("lawful", refusal.Message);
        Assert.Single(run.Journal, e => e.Type == "TaskCompleted");
    }

    [Fact]
    public void A_task_of_another_instance_is_refused()
    {
        var (run, _) = Started();

        run.Refuse(new WorkflowCommand.CompleteTask(Guid.NewGuid(), "lawful", null, null), Reviewer, "task-not-found");
    }
}
