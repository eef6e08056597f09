using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Definitions;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Sub-procedure steps: a normative document that is also a major decision runs a (small) major-decision procedure
/// inside its own. The tests play the host: they start the child the parent's decision asks for, run it, and report
/// its end to the parent as a command.
/// </summary>
public sealed class SubProcedureTests
{
    private const string Document = """
        {
          "id": "normative-document", "version": 1, "title": "行政规范性文件制定", "legalBasis": "测试",
          "attributes": [ { "name": "majorDecision", "title": "属于重大行政决策" }, { "name": "technical", "title": "专业性较强" } ],
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "起草", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已起草" } ], "next": ["major-decision"] },
            { "id": "major-decision", "kind": "subProcedure", "title": "重大行政决策程序", "article": "第三条",
              "procedure": "small-decision", "passAttributes": ["technical"], "when": "majorDecision", "next": ["registration"] },
            { "id": "registration", "kind": "humanTask", "title": "登记", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "registered", "title": "已登记" } ] }
          ]
        }
        """;

    private const string SmallDecision = """
        {
          "id": "small-decision", "version": 1, "title": "重大行政决策（简）", "legalBasis": "测试",
          "attributes": [ { "name": "technical", "title": "专业性较强" } ],
          "start": "expert-opinion",
          "steps": [
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool", "when": "technical",
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" }, { "id": "withdraw", "title": "撤回", "next": [] } ] }
          ]
        }
        """;

    private static (EngineHarness Parent, ChildCommand Child) StartedChild(bool technical = true)
    {
        var parent = new EngineHarness(Document);
        parent.Start(("majorDecision", true), ("technical", technical));
        var decision = parent.Decide(new WorkflowCommand.CompleteTask(parent.OpenTask("drafting").Id, "done", null, null), Drafter);
        var child = Assert.Single(decision.Children);
        parent.Accept(new WorkflowCommand.CompleteTask(parent.OpenTask("drafting").Id, "done", null, null), Drafter);
        return (parent, child);
    }

    /// <summary>The host's part: start the child on its own definition, as the actor who caused it.</summary>
    private static ChildRun StartChild(ChildCommand child, Actor actor)
    {
        var definition = Define(SmallDecision);
        Assert.Equal(definition.Id, child.DefinitionId);
        var decision = Decider.Decide(definition, null, child.Command, actor, Tuesday);
        Assert.True(decision.Accepted, string.Join("; ", decision.Refusals.Select(r => r.Message)));
        return new ChildRun(definition, decision.State!, [.. decision.Journal]);
    }

    private sealed record ChildRun(ProcedureDefinition Definition, InstanceState State, List<JournalEntry> Journal)
    {
        public ChildRun Complete(string stepId, string outcome, Actor actor)
        {
            var task = Assert.Single(State.OpenTasks(), t => t.StepId == stepId);
            var decision = Decider.Decide(Definition, State, new WorkflowCommand.CompleteTask(task.Id, outcome, null, null), actor, Tuesday);
            Assert.True(decision.Accepted, string.Join("; ", decision.Refusals.Select(r => r.Message)));
            return this with { State = decision.State!, Journal = [.. Journal, .. decision.Journal] };
        }
    }

    [Fact]
    public void A_sub_procedure_step_asks_for_a_child_instance_linked_both_ways_and_waits_for_it()
    {
        var (parent, child) = StartedChild();

        var step = parent.Step("major-decision");
        Assert.Equal(StepStatus.Active, step.Status);
        Assert.Equal(child.InstanceId, step.ChildInstanceId);
        Assert.Empty(parent.Current.OpenTasks());
        Assert.Equal(InstanceStatus.Running, parent.Current.Status);
        var started = Assert.Single(parent.Journal, e => e.Type == "SubProcedureStarted");
        Assert.Equal("major-decision", started.StepId);
        Assert.Equal(child.InstanceId, JsonDocument.Parse(started.DataJson).RootElement.GetProperty("childInstanceId").GetGuid());

        var start = Assert.IsType<WorkflowCommand.Start>(child.Command);
        Assert.Equal(new ParentLink(InstanceId, "normative-document", "major-decision", 1), start.Parent);
        Assert.Equal("matter-1", start.MatterId);
        Assert.Equal(new Dictionary<string, bool> { ["technical"] = true }, start.Attributes);

        var run = StartChild(child, Drafter);
        Assert.Equal(start.Parent, run.State.Parent);
        var first = run.Journal[0];
        Assert.Equal(("InstanceStarted", 1L), (first.Type, first.Sequence));
        var link = JsonDocument.Parse(first.DataJson).RootElement.GetProperty("parent");
        Assert.Equal(InstanceId, link.GetProperty("instanceId").GetGuid());
        Assert.Equal("major-decision", link.GetProperty("stepId").GetString());
        Assert.Equal(["expert-opinion"], run.State.OpenTasks().Select(t => t.StepId));
    }

    [Fact]
    public void The_childs_completion_is_a_command_on_the_parent_that_completes_the_step_and_goes_on()
    {
        var (parent, child) = StartedChild();
        var run = StartChild(child, Drafter).Complete("expert-opinion", "given", Expert).Complete("review", "lawful", Reviewer);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);

        parent.Accept(new WorkflowCommand.ChildEnded(child.InstanceId, run.State.Status, null), Actor.System);

        Assert.Equal(StepStatus.Completed, parent.Step("major-decision").Status);
        Assert.Equal("completed", parent.Step("major-decision").Outcome);
        Assert.Equal(["registration"], parent.OpenSteps());
        var ended = Assert.Single(parent.Journal, e => e.Type == "SubProcedureEnded");
        Assert.Equal(("major-decision", "completed"), (ended.StepId, ended.Outcome));
        Assert.True(JournalVerifier.Verify(parent.Journal).Valid);
        Assert.True(JournalVerifier.Verify(run.Journal).Valid);

        // Idempotent: the same report again finds nothing waiting, and changes nothing.
        parent.Refuse(new WorkflowCommand.ChildEnded(child.InstanceId, InstanceStatus.Completed, null), Actor.System, "child-not-awaited");
    }

    [Fact]
    public void A_report_for_a_child_nobody_waits_for_or_that_has_not_ended_is_refused()
    {
        var (parent, child) = StartedChild();

        parent.Refuse(new WorkflowCommand.ChildEnded(Guid.NewGuid(), InstanceStatus.Completed, null), Actor.System, "child-not-awaited");
        parent.Refuse(new WorkflowCommand.ChildEnded(child.InstanceId, InstanceStatus.Running, null), Actor.System, "child-not-ended");
        parent.Refuse(new WorkflowCommand.ChildEnded(child.InstanceId, InstanceStatus.Suspended, null), Actor.System, "child-not-ended");
    }

    [Fact]
    public void A_child_that_was_cancelled_faults_the_parent_instead_of_letting_it_pass_the_procedure_by()
    {
        var (parent, child) = StartedChild();

        parent.Accept(new WorkflowCommand.ChildEnded(child.InstanceId, InstanceStatus.Cancelled, "撤回"), Actor.System);

        Assert.Equal(InstanceStatus.Faulted, parent.Current.Status);
        Assert.Contains("small-decision", parent.Current.StatusReason);
        Assert.Equal(StepStatus.Cancelled, parent.Step("major-decision").Status);
        Assert.Empty(parent.Current.OpenTasks());
    }

    [Fact]
    public void Cancelling_the_parent_asks_the_host_to_cancel_the_waiting_child()
    {
        var (parent, child) = StartedChild();

        var decision = parent.Decide(new WorkflowCommand.Cancel("事项撤销"), Drafter);

        var cancel = Assert.Single(decision.Children);
        Assert.Equal((child.InstanceId, "small-decision"), (cancel.InstanceId, cancel.DefinitionId));
        Assert.Contains("事项撤销", Assert.IsType<WorkflowCommand.Cancel>(cancel.Command).Reason);
        Assert.Contains(decision.Journal, e => e.Type == "SubProcedureCancelled" && e.StepId == "major-decision");
    }

    [Fact]
    public void A_skipped_sub_procedure_step_starts_no_child()
    {
        var parent = new EngineHarness(Document);
        parent.Start(("majorDecision", false));

        var decision = parent.Decide(new WorkflowCommand.CompleteTask(parent.OpenTask("drafting").Id, "done", null, null), Drafter);

        Assert.Empty(decision.Children);
        Assert.Equal(StepStatus.Skipped, decision.State!.Steps["major-decision"].Status);
        Assert.Equal("registration", Assert.Single(decision.State.OpenTasks()).StepId);
    }

    [Fact]
    public void The_child_id_is_derived_from_the_parent_step_and_pass_so_a_retried_decision_asks_for_the_same_child()
    {
        var parent = new EngineHarness(Document);
        parent.Start(("majorDecision", true));
        var command = new WorkflowCommand.CompleteTask(parent.OpenTask("drafting").Id, "done", null, null);

        var once = Assert.Single(parent.Decide(command, Drafter).Children);
        var again = Assert.Single(parent.Decide(command, Drafter).Children);

        Assert.Equal(once.InstanceId, again.InstanceId);
        Assert.NotEqual(InstanceId, once.InstanceId);
    }

    [Fact]
    public void The_definition_must_name_a_procedure_only_on_sub_procedure_steps_and_pass_declared_attributes()
    {
        var noProcedure = Document.Replace("\"procedure\": \"small-decision\", ", "");
        DefinitionAssert.SingleError(noProcedure, "$.steps[1].procedure", "needs the id of the procedure");

        var undeclared = Document.Replace("\"passAttributes\": [\"technical\"]", "\"passAttributes\": [\"technicl\"]");
        DefinitionAssert.SingleError(undeclared, "$.steps[1].passAttributes[0]", "'technicl' is not declared");

        var onTask = Document.Replace("\"outcomes\": [ { \"id\": \"registered\"", "\"procedure\": \"small-decision\", \"outcomes\": [ { \"id\": \"registered\"");
        DefinitionAssert.SingleError(onTask, "$.steps[2].procedure", "only sub-procedure steps");

        var itself = Document.Replace("\"procedure\": \"small-decision\"", "\"procedure\": \"normative-document\"");
        DefinitionAssert.SingleError(itself, "$.steps[1].procedure", "cannot start itself");
    }

    [Fact]
    public void A_folder_is_refused_when_a_sub_procedure_is_missing_or_the_procedures_start_each_other()
    {
        var directory = Directory.CreateTempSubdirectory("rolw-sub-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "document.json"), Document);
            var missing = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.LoadDirectory(directory, null));
            DefinitionAssert.HasError(missing.Errors, "$.steps[1].procedure", "'small-decision' is not defined in this folder");

            File.WriteAllText(Path.Combine(directory, "small.json"), SmallDecision);
            Assert.Equal(2, DefinitionLoader.LoadDirectory(directory, null).Count);

            var circular = SmallDecision.Replace(
                "\"outcomes\": [ { \"id\": \"lawful\", \"title\": \"合法\" },",
                "\"outcomes\": [ { \"id\": \"lawful\", \"title\": \"合法\", \"next\": [\"again\"] },")
                .Replace("\"steps\": [", "\"steps\": [ { \"id\": \"again\", \"kind\": \"subProcedure\", \"title\": \"再议\", \"procedure\": \"normative-document\" },");
            File.WriteAllText(Path.Combine(directory, "small.json"), circular);
            var loop = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.LoadDirectory(directory, null));
            DefinitionAssert.HasError(loop.Errors, "$.steps[1].procedure", "starts 'normative-document' again");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
