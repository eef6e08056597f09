using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Definitions;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Outcomes that set attributes (the organ orders an evaluation, art. 36) and scopes assigned when their step
/// activates (the evaluation body is chosen then): only steps that will run need their scopes.
/// </summary>
public sealed class OutcomeAttributeTests
{
    private const string Execution = """
        {
          "id": "execution", "version": 1, "title": "执行", "legalBasis": "测试",
          "attributes": [ { "name": "evaluationPlanned", "title": "组织决策后评估", "article": "第三十六条" } ],
          "start": "execution",
          "steps": [
            { "id": "execution", "kind": "humanTask", "title": "决策执行", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [
                { "id": "executed", "title": "执行完毕" },
                { "id": "evaluate", "title": "组织评估", "article": "第三十六条", "set": { "evaluationPlanned": true } }
              ],
              "next": ["evaluation"] },
            { "id": "evaluation", "kind": "humanTask", "title": "决策后评估", "article": "第三十六条", "when": "evaluationPlanned",
              "role": "expert", "organization": "expert-pool",
              "outcomes": [ { "id": "done", "title": "已评估" } ], "next": [] }
          ]
        }
        """;

    private static readonly Dictionary<string, string> WithoutExperts = new() { ["drafting-unit"] = "org-drafting" };

    [Fact]
    public void An_outcome_sets_its_attribute_journaled_and_the_conditional_step_then_runs()
    {
        var run = new EngineHarness(Execution, Tuesday);
        run.Accept(StartCommand(assignments: Assignments), Drafter);

        var state = run.Complete("execution", "evaluate", Drafter);

        Assert.True(state.Attributes["evaluationPlanned"]);
        var set = Assert.Single(run.Journal, e => e.Type == JournalEntryTypes.AttributesChanged);
        Assert.Equal(("execution", "evaluate"), (set.StepId, set.Outcome));
        Assert.Contains("\"changed\":[\"evaluationPlanned\"]", set.DataJson);
        // Its comment: the zh-CN text (hashed) and, through the code in the data, the reader's language.
        Assert.Equal("由办理结果“组织评估”设定（第三十六条）。", set.Comment);
        Assert.Equal("Set by the outcome 'evaluate' (第三十六条).", StoredTexts.Comment(set.Comment, set.DataJson, TextCatalog.English));
        Assert.Equal("evaluation", run.OpenTask("evaluation").StepId);
    }

    [Fact]
    public void A_scope_used_only_by_conditional_steps_is_assigned_when_its_step_activates()
    {
        var run = new EngineHarness(Execution, Tuesday);
        run.Accept(StartCommand(assignments: WithoutExperts), Drafter);

        run.Complete("execution", "evaluate", Drafter);
        Assert.Empty(run.Current.OpenTasks());
        Assert.Equal(StepStatus.Active, run.Step("evaluation").Status);
        Assert.Contains(run.Journal, e => e.Type == JournalEntryTypes.StepAwaitingAssignment && e.StepId == "evaluation");

        run.Refuse(new WorkflowCommand.AssignScope("no-such-scope", "org-x", "选定"), Drafter, "unknown-scope");
        run.Refuse(new WorkflowCommand.AssignScope("drafting-unit", "org-x", "选定"), Drafter, "scope-already-assigned");
        run.Refuse(new WorkflowCommand.AssignScope("expert-pool", "org-experts", " "), Drafter, "reason-required");
        run.Accept(new WorkflowCommand.AssignScope("expert-pool", "org-experts", "决策机关选定评估机构。"), Drafter);

        var task = run.OpenTask("evaluation");
        Assert.Equal("org-experts", task.OrganizationId);
        Assert.Equal(InstanceStatus.Completed, run.Complete("evaluation", "done", Expert).Status);
    }

    [Fact]
    public void A_step_that_does_not_run_never_needs_its_scope()
    {
        var run = new EngineHarness(Execution, Tuesday);
        run.Accept(StartCommand(assignments: WithoutExperts), Drafter);

        Assert.Equal(InstanceStatus.Completed, run.Complete("execution", "executed", Drafter).Status);
        Assert.Equal(StepStatus.Skipped, run.Step("evaluation").Status);
    }

    [Fact]
    public void A_scope_of_a_step_that_always_runs_is_still_required_at_start()
    {
        var run = new EngineHarness(Execution, Tuesday);
        var refusal = run.Refuse(StartCommand(assignments: new Dictionary<string, string>()), Drafter, "scope-unassigned");
        Assert.Contains("drafting-unit", refusal.Message);
        Assert.DoesNotContain("expert-pool", refusal.Message);
    }

    [Fact]
    public void An_outcome_may_set_only_declared_attributes_to_booleans()
    {
        var errors = DefinitionAssert.Check(Execution.Replace("\"set\": { \"evaluationPlanned\": true }", "\"set\": { \"evaluationPlaned\": true }"));
        DefinitionAssert.HasError(errors, "$.steps[0].outcomes[1].set.evaluationPlaned", "not declared");
        DefinitionAssert.SingleError(Execution.Replace("\"set\": { \"evaluationPlanned\": true }", "\"set\": { \"evaluationPlanned\": \"yes\" }"),
            "$.steps[0].outcomes[1].set.evaluationPlanned", "must be true or false");
    }
}
