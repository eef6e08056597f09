using RuleOfLaw.Workflow.Engine.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Token joins: a loop back to before a join makes the join wait again for every branch on the next pass.</summary>
public sealed class TokenJoinTests
{
    private const string Definition = """
        {
          "id": "reconsult", "version": 1, "title": "重新征求意见", "legalBasis": "测试", "start": "fan-out",
          "steps": [
            { "id": "fan-out", "kind": "automatic", "title": "分支", "next": ["consultation", "expert-opinion"] },
            { "id": "consultation", "kind": "humanTask", "title": "公开征求意见", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已完成" } ], "next": ["consolidation"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool",
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["consolidation"] },
            { "id": "consolidation", "kind": "automatic", "title": "汇总", "join": ["consultation", "expert-opinion"], "next": ["decision"] },
            { "id": "decision", "kind": "humanTask", "title": "集体讨论", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "approved", "title": "通过" }, { "id": "reconsult", "title": "重新征求意见", "next": ["fan-out"] } ], "next": [] }
          ]
        }
        """;

    [Fact]
    public void The_join_waits_for_every_branch_again_on_the_second_pass()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        run.Complete("consultation", "done", Drafter);
        run.Complete("expert-opinion", "given", Expert);
        Assert.Equal(["decision"], run.OpenSteps());

        run.Complete("decision", "reconsult", Reviewer);
        Assert.Equal(["consultation", "expert-opinion"], run.OpenSteps());

        // One branch done on the second pass: the first pass's expert opinion does not count again.
        run.Complete("consultation", "done", Drafter);
        Assert.Equal(["expert-opinion"], run.OpenSteps());
        Assert.Equal(StepStatus.Waiting, run.Step("consolidation").Status);
        Assert.Equal(1, run.Step("consolidation").Iteration);

        run.Complete("expert-opinion", "given", Expert);
        Assert.Equal(["decision"], run.OpenSteps());
        Assert.Equal(2, run.Step("consolidation").Iteration);
        Assert.Equal(2, run.Step("decision").Iteration);
        run.Complete("decision", "approved", Reviewer);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void A_join_fired_before_tokens_were_counted_keeps_its_old_reading()
    {
        // State written by the previous engine has no sequences: the first firing is judged on step states as before.
        var run = new EngineHarness(Definition);
        run.Start();
        run.Complete("consultation", "done", Drafter);
        foreach (var step in run.Current.Steps.Values)
        {
            step.FinishedSequence = null;
        }
        run.Complete("expert-opinion", "given", Expert);
        Assert.Equal(["decision"], run.OpenSteps());
    }
}
