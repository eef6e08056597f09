using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests;

/// <summary>
/// The shipped definition's meeting steps completed only through their domain commands, the execution's objection
/// event (第三十五条) and the "hear again" loop back to before the opinion-consolidation join (token join).
/// </summary>
public sealed class MajorAdministrativeDecisionEventTests
{
    private static ProcedureDriver Driver() => new(RepositoryFiles.MajorAdministrativeDecision);

    [Fact]
    public void The_meeting_steps_are_completed_only_through_the_agenda_and_the_meeting_record()
    {
        var run = Driver();
        run.StartWithAll(false);
        run.RunHappyPath(stop: t => t.StepId == "meeting-scheduling");
        var scheduling = run.OpenTask("meeting-scheduling");
        var secretary = run.Person("meeting-secretary", "general-office");

        var generic = run.Decide(new WorkflowCommand.CompleteTask(scheduling.Id, "scheduled", null, null), secretary);
        Assert.Equal(("use-meeting-agenda", "第二十五条、第二十九条"), (generic.Refusals.Single().Code, generic.Refusals.Single().Article));
        run.Accept(new WorkflowCommand.CompleteTask(scheduling.Id, "scheduled", null, null, "meeting-agenda"), secretary);

        var decision = run.OpenTask("collective-decision");
        var refused = run.Decide(new WorkflowCommand.CompleteTask(decision.Id, "approved", null, null), run.Person("chief-executive", "decision-organ"));
        Assert.Equal(("use-meeting-record", "第三十条"), (refused.Refusals.Single().Code, refused.Refusals.Single().Article));
    }

    [Fact]
    public void Many_public_objections_during_execution_bring_the_matter_before_the_organ()
    {
        var run = Driver();
        run.StartWithAll(false);
        run.RunHappyPath(stop: t => t.StepId == "execution");
        var head = run.Person("drafting-head", "drafting-unit");

        run.Accept(new WorkflowCommand.Signal("objection-threshold-reached", "执行中收到大量群众反映", null), head);

        Assert.Equal(StepStatus.Cancelled, run.Current.Steps["execution"].Status);
        Assert.Contains("第三十五条", run.Current.Steps["execution"].SkipReason);
        Assert.Contains("execution-problem-decision", run.OpenSteps());
        // While the organ decides, execution is not running: nothing waits for the signal.
        var meanwhile = run.Decide(new WorkflowCommand.Signal("objection-threshold-reached", null, null), head);
        Assert.Equal("signal-not-awaited", meanwhile.Refusals.Single().Code);
        // The organ decides to continue: execution starts again, and the event is heard again.
        run.Complete("execution-problem-decision", "continue");
        Assert.Equal(2, run.Current.Steps["execution"].Iteration);
        run.Accept(new WorkflowCommand.Signal("objection-threshold-reached", "意见仍然较多", null), head);
        run.Complete("execution-problem-decision", "suspend", "决定停止执行");
        Assert.DoesNotContain("execution", run.OpenSteps());
    }

    [Fact]
    public void The_head_suspends_execution_by_its_command_while_filing_and_archiving_go_on_and_resumes_it_as_a_new_pass()
    {
        var run = Driver();
        run.StartWithAll(false);
        run.RunHappyPath(stop: t => t.StepId == "archiving");
        run.Complete("publication", "published");
        Assert.Equal(["archiving", "execution", "filing"], run.OpenSteps());
        Assert.Equal(ExecutionPhase.Running, Execution.Phase(run.Current));
        Assert.True(Execution.SuspensionIsEvent(run.Definition));
        var chief = run.Person("chief-executive", "decision-organ");

        // The generic signal endpoint cannot suspend execution: only the head's suspension command (第三十七条).
        var generic = run.Decide(new WorkflowCommand.Signal(ExecutionSignals.Suspended, "中止", null), chief);
        Assert.Equal(("use-execution-suspension", "第三十七条"), (generic.Refusals.Single().Code, generic.Refusals.Single().Article));
        run.Accept(new WorkflowCommand.Signal(ExecutionSignals.Suspended, "情况紧急，先行中止执行", null, ExecutionSignals.SuspensionCommand), chief);

        Assert.Equal(ExecutionPhase.Suspended, Execution.Phase(run.Current));
        Assert.Equal(["archiving", "filing"], run.OpenSteps());
        Assert.Contains("第三十七条", run.Current.Steps["execution"].SkipReason);
        run.Complete("filing", "filed");
        run.Complete("archiving", "archived");
        Assert.Equal(InstanceStatus.Running, run.Current.Status);

        run.Accept(new WorkflowCommand.Signal(ExecutionSignals.Resumed, "恢复执行", null, ExecutionSignals.ResumptionCommand), chief);
        Assert.Equal((ExecutionPhase.Running, 2), (Execution.Phase(run.Current), run.Current.Steps["execution"].Iteration));
        run.Complete("execution", "executed");
        Assert.Equal(ExecutionPhase.NotRunning, Execution.Phase(run.Current));
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void Hearing_again_after_a_rejection_makes_the_consolidation_wait_for_every_branch_once_more()
    {
        var run = Driver();
        run.Start(new Dictionary<string, bool> { ["technical"] = true, ["stabilityRisk"] = true });
        run.RunHappyPath(stop: t => t.StepId == "collective-decision");
        run.Complete("collective-decision", "not-approved", "收费标准争议较大");
        run.Complete("rejection-disposition", "reconsult", "重新听取意见并补充论证");

        Assert.Equal(["expert-argumentation", "public-participation", "risk-assessment"], run.OpenSteps());
        run.Complete("public-participation", "opinions-heard");
        run.Complete("expert-argumentation", run.Definition.Step("expert-argumentation").Outcomes[0].Id);
        // The first pass's risk clearance does not count: the join waits for the risk branch of this pass.
        Assert.Equal(StepStatus.Waiting, run.Current.Steps["opinion-consolidation"].Status);
        Assert.Equal(["risk-assessment"], run.OpenSteps());
        run.Complete("risk-assessment", "controllable");

        Assert.Equal(["opinion-consolidation"], run.OpenSteps());
        Assert.Equal(2, run.Current.Steps["opinion-consolidation"].Iteration);
    }
}
