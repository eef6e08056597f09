using RuleOfLaw.Workflow.Engine.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Multi-party steps: one task per party, completion rules, a named party last (第三十条), parties added and removed.</summary>
public sealed class PartyTests
{
    private static string Panel(string completion) => $$"""
        {
          "id": "panel", "version": 1, "title": "专家论证", "legalBasis": "测试", "start": "expert-panel",
          "steps": [
            { "id": "expert-panel", "kind": "humanTask", "title": "专家论证", "article": "第十九条", "role": "expert", "organization": "expert-pool",
              "parties": { "completion": {{completion}} },
              "outcomes": [ { "id": "opinion-given", "title": "已出具意见" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ], "next": [] }
          ]
        }
        """;

    private const string Meeting = """
        {
          "id": "meeting", "version": 1, "title": "集体讨论", "legalBasis": "测试", "start": "collective-decision",
          "steps": [
            { "id": "collective-decision", "kind": "humanTask", "title": "集体讨论决定", "article": "第三十条",
              "role": "legality-reviewer", "organization": "legality-review-office",
              "parties": { "role": "expert", "completion": "all", "last": true, "recorderRole": "drafting-officer", "recorderOrganization": "drafting-unit",
                           "outcomes": [ { "id": "agree", "title": "同意" }, { "id": "disagree", "title": "不同意", "commentRequired": true } ] },
              "outcomes": [ { "id": "approved", "title": "通过" } ], "next": [] }
          ]
        }
        """;

    private static readonly Actor Second = Person("u-expert-2", "专家二", ("org-experts", "expert"));
    private static readonly Actor Third = Person("u-expert-3", "专家三", ("org-experts", "expert"));

    private static WorkflowCommand.AddParty Add(Actor who) => new("expert-panel", who.Id, who.DisplayName);

    private static WorkTask PartyTask(EngineHarness run, Actor who) =>
        Assert.Single(run.Current.OpenTasks(), t => t.PartyId == who.Id);

    private static InstanceState Give(EngineHarness run, Actor who, string outcome = "opinion-given", Actor? by = null, string? comment = null) =>
        run.Accept(new WorkflowCommand.CompleteTask(PartyTask(run, who).Id, outcome, comment, null), by ?? who);

    [Fact]
    public void With_all_the_step_completes_when_the_last_remaining_party_is_done()
    {
        var run = new EngineHarness(Panel("\"all\""));
        run.Start();
        Assert.Empty(run.Current.OpenTasks());
        foreach (var expert in new[] { Expert, Second, Third })
        {
            run.Accept(Add(expert), Drafter);
        }
        run.Refuse(Add(Second), Drafter, "party-already-added");

        // Only the party herself completes her task.
        run.Refuse(new WorkflowCommand.CompleteTask(PartyTask(run, Second).Id, "opinion-given", null, null), Expert, "not-authorized-for-task");
        Give(run, Expert);
        Give(run, Second);
        Assert.Equal(StepStatus.Active, run.Step("expert-panel").Status);

        // The third withdraws (interest in the matter, 第二十条): removed with the reason, the rule is met without her.
        run.Refuse(new WorkflowCommand.RemoveParty(PartyTask(run, Third).Id, " "), Drafter, "reason-required");
        run.Accept(new WorkflowCommand.RemoveParty(PartyTask(run, Third).Id, "与决策事项存在利害关系，回避"), Drafter);

        Assert.Equal((StepStatus.Completed, "parties-done"), (run.Step("expert-panel").Status, run.Step("expert-panel").Outcome));
        Assert.Equal(["review"], run.OpenSteps());
        Assert.Equal("与决策事项存在利害关系，回避", run.Current.Tasks.Single(t => t.PartyId == Third.Id).RemovedReason);
        Assert.Equal(2, run.Journal.Count(e => e.Type == "PartyTaskCompleted"));
        run.Refuse(Add(Third), Drafter, "step-not-active");
    }

    [Theory]
    [InlineData("\"any\"", 1)]
    [InlineData("{ \"count\": 2 }", 2)]
    [InlineData("{ \"share\": 0.5 }", 2)]
    public void Any_a_count_or_a_share_completes_early_and_cancels_the_parties_not_needed(string completion, int needed)
    {
        var run = new EngineHarness(Panel(completion));
        run.Start();
        foreach (var expert in new[] { Expert, Second, Third })
        {
            run.Accept(Add(expert), Drafter);
        }
        var experts = new[] { Expert, Second, Third };
        for (var i = 0; i < needed; i++)
        {
            Assert.Equal(StepStatus.Active, run.Step("expert-panel").Status);
            Give(run, experts[i]);
        }
        Assert.Equal(StepStatus.Completed, run.Step("expert-panel").Status);
        Assert.Equal(3 - needed, run.Current.Tasks.Count(t => t.PartyId is not null && t.Status == WorkTaskStatus.Cancelled));
        Assert.Equal(["review"], run.OpenSteps());
    }

    [Fact]
    public void A_panel_grows_while_the_step_runs()
    {
        var run = new EngineHarness(Panel("\"all\""));
        run.Start();
        run.Accept(Add(Expert), Drafter);
        run.Accept(Add(Second), Drafter);
        Give(run, Expert);
        run.Accept(Add(Third), Drafter);
        Give(run, Second);
        Assert.Equal(StepStatus.Active, run.Step("expert-panel").Status);
        Give(run, Third);
        Assert.Equal(StepStatus.Completed, run.Step("expert-panel").Status);
    }

    private static readonly Actor MemberOne = Person("u-member-1", "委员一", ("org-legal", "expert"));
    private static readonly Actor MemberTwo = Person("u-member-2", "委员二", ("org-legal", "expert"));

    [Fact]
    public void The_named_party_acts_last_after_every_party()
    {
        var run = new EngineHarness(Meeting);
        run.Start();
        var head = run.OpenTask("collective-decision");
        Assert.Null(head.PartyId);
        var none = run.Refuse(new WorkflowCommand.CompleteTask(head.Id, "approved", null, null), Reviewer, "parties-not-done");
        Assert.Equal("第三十条", none.Article);

        run.Accept(new WorkflowCommand.AddParty("collective-decision", MemberOne.Id, MemberOne.DisplayName), Drafter);
        run.Accept(new WorkflowCommand.AddParty("collective-decision", MemberTwo.Id, MemberTwo.DisplayName), Drafter);
        var early = run.Refuse(new WorkflowCommand.CompleteTask(head.Id, "approved", null, null), Reviewer, "parties-not-done");
        Assert.Contains(MemberTwo.DisplayName, early.Message);

        // A dissent needs its reasons; the recorder may record for a member; an unknown opinion is refused.
        var first = PartyTask(run, MemberOne).Id;
        run.Refuse(new WorkflowCommand.CompleteTask(first, "approved", null, null), MemberOne, "unknown-outcome");
        run.Refuse(new WorkflowCommand.CompleteTask(first, "disagree", null, null), MemberOne, "comment-required");
        run.Accept(new WorkflowCommand.CompleteTask(first, "disagree", "收费标准偏高", null), MemberOne);
        run.Refuse(new WorkflowCommand.CompleteTask(head.Id, "approved", null, null), Reviewer, "parties-not-done");
        run.Accept(new WorkflowCommand.CompleteTask(PartyTask(run, MemberTwo).Id, "agree", null, null), Drafter);
        Assert.Equal("u-drafter", run.Current.Tasks.Single(t => t.PartyId == MemberTwo.Id).CompletedBy);

        run.Accept(new WorkflowCommand.CompleteTask(head.Id, "approved", "同意", null), Reviewer);
        Assert.Equal((StepStatus.Completed, "approved"), (run.Step("collective-decision").Status, run.Step("collective-decision").Outcome));
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void Parties_are_refused_on_a_step_without_them_and_a_completed_party_cannot_be_removed()
    {
        var run = new EngineHarness(Panel("\"all\""));
        run.Start();
        run.Refuse(new WorkflowCommand.AddParty("review", Expert.Id, Expert.DisplayName), Drafter, "step-has-no-parties");
        run.Accept(Add(Expert), Drafter);
        run.Accept(Add(Second), Drafter);
        var done = PartyTask(run, Expert).Id;
        Give(run, Expert);
        run.Refuse(new WorkflowCommand.RemoveParty(done, "改派"), Drafter, "task-not-open");
    }

    /// <summary>
    /// Expert argumentation as version 6 of the major-decision procedure has it: the experts are parties in the expert
    /// pool, each completes her task only by her signed opinion, and the drafting unit's own task closes the
    /// argumentation after every expert not removed (第十九条、第二十条).
    /// </summary>
    private const string Argumentation = """
        {
          "id": "argumentation", "version": 1, "title": "专家论证", "legalBasis": "测试", "start": "expert-argumentation",
          "steps": [
            { "id": "expert-argumentation", "kind": "humanTask", "title": "专家论证", "article": "第十九条至第二十一条",
              "role": "drafting-officer", "organization": "drafting-unit",
              "parties": { "role": "expert", "organization": "expert-pool", "completion": "all", "last": true, "completedBy": "expert-opinion",
                           "outcomes": [ { "id": "opinion-signed", "title": "已署名提交书面论证意见", "article": "第十九条" } ] },
              "outcomes": [ { "id": "opinion-submitted", "title": "论证意见均已提交" } ], "next": [] }
          ]
        }
        """;

    [Fact]
    public void Parties_may_hold_their_role_in_another_scope_and_be_completed_only_by_their_own_command()
    {
        var run = new EngineHarness(Argumentation);
        run.Start();
        var closing = run.OpenTask("expert-argumentation");
        Assert.Equal(("drafting-officer", "org-drafting"), (closing.Role, closing.OrganizationId));

        run.Accept(new WorkflowCommand.AddParty("expert-argumentation", Expert.Id, Expert.DisplayName, "入选论证专家组"), Drafter);
        run.Accept(new WorkflowCommand.AddParty("expert-argumentation", Second.Id, Second.DisplayName, "入选论证专家组"), Drafter);
        var mine = PartyTask(run, Expert);
        Assert.Equal(("expert", "expert-pool", "org-experts"), (mine.Role, mine.Scope, mine.OrganizationId));

        // The generic completion is refused on a party's task (her signed opinion alone completes it) …
        var generic = run.Refuse(new WorkflowCommand.CompleteTask(mine.Id, "opinion-signed", null, null), Expert, "use-expert-opinion");
        Assert.Equal("第十九条至第二十一条", generic.Article);
        run.Refuse(new WorkflowCommand.CompleteTask(mine.Id, "opinion-signed", null, null, "meeting-record"), Expert, "use-expert-opinion");
        // … but not on the step's own task, which has no completedBy: it waits for the parties instead.
        run.Refuse(new WorkflowCommand.CompleteTask(closing.Id, "opinion-submitted", null, null), Drafter, "parties-not-done");

        run.Accept(new WorkflowCommand.CompleteTask(mine.Id, "opinion-signed", "可行", null, "expert-opinion"), Expert);
        run.Accept(new WorkflowCommand.RemoveParty(PartyTask(run, Second).Id, "声明与决策事项有直接利害关系，回避（第二十条）"), Drafter);
        run.Accept(new WorkflowCommand.CompleteTask(closing.Id, "opinion-submitted", null, null), Drafter);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void Parties_in_a_scope_not_yet_assigned_are_refused_until_it_is()
    {
        var assignments = new Dictionary<string, string>(EngineHarness.Assignments);
        assignments.Remove("expert-pool");
        var run = new EngineHarness(Argumentation);
        run.Accept(StartCommand(assignments: assignments), Drafter);
        var refused = run.Refuse(new WorkflowCommand.AddParty("expert-argumentation", Expert.Id, Expert.DisplayName), Drafter, "scope-unassigned");
        Assert.Contains("expert-pool", refused.Message);
    }
}
