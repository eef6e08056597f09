using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>A step completed only by a domain command (<c>completedBy</c>): the engine refuses the generic completion.</summary>
public sealed class CompletedByTests
{
    private const string Definition = """
        {
          "id": "agenda", "version": 1, "title": "议题", "legalBasis": "测试", "start": "scheduling",
          "steps": [
            { "id": "scheduling", "kind": "humanTask", "title": "列入会议议题", "article": "第二十五条、第二十九条",
              "role": "drafting-officer", "organization": "drafting-unit", "completedBy": "meeting-agenda",
              "outcomes": [ { "id": "scheduled", "title": "已列入" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ], "next": [] }
          ]
        }
        """;

    [Fact]
    public void The_generic_completion_is_refused_with_the_command_to_use_and_the_article()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        var task = run.OpenTask("scheduling");

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "scheduled", null, null), Drafter, "use-meeting-agenda");
        Assert.Equal("第二十五条、第二十九条", refusal.Article);
        Assert.Contains("“meeting-agenda”", refusal.Message);
        Assert.Contains("the 'meeting-agenda' command", refusal.TextIn(TextCatalog.English));
        run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "scheduled", null, null, By: "meeting-record"), Drafter, "use-meeting-agenda");
        // Who may not do the task at all hears that first.
        run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "scheduled", null, null), Reviewer, "not-authorized-for-task");

        run.Accept(new WorkflowCommand.CompleteTask(task.Id, "scheduled", null, null, By: "meeting-agenda"), Drafter);
        // A step without completedBy takes either path.
        run.Complete("review", "lawful", Reviewer);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }
}
