using RuleOfLaw.Workflow.Engine.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Event steps, events attached to an active step, and the instance's events (第三十五条至第三十七条).</summary>
public sealed class SignalTests
{
    private const string Definition = """
        {
          "id": "execution", "version": 1, "title": "执行", "legalBasis": "测试", "start": "execution",
          "events": [
            { "signal": "execution-suspended", "title": "中止执行", "article": "第三十七条", "interrupting": true, "next": ["suspension-record"] }
          ],
          "steps": [
            { "id": "execution", "kind": "humanTask", "title": "执行", "article": "第三十四条", "role": "drafting-officer", "organization": "drafting-unit",
              "events": [ { "signal": "evaluation-triggered", "title": "启动评估", "article": "第三十六条", "next": ["evaluation"] } ],
              "outcomes": [ { "id": "executed", "title": "已执行" } ], "next": ["objection-threshold"] },
            { "id": "evaluation", "kind": "humanTask", "title": "决策后评估", "article": "第三十六条", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "done", "title": "已评估" } ], "next": [] },
            { "id": "objection-threshold", "kind": "event", "signal": "objection-threshold-reached", "title": "异议达到评估标准", "article": "第三十五条",
              "next": [] },
            { "id": "suspension-record", "kind": "humanTask", "title": "中止执行的处理", "article": "第三十七条", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "recorded", "title": "已记录" } ], "next": [] }
          ]
        }
        """;

    private static WorkflowCommand.Signal Signal(string name, string? comment = null) => new(name, comment, null);

    [Fact]
    public void An_event_step_waits_for_its_signal_and_refuses_others()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        var early = run.Refuse(Signal("objection-threshold-reached"), Drafter, "signal-not-awaited");
        Assert.Contains("evaluation-triggered", early.Message);
        Assert.Contains("execution-suspended", early.Message);
        run.Complete("execution", "executed", Drafter);
        Assert.Equal(StepStatus.Active, run.Step("objection-threshold").Status);
        Assert.Equal(InstanceStatus.Running, run.Current.Status);

        // The boundary event of execution is no longer heard once execution is done.
        run.Refuse(Signal("evaluation-triggered"), Drafter, "signal-not-awaited");
        run.Accept(Signal("objection-threshold-reached", "异议人数超过标准"), Drafter);

        Assert.Equal(("objection-threshold-reached", StepStatus.Completed), (run.Step("objection-threshold").Outcome, run.Step("objection-threshold").Status));
        var received = run.Journal.Single(e => e.Type == "SignalReceived");
        Assert.Equal("异议人数超过标准", received.Comment);
        Assert.Contains("objection-threshold", received.DataJson);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        // Ended: nothing waits any more.
        run.Refuse(Signal("objection-threshold-reached"), Drafter, "instance-not-running");
    }

    [Fact]
    public void A_non_interrupting_event_on_an_active_step_starts_a_branch_beside_it()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        run.Accept(Signal("evaluation-triggered"), Drafter);

        Assert.Equal(["evaluation", "execution"], run.OpenSteps());
        Assert.Equal(StepStatus.Active, run.Step("execution").Status);
        var triggered = run.Journal.Single(e => e.Type == "EventTriggered");
        Assert.Equal(("execution", "启动评估"), (triggered.StepId, triggered.Comment));
        Assert.Equal("第三十六条", System.Text.Json.JsonDocument.Parse(triggered.DataJson).RootElement.GetProperty("article").GetString());
    }

    [Fact]
    public void An_interrupting_instance_event_ends_every_running_step_and_continues_from_the_event()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        run.Accept(Signal("evaluation-triggered"), Drafter);
        run.Accept(Signal("execution-suspended", "行政首长决定中止执行"), Drafter);

        Assert.Equal(["suspension-record"], run.OpenSteps());
        Assert.Equal(StepStatus.Cancelled, run.Step("execution").Status);
        Assert.Equal(StepStatus.Cancelled, run.Step("evaluation").Status);
        Assert.Contains("第三十七条", run.Step("execution").SkipReason);
        Assert.Equal(2, run.Journal.Count(e => e.Type == "StepInterrupted"));
        Assert.Equal(2, run.Current.Tasks.Count(t => t.Status == WorkTaskStatus.Cancelled));

        run.Complete("suspension-record", "recorded", Drafter);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void A_signal_is_refused_while_the_instance_is_suspended()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        run.Accept(new WorkflowCommand.Suspend("暂停"), Drafter);
        run.Refuse(Signal("evaluation-triggered"), Drafter, "instance-suspended");
    }

    [Fact]
    public void An_interrupting_event_on_a_step_ends_only_that_step()
    {
        var run = new EngineHarness("""
            {
              "id": "withdrawal", "version": 1, "title": "撤回", "legalBasis": "测试", "start": "fan-out",
              "steps": [
                { "id": "fan-out", "kind": "automatic", "title": "分支", "next": ["review", "waiting-period"] },
                { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                  "events": [ { "signal": "package-withdrawn", "interrupting": true, "next": ["resubmission"] } ],
                  "outcomes": [ { "id": "lawful", "title": "合法" } ], "next": [] },
                { "id": "waiting-period", "kind": "timer", "title": "等待", "duration": { "days": 5, "counting": "calendar" }, "next": [] },
                { "id": "resubmission", "kind": "humanTask", "title": "重新报送", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "submitted", "title": "已报送" } ], "next": [] }
              ]
            }
            """);
        run.Start();
        run.Accept(Signal("package-withdrawn"), Drafter);

        Assert.Equal(["resubmission"], run.OpenSteps());
        Assert.Equal(StepStatus.Cancelled, run.Step("review").Status);
        Assert.Equal(StepStatus.Active, run.Step("waiting-period").Status);
        Assert.Single(run.Current.Timers, t => t.Status == TimerStatus.Scheduled);
    }
}
