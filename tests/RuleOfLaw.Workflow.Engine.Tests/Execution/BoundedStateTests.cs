using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// The bounded state document (issue 21 goal 2): finished tasks and timers of earlier passes leave the state, so a
/// looping procedure's state does not grow with its loops; what the engine still needs stays.
/// </summary>
public sealed class BoundedStateTests
{
    /// <summary>A revision loop with a timer in it; the fixtures under Fixtures/ were written by the engine before this change on it.</summary>
    private const string Loop = """
        {
          "id": "revision-loop", "version": 1, "title": "修改循环", "legalBasis": "测试",
          "start": "draft",
          "steps": [
            { "id": "draft", "kind": "humanTask", "title": "起草", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "drafted", "title": "已起草" } ], "next": ["wait"] },
            { "id": "wait", "kind": "timer", "title": "征求意见期", "duration": { "days": 1, "counting": "calendar" }, "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "again", "title": "退回修改", "next": ["draft"] }, { "id": "lawful", "title": "合法", "next": [] } ] }
          ]
        }
        """;

    private static void Pass(EngineHarness run, string reviewOutcome = "again")
    {
        run.Complete("draft", "drafted", Drafter);
        var timer = run.Current.Timers.Single(t => t.Status == TimerStatus.Scheduled);
        run.Now = timer.DueAt;
        run.Accept(new WorkflowCommand.FireTimer(timer.Id), Actor.System);
        run.Complete("review", reviewOutcome, Reviewer, "请修改");
        run.Now = run.Now.AddHours(1);
    }

    [Fact]
    public void A_looping_instance_keeps_a_bounded_number_of_tasks_and_timers()
    {
        var run = new EngineHarness(Loop);
        run.Start();
        Pass(run);
        Pass(run);
        var afterTwo = (run.Current.Tasks.Count, run.Current.Timers.Count);

        for (var i = 0; i < 40; i++)
        {
            Pass(run);
        }

        // 42 passes opened 85 tasks and 42 timers; the state keeps the open draft, the last completed draft and
        // review, and the timer fired in the last pass's transition is already gone.
        Assert.Equal(3, run.Current.Tasks.Count);
        Assert.Equal(afterTwo, (run.Current.Tasks.Count, run.Current.Timers.Count));
        Assert.Equal(43, run.Step("draft").Iteration);
        var open = Assert.Single(run.Current.OpenTasks());
        Assert.Equal(("draft", 43), (open.StepId, open.Iteration));
        Assert.Equal([("draft", 42), ("review", 42)],
            run.Current.Tasks.Where(t => t.Status == WorkTaskStatus.Completed).Select(t => (t.StepId, t.Iteration)).Order().ToList());
        Assert.Empty(run.Current.Timers);
        Assert.Equal(85, run.Journal.Count(e => e.Type == JournalEntryTypes.TaskOpened));
    }

    [Fact]
    public void A_task_finished_in_a_transition_is_still_in_that_transitions_state()
    {
        // The host writes the task's row from the state after the transition that finished it.
        var run = new EngineHarness(Loop);
        run.Start();
        Pass(run);
        var review = run.OpenTask("draft");
        run.Complete("draft", "drafted", Drafter);

        Assert.Equal(WorkTaskStatus.Completed, Assert.Single(run.Current.Tasks, t => t.Id == review.Id).Status);
    }

    [Fact]
    public void A_second_completion_of_a_task_no_longer_in_the_state_is_refused_naming_who_completed_it()
    {
        var run = new EngineHarness(Loop);
        run.Start();
        var first = run.OpenTask("draft");
        Pass(run);
        Pass(run);
        Assert.DoesNotContain(run.Current.Tasks, t => t.Id == first.Id);
        var finished = new FinishedTask(first.Id, WorkTaskStatus.Completed, Tuesday, "起草人", "drafted");

        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(first.Id, "drafted", null, null) { Finished = finished }, Drafter, "task-not-open");

        Assert.Contains("起草人", refusal.Message);
        Assert.Contains("drafted", refusal.Message);
        Assert.Contains("2026-03-10", refusal.Message);
        // Without the host's row, the engine cannot tell a finished task from another instance's.
        run.Refuse(new WorkflowCommand.CompleteTask(first.Id, "drafted", null, null), Drafter, "task-not-found");
        var cancelled = run.Refuse(new WorkflowCommand.CompleteTask(first.Id, "drafted", null, null) { Finished = finished with { Status = WorkTaskStatus.Cancelled } },
            Drafter, "task-not-open");
        Assert.Equal("task-not-open.cancelled", cancelled.TextKey);
        // A row for another task id says nothing about this one.
        run.Refuse(new WorkflowCommand.CompleteTask(first.Id, "drafted", null, null) { Finished = finished with { Id = Guid.NewGuid() } }, Drafter, "task-not-found");
    }

    [Fact]
    public void A_long_state_written_before_the_bound_is_read_shrinks_at_its_next_transition_and_its_journal_still_verifies()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures");
        var json = File.ReadAllText(Path.Combine(folder, "long-shape-state.json"));
        var journal = JsonSerializer.Deserialize<List<JournalEntry>>(File.ReadAllText(Path.Combine(folder, "long-shape-journal.json")), InstanceStateJson.Options)!;
        var stored = InstanceStateJson.Deserialize(json);
        Assert.Equal(10, stored.Tasks.Count); // every task of five passes
        Assert.Equal(5, stored.Timers.Count);
        Assert.True(JournalVerifier.Verify(journal, stored.JournalSequence, stored.JournalHead).Valid);
        var oldDraft = stored.Tasks.First(t => t.StepId == "draft");
        var review = Assert.Single(stored.OpenTasks());
        var definition = Define(Loop);
        var now = new DateTimeOffset(2026, 4, 4, 15, 0, 0, TimeSpan.FromHours(8));

        var decision = Decider.Decide(definition, stored, new WorkflowCommand.CompleteTask(review.Id, "again", "再改", null), Reviewer, now);

        Assert.True(decision.Accepted);
        var after = decision.State!;
        // The review completed now stays (its row is written from this state); of the earlier passes only the last
        // completed draft and the new open draft are left; the fired timers are gone.
        Assert.Equal([("draft", 5, WorkTaskStatus.Completed), ("draft", 6, WorkTaskStatus.Open), ("review", 5, WorkTaskStatus.Completed)],
            after.Tasks.Select(t => (t.StepId, t.Iteration, t.Status)).Order().ToList());
        Assert.Empty(after.Timers);
        Assert.Equal((stored.Steps["draft"].Iteration + 1, stored.Steps["review"].Iteration), (after.Steps["draft"].Iteration, after.Steps["review"].Iteration));
        Assert.True(InstanceStateJson.Serialize(after).Length < json.Length / 2);
        // The journal does not cover the state: the stored chain continues and verifies whole.
        Assert.Equal(stored.JournalHead, decision.Journal[0].PreviousHash);
        List<JournalEntry> all = [.. journal, .. decision.Journal];
        Assert.True(JournalVerifier.Verify(all, after.JournalSequence, after.JournalHead).Valid);
        // A task of an earlier pass, gone from the state, is refused by what its row says.
        var again = Decider.Decide(definition, after, new WorkflowCommand.CompleteTask(oldDraft.Id, "drafted", null, null)
        {
            Finished = new FinishedTask(oldDraft.Id, oldDraft.Status, oldDraft.CompletedAt, oldDraft.CompletedByName, oldDraft.Outcome),
        }, Drafter, now);
        Assert.Equal("task-not-open", Assert.Single(again.Refusals).Code);
        Assert.Contains("起草人", again.Refusals[0].Message);
    }

    private const string PanelLoop = """
        {
          "id": "panel-loop", "version": 1, "title": "专家论证", "legalBasis": "测试", "start": "expert-panel",
          "steps": [
            { "id": "expert-panel", "kind": "humanTask", "title": "专家论证", "article": "第十九条", "role": "expert", "organization": "expert-pool",
              "parties": { "completion": "all" },
              "outcomes": [ { "id": "opinion-given", "title": "已出具意见" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "again", "title": "再论证", "next": ["expert-panel"] }, { "id": "lawful", "title": "合法", "next": [] } ] }
          ]
        }
        """;

    private static readonly Actor Second = Person("u-expert-2", "专家二", ("org-experts", "expert"));
    private static readonly Actor Third = Person("u-expert-3", "专家三", ("org-experts", "expert"));

    private static WorkflowCommand.AddParty Add(Actor who) => new("expert-panel", who.Id, who.DisplayName);

    private static WorkTask PartyTask(EngineHarness run, Actor who) => Assert.Single(run.Current.OpenTasks(), t => t.PartyId == who.Id);

    private static void Give(EngineHarness run, Actor who) =>
        run.Accept(new WorkflowCommand.CompleteTask(PartyTask(run, who).Id, "opinion-given", null, null), who);

    [Fact]
    public void A_multi_party_step_keeps_its_current_pass_and_each_partys_last_task_over_many_passes()
    {
        var run = new EngineHarness(PanelLoop);
        run.Start();
        run.Accept(Add(Expert), Drafter);
        run.Accept(Add(Third), Drafter);
        Give(run, Expert);
        run.Accept(new WorkflowCommand.RemoveParty(PartyTask(run, Third).Id, "回避"), Drafter);
        for (var pass = 2; pass <= 12; pass++)
        {
            run.Complete("review", "again", Reviewer);
            run.Accept(Add(Expert), Drafter);
            run.Accept(Add(Second), Drafter);
            Give(run, Expert);
            // The tally counts the completion of an earlier transition of this pass.
            Assert.Equal(StepStatus.Active, run.Step("expert-panel").Status);
            Give(run, Second);
            Assert.Equal(StepStatus.Completed, run.Step("expert-panel").Status);
        }

        // A removal on the first pass is still what the last task of that party says (the experts module does not
        // add a removed expert again on a later pass), while the other passes' tasks are gone.
        Assert.Equal("回避", run.Current.Tasks.Last(t => t.PartyId == Third.Id).RemovedReason);
        // Left: each party's last task (Expert's and Second's of pass 12, Third's removal), the open review and the last completed one.
        Assert.Equal(5, run.Current.Tasks.Count);
        Assert.Equal(23, run.Journal.Count(e => e.Type == "PartyTaskCompleted"));

        // Within a pass, a party removed and added again twice gets a new task each time, across transitions.
        run.Complete("review", "again", Reviewer);
        run.Accept(Add(Expert), Drafter);
        var ids = new List<Guid> { PartyTask(run, Expert).Id };
        for (var i = 0; i < 2; i++)
        {
            run.Accept(new WorkflowCommand.RemoveParty(PartyTask(run, Expert).Id, "改派"), Drafter);
            run.Accept(Add(Second), Drafter);
            run.Accept(new WorkflowCommand.RemoveParty(PartyTask(run, Second).Id, "改派"), Drafter);
            run.Accept(Add(Expert), Drafter);
            ids.Add(PartyTask(run, Expert).Id);
        }
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, run.Current.Tasks.Count(t => t.PartyId == Expert.Id && t.Iteration == run.Step("expert-panel").Iteration));
    }
}
