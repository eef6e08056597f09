using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Moving a running instance to a newer version of its procedure: the plan (dry run) lists what changes and every
/// reason to refuse; the command applies exactly the plan, journaled with who and why.
/// </summary>
public sealed class MigrationTests
{
    private static readonly Actor Admin = Person("u-admin", "管理员", ("org-it", "administrator"));

    private const string Version1 = """
        {
          "id": "review-procedure", "version": 1, "title": "审查程序", "legalBasis": "测试",
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "起草", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已起草" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" }, { "id": "revise", "title": "修改", "next": ["drafting"] } ], "next": ["decision"] },
            { "id": "decision", "kind": "humanTask", "title": "决定", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "decided", "title": "已决定" } ] }
          ]
        }
        """;

    /// <summary>Version 2: the review is renamed, an expert opinion comes before it, a publication after the decision.</summary>
    private const string Version2 = """
        {
          "id": "review-procedure", "version": 2, "title": "审查程序", "legalBasis": "测试",
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "起草", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已起草" } ], "next": ["expert-opinion"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool",
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["legality-review"] },
            { "id": "legality-review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" }, { "id": "revise", "title": "修改", "next": ["drafting"] } ], "next": ["decision"] },
            { "id": "decision", "kind": "humanTask", "title": "决定", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "decided", "title": "已决定" } ], "next": ["publication"] },
            { "id": "publication", "kind": "humanTask", "title": "公布", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "published", "title": "已公布" } ] }
          ]
        }
        """;

    private static readonly Dictionary<string, string> Rename = new() { ["review"] = "legality-review" };

    private static EngineHarness AtReview()
    {
        var run = new EngineHarness(Version1);
        run.Start();
        run.Complete("drafting", "done", Drafter);
        return run;
    }

    [Fact]
    public void The_dry_run_lists_every_step_with_its_new_place_the_new_steps_and_what_will_not_be_run()
    {
        var run = AtReview();
        var task = run.OpenTask("review");

        var plan = WorkflowEngine.PlanMigration(run.Definition, Define(Version2), run.Current, Rename);

        Assert.True(plan.Valid, string.Join("; ", plan.Problems.Select(p => p.Message)));
        Assert.Equal((1, 2), (plan.FromVersion, plan.ToVersion));
        Assert.Equal(
            [("drafting", "drafting", StepStatus.Completed, "kept"), ("review", "legality-review", StepStatus.Active, "mapped")],
            plan.Steps.Select(s => (s.FromStep, s.ToStep, s.Status, s.Change)));
        Assert.Equal([task.Id], plan.Steps[1].Tasks);
        Assert.Equal(["expert-opinion", "publication"], plan.AddedSteps);
        // The expert opinion now comes before the review, which this instance has reached: the plan says it is passed by.
        var warning = Assert.Single(plan.Warnings);
        Assert.Contains("expert-opinion", warning);
        // The dry run changes nothing.
        Assert.Equal(1, run.Current.DefinitionVersion);
        Assert.Equal("review", run.OpenTask("review").StepId);
    }

    [Fact]
    public void Migrating_moves_the_open_task_to_the_mapped_step_journals_who_and_why_and_the_instance_goes_on_in_the_new_version()
    {
        var run = AtReview();
        var task = run.OpenTask("review");
        var version2 = Define(Version2);

        var migrated = run.Accept(new WorkflowCommand.Migrate(version2, Rename, "新版本增加公布步骤（第三十二条）"), Admin);

        Assert.Equal(2, migrated.DefinitionVersion);
        var moved = Assert.Single(migrated.OpenTasks());
        Assert.Equal((task.Id, "legality-review"), (moved.Id, moved.StepId));
        Assert.Equal(StepStatus.Active, migrated.Steps["legality-review"].Status);
        Assert.False(migrated.Steps.ContainsKey("review"));
        var entry = run.Journal[^1];
        Assert.Equal(("InstanceMigrated", "u-admin", "新版本增加公布步骤（第三十二条）"), (entry.Type, entry.ActorId, entry.Comment));
        var data = JsonDocument.Parse(entry.DataJson).RootElement;
        Assert.Equal((1, 2), (data.GetProperty("fromVersion").GetInt32(), data.GetProperty("toVersion").GetInt32()));
        Assert.Equal(version2.ContentHash, data.GetProperty("toHash").GetString());
        Assert.Equal("legality-review", data.GetProperty("mapping").GetProperty("review").GetString());

        // It now runs on version 2: the decision leads to the new publication step.
        var state = migrated;
        foreach (var (step, outcome, actor) in new[] { ("legality-review", "lawful", Reviewer), ("decision", "decided", Drafter) })
        {
            var open = Assert.Single(state.OpenTasks(), t => t.StepId == step);
            var decision = Decider.Decide(version2, state, new WorkflowCommand.CompleteTask(open.Id, outcome, null, null), actor, Tuesday);
            Assert.True(decision.Accepted);
            state = decision.State!;
            run.Journal.AddRange(decision.Journal);
        }
        Assert.Equal("publication", Assert.Single(state.OpenTasks()).StepId);
        Assert.True(JournalVerifier.Verify(run.Journal, state.JournalSequence, state.JournalHead).Valid);
    }

    [Fact]
    public void A_step_with_work_in_progress_that_no_longer_exists_must_be_mapped()
    {
        var run = AtReview();

        var refusal = run.Refuse(new WorkflowCommand.Migrate(Define(Version2), new Dictionary<string, string>(), "升级"), Admin, "step-removed");

        Assert.Contains("“review”", refusal.Message);
        Assert.Contains("'review'", refusal.TextIn(TextCatalog.English));
        Assert.False(WorkflowEngine.PlanMigration(run.Definition, Define(Version2), run.Current, new Dictionary<string, string>()).Valid);
    }

    [Fact]
    public void A_completed_step_that_the_new_version_puts_ahead_of_the_current_position_would_run_again_and_is_refused()
    {
        var run = AtReview();
        // Version 2 reviews first and drafts after the review.
        var reordered = Version2
            .Replace("\"start\": \"drafting\"", "\"start\": \"legality-review\"")
            .Replace("\"outcomes\": [ { \"id\": \"done\", \"title\": \"已起草\" } ], \"next\": [\"expert-opinion\"]", "\"outcomes\": [ { \"id\": \"done\", \"title\": \"已起草\" } ], \"next\": [\"decision\"]")
            .Replace("\"next\": [\"legality-review\"]", "\"next\": [\"drafting\"]")
            .Replace("{ \"id\": \"revise\", \"title\": \"修改\", \"next\": [\"drafting\"] } ], \"next\": [\"decision\"]", "{ \"id\": \"revise\", \"title\": \"修改\" } ], \"next\": [\"expert-opinion\"]");

        var refusal = run.Refuse(new WorkflowCommand.Migrate(Define(reordered), Rename, "调整顺序"), Admin, "completed-step-would-run-again");

        Assert.Contains("“drafting”", refusal.Message);
        Assert.Contains("'drafting'", refusal.TextIn(TextCatalog.English));
    }

    [Fact]
    public void A_loop_back_to_a_completed_step_is_not_mistaken_for_running_it_again()
    {
        // Version 2's "revise" leads back to drafting: a way back, not a step ahead.
        var run = AtReview();
        Assert.True(WorkflowEngine.PlanMigration(run.Definition, Define(Version2), run.Current, Rename).Valid);
    }

    [Fact]
    public void Open_work_cannot_move_to_a_step_of_another_kind_or_for_other_people()
    {
        var run = AtReview();
        var version2 = Define(Version2);

        run.Refuse(new WorkflowCommand.Migrate(version2, new Dictionary<string, string> { ["review"] = "expert-opinion" }, "改由专家"), Admin, "task-performer-changed");

        var timer = Define(Version2.Replace(
            "{ \"id\": \"expert-opinion\", \"kind\": \"humanTask\", \"title\": \"专家论证\", \"role\": \"expert\", \"organization\": \"expert-pool\",\n      \"outcomes\": [ { \"id\": \"given\", \"title\": \"已出具\" } ], \"next\": [\"legality-review\"] }",
            "{ \"id\": \"expert-opinion\", \"kind\": \"timer\", \"title\": \"等待\", \"duration\": { \"days\": 5, \"counting\": \"calendar\" }, \"next\": [\"legality-review\"] }"));
        Assert.Equal(StepKind.Timer, timer.Step("expert-opinion").Kind);
        run.Refuse(new WorkflowCommand.Migrate(timer, new Dictionary<string, string> { ["review"] = "expert-opinion" }, "改为等待"), Admin, "step-kind-changed");
    }

    [Fact]
    public void The_plan_names_every_problem_of_a_bad_mapping_and_refuses_older_versions_other_procedures_and_ended_instances()
    {
        var run = AtReview();
        var version2 = Define(Version2);

        var plan = WorkflowEngine.PlanMigration(run.Definition, version2, run.Current,
            new Dictionary<string, string> { ["reveiw"] = "legality-review", ["review"] = "legality-reveiw" });
        Assert.Equal(["mapping-source-unknown", "mapping-target-unknown", "step-removed"], plan.Problems.Select(p => p.Code).Order());

        var twice = WorkflowEngine.PlanMigration(run.Definition, version2, run.Current,
            new Dictionary<string, string> { ["review"] = "legality-review", ["drafting"] = "legality-review" });
        Assert.Contains(twice.Problems, p => p.Code == "mapping-target-twice");

        run.Refuse(new WorkflowCommand.Migrate(run.Definition, new Dictionary<string, string>(), "同版本"), Admin, "migration-not-newer");
        run.Refuse(new WorkflowCommand.Migrate(Define(Version2.Replace("\"review-procedure\"", "\"other-procedure\"")), Rename, "换程序"), Admin, "migration-other-procedure");
        run.Refuse(new WorkflowCommand.Migrate(version2, Rename, " "), Admin, "reason-required");

        run.Accept(new WorkflowCommand.Cancel("撤销"), Drafter);
        run.Refuse(new WorkflowCommand.Migrate(version2, Rename, "升级"), Admin, "instance-not-running");
    }

    [Fact]
    public void A_finished_step_that_no_longer_exists_is_dropped_from_the_state_with_its_tasks()
    {
        var run = AtReview();
        run.Complete("review", "lawful", Reviewer);
        var reviewTask = run.Current.Tasks.Single(t => t.StepId == "review").Id;
        // Version 2 without any review: the instance is past it.
        var withoutReview = Version2.Replace("\"next\": [\"legality-review\"]", "\"next\": [\"decision\"]");
        var definition = Define(withoutReview.Replace(
            "{ \"id\": \"legality-review\", \"kind\": \"humanTask\", \"title\": \"合法性审查\", \"role\": \"legality-reviewer\", \"organization\": \"legality-review-office\",\n      \"outcomes\": [ { \"id\": \"lawful\", \"title\": \"合法\" }, { \"id\": \"revise\", \"title\": \"修改\", \"next\": [\"drafting\"] } ], \"next\": [\"decision\"] },\n", ""));
        Assert.DoesNotContain(definition.Steps, s => s.Id.Contains("review", StringComparison.Ordinal));

        var plan = WorkflowEngine.PlanMigration(run.Definition, definition, run.Current, new Dictionary<string, string>());
        Assert.True(plan.Valid, string.Join("; ", plan.Problems.Select(p => p.Message)));
        Assert.Equal(("dropped", null), (plan.Steps.Single(s => s.FromStep == "review").Change, plan.Steps.Single(s => s.FromStep == "review").ToStep));

        var migrated = run.Accept(new WorkflowCommand.Migrate(definition, new Dictionary<string, string>(), "删除审查步骤"), Admin);
        Assert.False(migrated.Steps.ContainsKey("review"));
        Assert.DoesNotContain(migrated.Tasks, t => t.Id == reviewTask);
        Assert.Equal("decision", Assert.Single(migrated.OpenTasks()).StepId);
    }

    private const string Joined = """
        {
          "id": "joined", "version": 1, "title": "并行", "legalBasis": "测试",
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

    [Fact]
    public void A_running_timer_follows_its_step_and_a_waiting_join_must_stay_a_join()
    {
        var run = new EngineHarness(Joined);
        run.Start();
        run.Complete("initiation", "started", Drafter);
        run.Complete("expert-opinion", "given", Expert);
        Assert.Equal(StepStatus.Waiting, run.Step("decision").Status);
        var timer = Assert.Single(run.Current.Timers);

        var renamed = Define(Joined.Replace("\"version\": 1", "\"version\": 2").Replace("\"wait\"", "\"publicity-period\""));
        var moved = run.Accept(new WorkflowCommand.Migrate(renamed, new Dictionary<string, string> { ["wait"] = "publicity-period" }, "更名"), Admin);
        var same = Assert.Single(moved.Timers);
        Assert.Equal((timer.Id, "publicity-period", TimerStatus.Scheduled), (same.Id, same.StepId, same.Status));
        Assert.Equal(StepStatus.Active, moved.Steps["publicity-period"].Status);

        var noJoin = Define(Joined.Replace("\"version\": 1", "\"version\": 3").Replace("\"join\": [\"expert-opinion\", \"review\"], ", ""));
        var waiting = WorkflowEngine.PlanMigration(renamed, noJoin, moved, new Dictionary<string, string> { ["publicity-period"] = "wait" });
        Assert.Equal(["waiting-step-not-a-join"], waiting.Problems.Select(p => p.Code));
    }
}
