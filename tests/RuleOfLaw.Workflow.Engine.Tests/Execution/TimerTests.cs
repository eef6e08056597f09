using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

public sealed class TimerTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private const string Waiting = """
        {
          "id": "cooling-off", "version": 1, "title": "公示期", "legalBasis": "测试",
          "start": "publish",
          "steps": [
            { "id": "publish", "kind": "humanTask", "title": "公示", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "published", "title": "已公示" } ], "next": ["wait"] },
            { "id": "wait", "kind": "timer", "title": "公示期", "duration": { "days": 10, "counting": "calendar" }, "next": ["decide"] },
            { "id": "decide", "kind": "humanTask", "title": "决定", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "decided", "title": "已决定" } ] }
          ]
        }
        """;

    private static EngineHarness Scheduled()
    {
        var run = new EngineHarness(Waiting);
        run.Start();
        run.Complete("publish", "published", Drafter);
        return run;
    }

    [Fact]
    public void A_timer_step_schedules_a_timer_for_its_duration_and_waits()
    {
        var run = Scheduled();

        // Tuesday 2026-03-10 + 10 days = Friday 2026-03-20, ending at 24:00 Beijing time.
        var timer = Assert.Single(run.Current.Timers);
        Assert.Equal(("wait", 1, TimerStatus.Scheduled), (timer.StepId, timer.Iteration, timer.Status));
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 0, 0, 0, Beijing), timer.DueAt);
        Assert.Contains("2026-03-20", timer.DueRule);
        Assert.Equal(StepStatus.Active, run.Step("wait").Status);
        Assert.Empty(run.Current.OpenTasks());
        Assert.Equal(InstanceStatus.Running, run.Current.Status); // a scheduled timer keeps the instance alive
        Assert.Equal("TimerScheduled", run.Journal[^1].Type);
        Assert.Contains(timer.Id.ToString(), run.Journal[^1].DataJson);
    }

    [Fact]
    public void The_timer_id_is_deterministic()
    {
        Assert.Equal(Scheduled().Current.Timers[0].Id, Scheduled().Current.Timers[0].Id);
    }

    [Fact]
    public void Firing_before_the_due_time_is_refused_and_changes_nothing()
    {
        var run = Scheduled();
        run.Now = new DateTimeOffset(2026, 3, 20, 23, 59, 59, Beijing);

        var refusal = run.Refuse(new WorkflowCommand.FireTimer(run.Current.Timers[0].Id), Actor.System, "timer-not-due");

        // Due at 2026-03-20T16:00Z, the end of 20 March in Beijing: the text reads the local period end, never UTC.
        Assert.All(new[] { refusal.TextIn(TextCatalog.Chinese), refusal.TextIn(TextCatalog.English) }, text =>
        {
            Assert.Contains("2026-03-20 24:00", text);
            Assert.DoesNotContain("16:00", text);
        });
    }

    [Fact]
    public void Firing_at_the_due_time_completes_the_step_and_the_flow_continues()
    {
        var run = Scheduled();
        var timerId = run.Current.Timers[0].Id;
        run.Now = new DateTimeOffset(2026, 3, 21, 0, 0, 0, Beijing);

        run.Accept(new WorkflowCommand.FireTimer(timerId), Actor.System);

        var timer = Assert.Single(run.Current.Timers);
        Assert.Equal((TimerStatus.Fired, run.Now), (timer.Status, timer.FiredAt!.Value));
        Assert.Equal(StepStatus.Completed, run.Step("wait").Status);
        Assert.Equal(["decide"], run.OpenSteps());
        Assert.Equal(["TimerFired", "TaskOpened"], run.Journal.TakeLast(2).Select(e => e.Type));
        Assert.Equal("system", run.Journal[^2].ActorId);

        run.Refuse(new WorkflowCommand.FireTimer(timerId), Actor.System, "timer-not-scheduled");
    }

    [Fact]
    public void An_unknown_timer_is_refused()
    {
        var run = Scheduled();

        run.Refuse(new WorkflowCommand.FireTimer(Guid.NewGuid()), Actor.System, "timer-not-scheduled");
    }

    [Fact]
    public void A_timer_that_ends_the_flow_completes_the_instance_when_it_fires()
    {
        var run = new EngineHarness("""
            {
              "id": "cooling-off", "version": 1, "title": "公示期", "legalBasis": "测试",
              "start": "wait",
              "steps": [ { "id": "wait", "kind": "timer", "title": "公示期", "duration": { "days": 1, "counting": "workingDays" } } ]
            }
            """);
        run.Start();
        Assert.Equal(InstanceStatus.Running, run.Current.Status);

        // Next working day after Tuesday 03-10 is Wednesday 03-11; the timer is due at its end.
        run.Now = new DateTimeOffset(2026, 3, 12, 0, 0, 0, Beijing);
        run.Accept(new WorkflowCommand.FireTimer(run.Current.Timers[0].Id), Actor.System);

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }
}
