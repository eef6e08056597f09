using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Suspension of execution (第三十七条) as the major-decision procedure states it from version 7: an interrupting event
/// on the execution step, sent only by the head's suspension command (<c>sentBy</c>), leads to an event step that waits
/// for the resumption (<c>completedBy</c>) and returns to execution as a new pass; the parallel filing branch goes on.
/// </summary>
public sealed class ExecutionSuspensionTests
{
    private const string Definition = """
        {
          "id": "execution", "version": 1, "title": "执行", "legalBasis": "测试", "start": "issued",
          "steps": [
            { "id": "issued", "kind": "automatic", "title": "决策公布", "next": ["filing", "execution"] },
            { "id": "filing", "kind": "humanTask", "title": "备案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "filed", "title": "已备案" } ], "next": [] },
            { "id": "execution", "kind": "humanTask", "title": "决策执行", "article": "第三十四条", "role": "drafting-officer", "organization": "drafting-unit",
              "events": [
                { "signal": "execution-suspended", "title": "行政首长决定中止执行", "article": "第三十七条", "interrupting": true,
                  "sentBy": "execution-suspension", "next": ["execution-suspended"] }
              ],
              "outcomes": [ { "id": "executed", "title": "已执行" } ], "next": [] },
            { "id": "execution-suspended", "kind": "event", "title": "中止执行", "article": "第三十七条（恢复执行）", "signal": "execution-resumed",
              "completedBy": "execution-resumption", "next": ["execution"] }
          ]
        }
        """;

    private static WorkflowCommand.Signal Suspend(string? by = "execution-suspension") => new("execution-suspended", "情况紧急，先行中止执行。", null, by);

    private static WorkflowCommand.Signal Resume(string? by = "execution-resumption") => new("execution-resumed", "恢复执行。", null, by);

    [Fact]
    public void Suspension_interrupts_execution_while_filing_goes_on_and_resumption_reopens_it_as_a_new_pass()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        var first = run.OpenTask("execution");

        run.Accept(Suspend(), Drafter);

        Assert.Equal(["filing"], run.OpenSteps());
        Assert.Equal(StepStatus.Cancelled, run.Step("execution").Status);
        Assert.Contains("第三十七条", run.Step("execution").SkipReason);
        Assert.Equal(WorkTaskStatus.Cancelled, run.Current.Tasks.Single(t => t.Id == first.Id).Status);
        Assert.Equal(StepStatus.Active, run.Step("execution-suspended").Status);
        var received = run.Journal.Last(e => e.Type == "SignalReceived");
        Assert.Equal("情况紧急，先行中止执行。", received.Comment);
        Assert.Equal("execution-suspended", JsonDocument.Parse(received.DataJson).RootElement.GetProperty("signal").GetString());

        // Filing is not execution: it is completed while execution is suspended, and the instance does not end.
        run.Complete("filing", "filed", Drafter);
        Assert.Equal(InstanceStatus.Running, run.Current.Status);

        run.Accept(Resume(), Drafter);

        var second = run.OpenTask("execution");
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal((2, StepStatus.Active), (run.Step("execution").Iteration, run.Step("execution").Status));
        Assert.Equal(("execution-resumed", StepStatus.Completed), (run.Step("execution-suspended").Outcome, run.Step("execution-suspended").Status));
        run.Complete("execution", "executed", Drafter);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void Resuming_what_is_not_suspended_and_suspending_twice_are_refused_with_what_is_awaited()
    {
        var run = new EngineHarness(Definition);
        run.Start();

        var notSuspended = run.Refuse(Resume(), Drafter, "signal-not-awaited");
        Assert.Contains("execution-suspended", notSuspended.Message);
        run.Accept(Suspend(), Drafter);
        var twice = run.Refuse(Suspend(), Drafter, "signal-not-awaited");
        Assert.Contains("execution-resumed", twice.Message);
    }

    [Fact]
    public void Suspension_is_refused_before_execution_began_and_after_it_ended()
    {
        var before = new EngineHarness(Definition.Replace("\"next\": [\"filing\", \"execution\"]", "\"next\": [\"filing\"]").Replace(
            "\"outcomes\": [ { \"id\": \"filed\", \"title\": \"已备案\" } ], \"next\": []", "\"outcomes\": [ { \"id\": \"filed\", \"title\": \"已备案\" } ], \"next\": [\"execution\"]"));
        before.Start();
        before.Refuse(Suspend(), Drafter, "signal-not-awaited");

        var run = new EngineHarness(Definition);
        run.Start();
        run.Complete("execution", "executed", Drafter);
        Assert.Equal(InstanceStatus.Running, run.Current.Status); // filing still runs
        run.Refuse(Suspend(), Drafter, "signal-not-awaited");
        run.Complete("filing", "filed", Drafter);
        run.Refuse(Suspend(), Drafter, "instance-not-running");
    }

    [Fact]
    public void Only_the_named_commands_send_the_signals_citing_the_article()
    {
        var run = new EngineHarness(Definition);
        run.Start();

        var generic = run.Refuse(Suspend(by: null), Drafter, "use-execution-suspension");
        Assert.Equal("第三十七条", generic.Article);
        Assert.Contains("“execution-suspended”", generic.Message);
        Assert.Contains("the 'execution-suspension' command", generic.TextIn(TextCatalog.English));
        run.Refuse(Suspend(by: "execution-resumption"), Drafter, "use-execution-suspension");
        run.Accept(Suspend(), Drafter);

        // The resumption is the event step's completedBy, cited with the step's article.
        Assert.Equal("第三十七条（恢复执行）", run.Refuse(Resume(by: null), Drafter, "use-execution-resumption").Article);
        run.Refuse(Resume(by: "execution-suspension"), Drafter, "use-execution-resumption");
        run.Accept(Resume(), Drafter);
    }

    [Fact]
    public void A_suspended_instance_refuses_the_suspension_of_execution_like_any_signal()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        run.Accept(new WorkflowCommand.Suspend("程序中止"), Drafter);
        run.Refuse(Suspend(), Drafter, "instance-suspended");
    }
}
