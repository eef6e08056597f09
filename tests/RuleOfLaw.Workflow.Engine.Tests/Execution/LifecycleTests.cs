using RuleOfLaw.Workflow.Engine.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Suspend, resume and cancel.</summary>
public sealed class LifecycleTests
{
    private const string Parallel = """
        {
          "id": "parallel", "version": 1, "title": "并行办理", "legalBasis": "测试",
          "start": "initiation",
          "steps": [
            { "id": "initiation", "kind": "humanTask", "title": "启动", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "started", "title": "已启动" } ], "next": ["expert-opinion", "review", "wait"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool",
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["decision"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ], "next": ["decision"] },
            { "id": "wait", "kind": "timer", "title": "公示期", "duration": { "days": 30, "counting": "calendar" }, "next": [] },
            { "id": "decision", "kind": "humanTask", "title": "决定", "role": "drafting-officer", "organization": "drafting-unit",
              "join": ["expert-opinion", "review"], "outcomes": [ { "id": "decided", "title": "已决定" } ] }
          ]
        }
        """;

    private static EngineHarness Branched()
    {
        var run = new EngineHarness(Parallel);
        run.Start();
        run.Complete("initiation", "started", Drafter);
        return run;
    }

    [Fact]
    public void Suspension_blocks_completion_and_resumption_allows_it_again()
    {
        var run = Branched();
        var task = run.OpenTask("review");

        run.Accept(new WorkflowCommand.Suspend("等待上级批复"), Drafter);

        Assert.Equal((InstanceStatus.Suspended, "等待上级批复"), (run.Current.Status, run.Current.StatusReason));
        Assert.Equal(("InstanceSuspended", "等待上级批复"), (run.Journal[^1].Type, run.Journal[^1].Comment));
        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "instance-suspended");
        Assert.Contains("等待上级批复", refusal.Message);
        run.Refuse(new WorkflowCommand.FireTimer(run.Current.Timers[0].Id), Actor.System, "instance-suspended");
        run.Refuse(new WorkflowCommand.Suspend("再次"), Drafter, "instance-suspended");

        run.Accept(new WorkflowCommand.Resume("已批复"), Drafter);

        Assert.Equal(InstanceStatus.Running, run.Current.Status);
        Assert.Null(run.Current.StatusReason);
        Assert.Equal("InstanceResumed", run.Journal[^1].Type);
        run.Complete("review", "lawful", Reviewer);
        Assert.Equal(WorkTaskStatus.Completed, run.Current.Tasks.Single(t => t.Id == task.Id).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Suspending_or_cancelling_needs_a_reason(string reason)
    {
        var run = Branched();

        run.Refuse(new WorkflowCommand.Suspend(reason), Drafter, "reason-required");
        run.Refuse(new WorkflowCommand.Cancel(reason), Drafter, "reason-required");
    }

    [Fact]
    public void Resuming_a_running_instance_is_refused()
    {
        var run = Branched();

        run.Refuse(new WorkflowCommand.Resume(null), Drafter, "instance-not-suspended");
    }

    [Fact]
    public void Cancelling_cancels_open_tasks_timers_and_waiting_steps_and_ends_the_instance()
    {
        var run = Branched();
        run.Complete("expert-opinion", "given", Expert); // "decision" now waits for "review"
        Assert.Equal(StepStatus.Waiting, run.Step("decision").Status);
        run.Now = Tuesday.AddDays(1);

        run.Accept(new WorkflowCommand.Cancel("决策事项撤回"), Drafter);

        var state = run.Current;
        Assert.Equal((InstanceStatus.Cancelled, "决策事项撤回", Tuesday.AddDays(1)), (state.Status, state.StatusReason, state.EndedAt!.Value));
        Assert.Empty(state.OpenTasks());
        Assert.Equal(WorkTaskStatus.Cancelled, state.Tasks.Single(t => t.StepId == "review").Status);
        Assert.Equal(WorkTaskStatus.Completed, state.Tasks.Single(t => t.StepId == "expert-opinion").Status);
        Assert.Equal(TimerStatus.Cancelled, Assert.Single(state.Timers).Status);
        Assert.Equal(StepStatus.Cancelled, run.Step("review").Status);
        Assert.Equal(StepStatus.Cancelled, run.Step("wait").Status);
        Assert.Equal(StepStatus.Cancelled, run.Step("decision").Status);
        Assert.Equal(StepStatus.Completed, run.Step("expert-opinion").Status);
        Assert.Equal(("InstanceCancelled", "决策事项撤回"), (run.Journal[^1].Type, run.Journal[^1].Comment));

        var task = state.Tasks.Single(t => t.StepId == "review");
        run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "instance-not-running");
        run.Refuse(new WorkflowCommand.Cancel("再次撤回"), Drafter, "instance-not-running");
        run.Refuse(new WorkflowCommand.Resume("恢复"), Drafter, "instance-not-suspended");
    }

    [Fact]
    public void A_suspended_instance_can_be_cancelled()
    {
        var run = Branched();
        run.Accept(new WorkflowCommand.Suspend("暂停"), Drafter);

        run.Accept(new WorkflowCommand.Cancel("撤回"), Drafter);

        Assert.Equal(InstanceStatus.Cancelled, run.Current.Status);
        Assert.Empty(run.Current.OpenTasks());
    }
}
