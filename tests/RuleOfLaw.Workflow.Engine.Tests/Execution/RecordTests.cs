using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>Domain facts journaled with <see cref="WorkflowCommand.Record"/>: in the hash chain, no step moves.</summary>
public sealed class RecordTests
{
    private const string Definition = """
        {
          "id": "record", "version": 1, "title": "记录", "legalBasis": "测试", "start": "initiation",
          "steps": [
            { "id": "initiation", "kind": "humanTask", "title": "启动", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "started", "title": "已启动" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    [Fact]
    public void A_record_is_journaled_in_the_chain_and_moves_nothing()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        var before = InstanceStateJson.Serialize(run.Current);
        var version = run.Current.Version;

        run.Accept(new WorkflowCommand.Record("ConsultationOpened", "initiation", "草案公开征求意见", """{"days":30}"""), Drafter);

        var entry = run.Journal[^1];
        Assert.Equal(("ConsultationOpened", "initiation", "草案公开征求意见", """{"days":30}"""), (entry.Type, entry.StepId, entry.Comment, entry.DataJson));
        Assert.Equal((Drafter.Id, Drafter.DisplayName), (entry.ActorId, entry.ActorName));
        Assert.Equal(version + 1, run.Current.Version);
        Assert.Equal(entry.Hash, run.Current.JournalHead);
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
        // Only the version and the journal head moved: the steps and tasks are as they were.
        Assert.Equal(run.Current.Steps["initiation"].Status, InstanceStateJson.Deserialize(before).Steps["initiation"].Status);
        Assert.Single(run.Current.OpenTasks());
    }

    [Fact]
    public void A_record_is_accepted_while_suspended_and_refused_once_the_instance_has_ended()
    {
        var run = new EngineHarness(Definition);
        run.Start();
        run.Accept(new WorkflowCommand.Suspend("暂停"), Drafter);
        run.Accept(new WorkflowCommand.Record("ExecutionSuspended", null, "行政首长决定中止执行", "{}"), Drafter);
        run.Accept(new WorkflowCommand.Cancel("撤回"), Drafter);

        run.Refuse(new WorkflowCommand.Record("Late", null, null, "{}"), Drafter, "instance-not-running");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Has space")]
    [InlineData("记录")]
    public void A_record_type_must_be_plain_letters_and_digits(string type)
    {
        var run = new EngineHarness(Definition);
        run.Start();
        Assert.Throws<ArgumentException>(() => run.Decide(new WorkflowCommand.Record(type, null, null, "{}"), Drafter));
    }
}
