using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

public sealed class StartTests
{
    private const string Review = """
        {
          "id": "sample-review", "version": 3, "title": "示例审查", "legalBasis": "测试",
          "attributes": [ { "name": "technical", "title": "专业性较强" } ],
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "拟订草案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已拟订" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    [Fact]
    public void Start_opens_the_first_task_for_its_role_in_the_assigned_organization()
    {
        var run = new EngineHarness(Review);

        var state = run.Start(("technical", true));

        Assert.Equal(InstanceStatus.Running, state.Status);
        Assert.Equal(("sample-review", 3), (state.DefinitionId, state.DefinitionVersion));
        Assert.Equal("matter-1", state.MatterId);
        Assert.Equal(Tuesday, state.StartedAt);
        Assert.True(state.Attributes["technical"]);
        var task = Assert.Single(state.Tasks);
        Assert.Equal("drafting", task.StepId);
        Assert.Equal("drafting-officer", task.Role);
        Assert.Equal("drafting-unit", task.Scope);
        Assert.Equal("org-drafting", task.OrganizationId);
        Assert.Equal(WorkTaskStatus.Open, task.Status);
        Assert.Equal(1, task.Iteration);
        Assert.Equal(Tuesday, task.CreatedAt);
        Assert.Null(task.DueAt);
        Assert.Null(task.NotBefore);
        Assert.Equal(StepStatus.Active, run.Step("drafting").Status);
        Assert.Equal(1, run.Step("drafting").Iteration);
        Assert.False(state.Steps.ContainsKey("review"));
    }

    [Fact]
    public void Start_journals_the_start_and_the_opened_task_in_a_valid_chain()
    {
        var run = new EngineHarness(Review);

        var state = run.Start();

        Assert.Equal(["InstanceStarted", "TaskOpened"], run.Journal.Select(e => e.Type));
        Assert.Equal([1L, 2L], run.Journal.Select(e => e.Sequence));
        Assert.Equal(JournalHash.Genesis, run.Journal[0].PreviousHash);
        Assert.Contains("\"definitionHash\":\"" + run.Definition.ContentHash + "\"", run.Journal[0].DataJson);
        Assert.Contains("\"drafting-unit\":\"org-drafting\"", run.Journal[0].DataJson);
        Assert.Equal(state.Tasks[0].Id, run.Journal[1].TaskId);
        Assert.Equal("drafting", run.Journal[1].StepId);
        Assert.Equal((2L, run.Journal[1].Hash), (state.JournalSequence, state.JournalHead));
        Assert.True(JournalVerifier.Verify(run.Journal, state.JournalSequence, state.JournalHead).Valid);
    }

    [Fact]
    public void Deciding_the_same_start_twice_yields_identical_decisions()
    {
        var definition = Define(Review);
        var command = StartCommand(new Dictionary<string, bool> { ["technical"] = true });

        var first = Decider.Decide(definition, null, command, Drafter, Tuesday);
        var second = Decider.Decide(definition, null, command, Drafter, Tuesday);

        Assert.Equal(InstanceStateJson.Serialize(first.State!), InstanceStateJson.Serialize(second.State!));
        Assert.Equal(first.Journal, second.Journal);
        Assert.Equal(first.State!.Tasks[0].Id, second.State!.Tasks[0].Id);
    }

    [Fact]
    public void Task_ids_are_derived_from_the_instance_so_other_instances_get_other_ids()
    {
        var definition = Define(Review);
        var command = StartCommand();

        var one = Decider.Decide(definition, null, command, Drafter, Tuesday).State!;
        var other = Decider.Decide(definition, null, command with { InstanceId = Guid.Parse("11111111-2222-4333-8444-555555555555") }, Drafter, Tuesday).State!;

        Assert.NotEqual(one.Tasks[0].Id, other.Tasks[0].Id);
        Assert.NotEqual(Guid.Empty, one.Tasks[0].Id);
    }

    [Fact]
    public void Sub_millisecond_differences_in_now_do_not_change_the_decision()
    {
        // Stored times keep milliseconds; deciding on them keeps the hashes reproducible from storage.
        var definition = Define(Review);

        var a = Decider.Decide(definition, null, StartCommand(), Drafter, Tuesday.AddTicks(1));
        var b = Decider.Decide(definition, null, StartCommand(), Drafter, Tuesday.AddTicks(9_999));

        Assert.Equal(a.Journal[^1].Hash, b.Journal[^1].Hash);
        Assert.Equal(Tuesday, a.State!.StartedAt);
    }

    [Fact]
    public void Start_is_refused_when_a_scope_used_by_a_task_is_unassigned()
    {
        var run = new EngineHarness(Review);
        var assignments = new Dictionary<string, string> { ["drafting-unit"] = "org-drafting" };

        var refusal = run.Refuse(StartCommand(assignments: assignments), Drafter, "scope-unassigned");

        Assert.Contains("legality-review-office", refusal.Message);
        Assert.DoesNotContain("drafting-unit", refusal.Message);
    }

    [Fact]
    public void Start_is_refused_when_an_attribute_is_not_declared()
    {
        var run = new EngineHarness(Review);
        var attributes = new Dictionary<string, bool> { ["technical"] = true, ["technicl"] = false };

        var refusal = run.Refuse(StartCommand(attributes), Drafter, "unknown-attribute");

        Assert.Contains("technicl", refusal.Message);
        Assert.Contains("示例审查", refusal.Message);
    }

    [Fact]
    public void Starting_an_instance_that_exists_is_refused_and_leaves_it_unchanged()
    {
        var run = new EngineHarness(Review);
        run.Start();

        run.Refuse(StartCommand(), Drafter, "instance-exists");
    }

    [Fact]
    public void Commands_for_an_instance_that_does_not_exist_are_refused()
    {
        var run = new EngineHarness(Review);

        run.Refuse(new WorkflowCommand.Cancel("无"), Drafter, "instance-not-found");
    }

    [Fact]
    public void A_state_pinned_to_another_version_is_never_decided_on_a_different_definition()
    {
        var run = new EngineHarness(Review);
        var state = run.Start();
        var version4 = Define(Review.Replace("\"version\": 3", "\"version\": 4"));
        var otherId = Define(Review.Replace("\"sample-review\"", "\"other-review\""));
        var command = new WorkflowCommand.CompleteTask(state.Tasks[0].Id, "done", null, null);

        var wrongVersion = Assert.Throws<InvalidOperationException>(() => Decider.Decide(version4, state, command, Drafter, Tuesday));
        Assert.Throws<InvalidOperationException>(() => Decider.Decide(otherId, state, command, Drafter, Tuesday));

        Assert.Contains("sample-review v3", wrongVersion.Message);
        Assert.Contains("sample-review v4", wrongVersion.Message);
    }
}
