using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Changing a matter's attributes after the start re-evaluates the gates (第十条至第十三条), never reopening a passed step.</summary>
public sealed class ChangeAttributesTests
{
    private const string Conditional = """
        {
          "id": "conditional", "version": 1, "title": "条件步骤", "legalBasis": "测试",
          "attributes": [ { "name": "technical", "title": "专业性较强" }, { "name": "notDisclosable", "title": "依法不予公开" } ],
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "拟订草案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已拟订" } ], "next": ["expert-opinion"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "article": "第十九条", "role": "expert", "organization": "expert-pool",
              "when": "technical && !notDisclosable",
              "outcomes": [ { "id": "given", "title": "已出具意见" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    private static WorkflowCommand.ChangeAttributes Change(string reason, params (string Name, bool Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value), reason);

    [Fact]
    public void A_step_not_reached_yet_follows_the_new_attributes_and_the_change_is_journaled()
    {
        var run = new EngineHarness(Conditional);
        run.Start(("technical", false));

        run.Accept(Change("经研究，事项专业性较强。", ("technical", true)), Drafter);

        Assert.True(run.Current.Attributes["technical"]);
        var entry = Assert.Single(run.Journal, e => e.Type == "AttributesChanged");
        Assert.Equal("经研究，事项专业性较强。", entry.Comment);
        Assert.Contains("\"changed\":[\"technical\"]", entry.DataJson);
        run.Complete("drafting", "done", Drafter);
        Assert.Equal(["expert-opinion"], run.OpenSteps());
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
    }

    [Fact]
    public void A_change_that_would_reopen_a_skipped_step_is_refused_with_its_article_and_nothing_changes()
    {
        var run = new EngineHarness(Conditional);
        run.Start(("technical", false));
        run.Complete("drafting", "done", Drafter);
        Assert.Equal(StepStatus.Skipped, run.Step("expert-opinion").Status);

        var refusal = run.Refuse(Change("补充专家论证", ("technical", true)), Drafter, "attribute-change-reopens-skipped-step");

        Assert.Equal("第十九条", refusal.Article);
        Assert.Contains("expert-opinion", refusal.Message);
        Assert.False(run.Current.Attributes["technical"]);
    }

    [Fact]
    public void An_active_step_whose_condition_becomes_false_is_skipped_and_the_procedure_goes_on()
    {
        var run = new EngineHarness(Conditional);
        run.Start(("technical", true));
        run.Complete("drafting", "done", Drafter);
        var expertTask = run.OpenTask("expert-opinion");

        run.Accept(Change("依法确定不予公开。", ("notDisclosable", true)), Drafter);

        Assert.Equal(WorkTaskStatus.Cancelled, run.Current.Tasks.Single(t => t.Id == expertTask.Id).Status);
        var skipped = run.Step("expert-opinion");
        Assert.Equal(StepStatus.Skipped, skipped.Status);
        Assert.Contains("notDisclosable=true", skipped.SkipReason);
        Assert.Equal(["review"], run.OpenSteps());
        Assert.Equal(["AttributesChanged", "StepSkipped", "TaskOpened"], run.Journal.TakeLast(3).Select(e => e.Type));
    }

    [Fact]
    public void A_completed_step_stays_completed_when_its_condition_becomes_false()
    {
        var run = new EngineHarness(Conditional);
        run.Start(("technical", true));
        run.Complete("drafting", "done", Drafter);
        run.Complete("expert-opinion", "given", Expert);

        run.Accept(Change("重新认定", ("technical", false)), Drafter);

        Assert.Equal(StepStatus.Completed, run.Step("expert-opinion").Status);
        Assert.Equal(["review"], run.OpenSteps());
    }

    [Fact]
    public void A_reason_is_required_and_unknown_attributes_are_refused()
    {
        var run = new EngineHarness(Conditional);
        run.Start();

        run.Refuse(Change(" ", ("technical", true)), Drafter, "reason-required");
        run.Refuse(Change("理由", ("nosuch", true)), Drafter, "unknown-attribute");
    }
}
