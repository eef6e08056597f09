using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>How the engine walks a graph: skips, branches, joins, loops, non-human steps, ends.</summary>
public sealed class FlowTests
{
    // ---- Conditional steps ----

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

    [Fact]
    public void A_step_whose_condition_is_false_is_skipped_with_the_reason_and_the_branch_continues()
    {
        var run = new EngineHarness(Conditional);
        run.Start(("technical", true), ("notDisclosable", true));

        run.Complete("drafting", "done", Drafter);

        var skipped = run.Step("expert-opinion");
        Assert.Equal(StepStatus.Skipped, skipped.Status);
        Assert.Contains("technical && !notDisclosable", skipped.SkipReason);
        Assert.Contains("technical=true, notDisclosable=true", skipped.SkipReason);
        Assert.Contains("第十九条", skipped.SkipReason);
        Assert.DoesNotContain(run.Current.Tasks, t => t.StepId == "expert-opinion");
        Assert.Equal(["review"], run.OpenSteps());
        var entry = Assert.Single(run.Journal, e => e.Type == "StepSkipped");
        Assert.Equal(("expert-opinion", skipped.SkipReason), (entry.StepId, entry.Comment));
    }

    [Fact]
    public void An_unset_attribute_counts_as_false_when_a_step_is_reached()
    {
        var run = new EngineHarness(Conditional);
        run.Start();

        run.Complete("drafting", "done", Drafter);

        Assert.Equal(StepStatus.Skipped, run.Step("expert-opinion").Status);
        Assert.Contains("technical=false, notDisclosable=false", run.Step("expert-opinion").SkipReason);
    }

    [Fact]
    public void A_step_whose_condition_is_true_opens_its_task()
    {
        var run = new EngineHarness(Conditional);
        run.Start(("technical", true));

        run.Complete("drafting", "done", Drafter);

        Assert.Equal(["expert-opinion"], run.OpenSteps());
        Assert.Equal("org-experts", run.OpenTask("expert-opinion").OrganizationId);
        Assert.Null(run.Step("expert-opinion").SkipReason);
    }

    // ---- Fan-out and join ----

    private const string FanOut = """
        {
          "id": "fan-out", "version": 1, "title": "并行", "legalBasis": "测试",
          "attributes": [ { "name": "technical", "title": "专业性较强" }, { "name": "public", "title": "公开" } ],
          "start": "initiation",
          "steps": [
            { "id": "initiation", "kind": "humanTask", "title": "决策启动", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "started", "title": "已启动" } ], "next": ["participation", "expert-opinion", "risk"] },
            { "id": "participation", "kind": "humanTask", "title": "公众参与", "role": "drafting-officer", "organization": "drafting-unit", "when": "public",
              "outcomes": [ { "id": "heard", "title": "已听取" } ], "next": ["consolidation"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool", "when": "technical",
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["consolidation"] },
            { "id": "risk", "kind": "automatic", "title": "风险登记", "next": ["consolidation"] },
            { "id": "consolidation", "kind": "humanTask", "title": "意见研究", "role": "drafting-officer", "organization": "drafting-unit",
              "join": ["participation", "expert-opinion", "risk"],
              "outcomes": [ { "id": "finalised", "title": "定稿" } ] }
          ]
        }
        """;

    [Fact]
    public void Fan_out_opens_parallel_tasks_and_the_join_waits_for_every_branch()
    {
        var run = new EngineHarness(FanOut);
        run.Start(("technical", true), ("public", true));

        run.Complete("initiation", "started", Drafter);

        Assert.Equal(["expert-opinion", "participation"], run.OpenSteps());
        Assert.Equal(StepStatus.Completed, run.Step("risk").Status);
        Assert.Equal(StepStatus.Waiting, run.Step("consolidation").Status);
        var waiting = Assert.Single(run.Journal, e => e.Type == "StepWaiting");
        Assert.Contains("participation", waiting.DataJson);
        Assert.Contains("expert-opinion", waiting.DataJson);
        Assert.DoesNotContain("risk", waiting.DataJson);

        run.Complete("participation", "heard", Drafter);

        Assert.Equal(["expert-opinion"], run.OpenSteps());
        Assert.Equal(StepStatus.Waiting, run.Step("consolidation").Status);
        Assert.Single(run.Journal, e => e.Type == "StepWaiting"); // waiting is journaled once, not on every arrival

        run.Complete("expert-opinion", "given", Expert);

        Assert.Equal(["consolidation"], run.OpenSteps());
        Assert.Single(run.Current.Tasks, t => t.StepId == "consolidation");
        Assert.Equal(StepStatus.Active, run.Step("consolidation").Status);
        Assert.Equal(1, run.Step("consolidation").Iteration);
    }

    [Fact]
    public void A_skipped_branch_counts_as_done_for_the_join()
    {
        var run = new EngineHarness(FanOut);
        run.Start(("technical", true));

        run.Complete("initiation", "started", Drafter);

        Assert.Equal(StepStatus.Skipped, run.Step("participation").Status);
        Assert.Equal(["expert-opinion"], run.OpenSteps());

        run.Complete("expert-opinion", "given", Expert);

        Assert.Equal(["consolidation"], run.OpenSteps());
    }

    [Fact]
    public void When_every_branch_finishes_in_the_same_command_the_join_opens_one_task()
    {
        var run = new EngineHarness(FanOut);
        run.Start();

        run.Complete("initiation", "started", Drafter);

        Assert.Equal(StepStatus.Skipped, run.Step("participation").Status);
        Assert.Equal(StepStatus.Skipped, run.Step("expert-opinion").Status);
        Assert.Single(run.Current.Tasks, t => t.StepId == "consolidation");
        Assert.Single(run.Journal, e => e.Type == "TaskOpened" && e.StepId == "consolidation");
        Assert.Equal(1, run.Step("consolidation").Iteration);
    }

    [Fact]
    public void An_automatic_join_step_reached_by_every_branch_in_one_command_runs_once()
    {
        // Three branches all finish at once (two skipped, one automatic) and all arrive at the automatic join step.
        const string json = """
            {
              "id": "automatic-join", "version": 1, "title": "自动汇合", "legalBasis": "测试",
              "attributes": [ { "name": "technical", "title": "专业性较强" } ],
              "start": "initiation",
              "steps": [
                { "id": "initiation", "kind": "humanTask", "title": "启动", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "started", "title": "已启动" } ], "next": ["a", "b", "c"] },
                { "id": "a", "kind": "humanTask", "title": "甲", "role": "expert", "organization": "expert-pool", "when": "technical",
                  "outcomes": [ { "id": "done", "title": "完成" } ], "next": ["merge"] },
                { "id": "b", "kind": "humanTask", "title": "乙", "role": "expert", "organization": "expert-pool", "when": "technical",
                  "outcomes": [ { "id": "done", "title": "完成" } ], "next": ["merge"] },
                { "id": "c", "kind": "automatic", "title": "丙", "next": ["merge"] },
                { "id": "merge", "kind": "automatic", "title": "汇合", "join": ["a", "b", "c"], "next": ["review"] },
                { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                  "outcomes": [ { "id": "lawful", "title": "合法" } ] }
              ]
            }
            """;
        var run = new EngineHarness(json);
        run.Start();

        run.Complete("initiation", "started", Drafter);

        Assert.Single(run.Journal, e => e.Type == "StepCompleted" && e.StepId == "merge");
        Assert.Equal(1, run.Step("merge").Iteration);
        Assert.Single(run.Current.Tasks, t => t.StepId == "review");
    }

    [Fact]
    public void A_conditional_join_step_reached_by_every_branch_in_one_command_is_skipped_once()
    {
        const string json = """
            {
              "id": "skipped-join", "version": 1, "title": "跳过汇合", "legalBasis": "测试",
              "attributes": [ { "name": "technical", "title": "专业性较强" } ],
              "start": "initiation",
              "steps": [
                { "id": "initiation", "kind": "humanTask", "title": "启动", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "started", "title": "已启动" } ], "next": ["a", "b"] },
                { "id": "a", "kind": "automatic", "title": "甲", "next": ["merge"] },
                { "id": "b", "kind": "automatic", "title": "乙", "next": ["merge"] },
                { "id": "merge", "kind": "humanTask", "title": "专家汇总", "role": "expert", "organization": "expert-pool",
                  "join": ["a", "b"], "when": "technical", "outcomes": [ { "id": "done", "title": "完成" } ], "next": ["review"] },
                { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                  "outcomes": [ { "id": "lawful", "title": "合法" } ] }
              ]
            }
            """;
        var run = new EngineHarness(json);
        run.Start();

        run.Complete("initiation", "started", Drafter);

        Assert.Single(run.Journal, e => e.Type == "StepSkipped" && e.StepId == "merge");
        Assert.Equal((StepStatus.Skipped, 1), (run.Step("merge").Status, run.Step("merge").Iteration));
        Assert.Single(run.Current.Tasks, t => t.StepId == "review");
    }

    // ---- Loops driven by outcomes ----

    private const string ReviewLoop = """
        {
          "id": "review-loop", "version": 1, "title": "审查退回", "legalBasis": "测试",
          "start": "review",
          "steps": [
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "article": "第二十八条", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [
                { "id": "lawful", "title": "合法", "next": [] },
                { "id": "needs-revision", "title": "需修改完善", "next": ["revise"], "commentRequired": true, "article": "第二十八条第二款" }
              ] },
            { "id": "revise", "kind": "humanTask", "title": "修改草案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "revised", "title": "已修改" } ], "next": ["review"] }
          ]
        }
        """;

    [Fact]
    public void Sending_back_for_revision_reopens_the_review_as_a_new_iteration_with_a_new_task()
    {
        var run = new EngineHarness(ReviewLoop);
        run.Start();
        var firstReview = run.OpenTask("review");

        run.Complete("review", "needs-revision", Reviewer, comment: "第三条缺少上位法依据");

        Assert.Equal(["revise"], run.OpenSteps());
        Assert.Equal(StepStatus.Completed, run.Step("review").Status);
        Assert.Equal("needs-revision", run.Step("review").Outcome);

        run.Complete("revise", "revised", Drafter);

        var secondReview = run.OpenTask("review");
        Assert.Equal(2, secondReview.Iteration);
        Assert.Equal(2, run.Step("review").Iteration);
        Assert.Equal(StepStatus.Active, run.Step("review").Status);
        Assert.Null(run.Step("review").Outcome);
        Assert.NotEqual(firstReview.Id, secondReview.Id);
        var first = Assert.Single(run.Current.Tasks, t => t.Id == firstReview.Id);
        Assert.Equal((WorkTaskStatus.Completed, "needs-revision", "第三条缺少上位法依据"), (first.Status, first.Outcome, first.Comment));
        Assert.Equal([1, 2], run.Journal.Where(e => e.Type == "TaskOpened" && e.StepId == "review").Select(e => e.Iteration));

        run.Complete("review", "lawful", Reviewer);

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    // ---- Automatic and gate steps ----

    private const string Routing = """
        {
          "id": "routing", "version": 1, "title": "分流", "legalBasis": "测试",
          "attributes": [ { "name": "urgent", "title": "情况紧急" } ],
          "start": "register",
          "steps": [
            { "id": "register", "kind": "automatic", "title": "登记", "next": ["route"] },
            { "id": "route", "kind": "gate", "title": "是否紧急", "condition": "urgent", "next": ["fast-track"], "otherwise": ["ordinary"] },
            { "id": "fast-track", "kind": "humanTask", "title": "快速办理", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "完成" } ] },
            { "id": "ordinary", "kind": "humanTask", "title": "一般办理", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "完成" } ] }
          ]
        }
        """;

    [Fact]
    public void Automatic_step_completes_at_once_and_a_true_gate_follows_next()
    {
        var run = new EngineHarness(Routing);

        run.Start(("urgent", true));

        Assert.Equal((StepStatus.Completed, "done"), (run.Step("register").Status, run.Step("register").Outcome));
        Assert.Equal((StepStatus.Completed, "true"), (run.Step("route").Status, run.Step("route").Outcome));
        Assert.Equal(["fast-track"], run.OpenSteps());
        Assert.False(run.Current.Steps.ContainsKey("ordinary"));
        Assert.Equal(["InstanceStarted", "StepCompleted", "GateEvaluated", "TaskOpened"], run.Journal.Select(e => e.Type));
    }

    [Fact]
    public void A_false_gate_follows_otherwise()
    {
        var run = new EngineHarness(Routing);

        run.Start(("urgent", false));

        Assert.Equal((StepStatus.Completed, "false"), (run.Step("route").Status, run.Step("route").Outcome));
        Assert.Equal(["ordinary"], run.OpenSteps());
        var gate = Assert.Single(run.Journal, e => e.Type == "GateEvaluated");
        Assert.Equal("false", gate.Outcome);
        Assert.Contains("urgent", gate.DataJson);
    }

    // ---- Endings ----

    [Fact]
    public void The_instance_completes_only_when_no_step_is_active()
    {
        const string json = """
            {
              "id": "two-branches", "version": 1, "title": "两个分支", "legalBasis": "测试",
              "start": "decide",
              "steps": [
                { "id": "decide", "kind": "humanTask", "title": "决定", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "decided", "title": "已决定" } ], "next": ["filing", "archiving"] },
                { "id": "filing", "kind": "humanTask", "title": "备案", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "filed", "title": "已备案" } ] },
                { "id": "archiving", "kind": "humanTask", "title": "归档", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "archived", "title": "已归档" } ], "next": [] }
              ]
            }
            """;
        var run = new EngineHarness(json);
        run.Start();
        run.Complete("decide", "decided", Drafter);

        run.Complete("filing", "filed", Drafter);

        Assert.Equal(InstanceStatus.Running, run.Current.Status);
        Assert.Null(run.Current.EndedAt);

        run.Now = Tuesday.AddHours(3);
        run.Complete("archiving", "archived", Drafter);

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        Assert.Equal(Tuesday.AddHours(3), run.Current.EndedAt);
        Assert.Equal("InstanceCompleted", run.Journal[^1].Type);
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
        run.Refuse(new WorkflowCommand.Cancel("已结束"), Drafter, "instance-not-running");
    }

    [Fact]
    public void A_join_that_can_never_be_satisfied_faults_the_instance_naming_the_waiting_step()
    {
        // The gate sends the matter down one branch only; the join also waits for the other one.
        const string json = """
            {
              "id": "bad-join", "version": 1, "title": "无法汇合", "legalBasis": "测试",
              "attributes": [ { "name": "technical", "title": "专业性较强" } ],
              "start": "route",
              "steps": [
                { "id": "route", "kind": "gate", "title": "分流", "condition": "technical", "next": ["expert-opinion"], "otherwise": ["desk-review"] },
                { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool",
                  "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["decision"] },
                { "id": "desk-review", "kind": "humanTask", "title": "书面审查", "role": "legality-reviewer", "organization": "legality-review-office",
                  "outcomes": [ { "id": "done", "title": "完成" } ], "next": ["decision"] },
                { "id": "decision", "kind": "humanTask", "title": "决定", "role": "drafting-officer", "organization": "drafting-unit",
                  "join": ["expert-opinion", "desk-review"], "outcomes": [ { "id": "decided", "title": "已决定" } ] }
              ]
            }
            """;
        var run = new EngineHarness(json);
        run.Start(("technical", true));

        run.Complete("expert-opinion", "given", Expert);

        Assert.Equal(InstanceStatus.Faulted, run.Current.Status);
        Assert.Contains("decision", run.Current.StatusReason);
        Assert.Equal(StepStatus.Waiting, run.Step("decision").Status);
        Assert.Empty(run.Current.OpenTasks());
        var incident = run.Journal[^1];
        Assert.Equal("InstanceFaulted", incident.Type);
        Assert.Equal(run.Current.StatusReason, incident.Comment);
        run.Refuse(new WorkflowCommand.Suspend("检查"), Drafter, "instance-not-running");
    }
}
