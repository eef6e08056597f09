using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Journal;

/// <summary>The hash chain over a real run's journal: it verifies, and every kind of tampering is found where it happened.</summary>
public sealed class JournalVerifierTests
{
    private const string ReviewLoop = """
        {
          "id": "review-loop", "version": 1, "title": "审查退回", "legalBasis": "测试",
          "attributes": [ { "name": "technical", "title": "专业性较强" } ],
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "拟订草案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已拟订" } ], "next": ["expert-opinion"] },
            { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool", "when": "technical",
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [
                { "id": "lawful", "title": "合法", "next": [] },
                { "id": "needs-revision", "title": "需修改完善", "next": ["drafting"], "commentRequired": true }
              ] }
          ]
        }
        """;

    /// <summary>A finished run with a send-back: about a dozen entries, comments, data and several actors.</summary>
    private static (List<JournalEntry> Journal, InstanceState State) RealRun()
    {
        var run = new EngineHarness(ReviewLoop);
        run.Start();
        run.Now = Tuesday.AddHours(1);
        run.Complete("drafting", "done", Drafter, data: """{"draftVersion":1}""");
        run.Now = Tuesday.AddDays(1);
        run.Complete("review", "needs-revision", Reviewer, comment: "第三条缺少上位法依据", data: """{"opinionNo":"2026-7"}""");
        run.Now = Tuesday.AddDays(2);
        run.Complete("drafting", "done", Drafter, comment: "已补充依据", data: """{"draftVersion":2}""");
        run.Now = Tuesday.AddDays(3);
        run.Complete("review", "lawful", Reviewer);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        return (run.Journal, run.Current);
    }

    /// <summary>The entry where the reviewer sent the draft back: it has a comment, an outcome, data and an actor.</summary>
    private static int SendBackIndex(List<JournalEntry> journal) =>
        journal.FindIndex(e => e is { Type: "TaskCompleted", Outcome: "needs-revision" });

    [Fact]
    public void The_journal_of_a_real_run_verifies()
    {
        var (journal, state) = RealRun();

        var result = JournalVerifier.Verify(journal, state.JournalSequence, state.JournalHead);

        Assert.True(result.Valid, result.Problem);
        Assert.Equal(journal.Count, result.EntriesChecked);
        Assert.Equal(state.JournalSequence, journal.Count);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.True(journal.Count >= 12);
    }

    [Fact]
    public void The_order_in_which_stored_entries_are_read_does_not_matter()
    {
        var (journal, state) = RealRun();

        var result = JournalVerifier.Verify(Enumerable.Reverse(journal), state.JournalSequence, state.JournalHead);

        Assert.True(result.Valid, result.Problem);
    }

    [Fact]
    public void An_empty_journal_is_valid_only_when_nothing_was_recorded()
    {
        Assert.True(JournalVerifier.Verify([]).Valid);
        Assert.False(JournalVerifier.Verify([], expectedCount: 3, expectedHead: "abc").Valid);
    }

    public static TheoryData<string> Fields => new()
    {
        "comment", "comment-removed", "outcome", "actor-id", "actor-name", "time", "data", "type", "step", "iteration", "task", "instance",
    };

    private static JournalEntry Tamper(JournalEntry e, string field) => field switch
    {
        "comment" => e with { Comment = e.Comment + "。" },
        "comment-removed" => e with { Comment = null },
        "outcome" => e with { Outcome = "lawful" },
        "actor-id" => e with { ActorId = "u-someone-else" },
        "actor-name" => e with { ActorName = "张三" },
        "time" => e with { OccurredAt = e.OccurredAt.AddMilliseconds(1) },
        "data" => e with { DataJson = """{"opinionNo":"2026-8"}""" },
        "type" => e with { Type = "TaskCancelled" },
        "step" => e with { StepId = "drafting" },
        "iteration" => e with { Iteration = 2 },
        "task" => e with { TaskId = Guid.Empty },
        "instance" => e with { InstanceId = Guid.Empty },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_one_field_of_one_entry_is_detected_at_that_entry(string field)
    {
        var (journal, state) = RealRun();
        var i = SendBackIndex(journal);
        var original = journal[i];
        journal[i] = Tamper(original, field);
        Assert.NotEqual(original, journal[i]);

        var result = JournalVerifier.Verify(journal, state.JournalSequence, state.JournalHead);

        Assert.False(result.Valid);
        Assert.Equal(original.Sequence, result.FirstBrokenSequence);
        Assert.Equal(original.Sequence - 1, result.EntriesChecked);
        Assert.Contains("does not match its hash", result.Problem);
    }

    [Fact]
    public void A_changed_entry_whose_hash_was_recomputed_breaks_the_link_of_the_next_entry()
    {
        var (journal, state) = RealRun();
        var i = SendBackIndex(journal);
        var forged = journal[i] with { Comment = "合法" };
        journal[i] = forged with { Hash = JournalHash.Compute(forged) };

        var result = JournalVerifier.Verify(journal, state.JournalSequence, state.JournalHead);

        Assert.False(result.Valid);
        Assert.Equal(journal[i].Sequence + 1, result.FirstBrokenSequence);
        Assert.Contains("link to the previous entry does not match", result.Problem);
    }

    [Fact]
    public void A_null_comment_and_an_empty_comment_hash_differently()
    {
        var (journal, _) = RealRun();
        var entry = journal.First(e => e.Comment is null);

        Assert.NotEqual(JournalHash.Compute(entry), JournalHash.Compute(entry with { Comment = "" }));
    }

    [Fact]
    public void Moving_text_between_comment_and_data_changes_the_hash()
    {
        var (journal, _) = RealRun();
        var entry = journal[SendBackIndex(journal)] with { Comment = "a\nb", DataJson = "c" };

        Assert.NotEqual(JournalHash.Compute(entry), JournalHash.Compute(entry with { Comment = "a", DataJson = "b\nc" }));
    }

    [Fact]
    public void Deleting_a_middle_entry_is_detected_at_its_sequence()
    {
        var (journal, _) = RealRun();
        var i = SendBackIndex(journal);
        var deleted = journal[i].Sequence;
        journal.RemoveAt(i);

        var result = JournalVerifier.Verify(journal);

        Assert.False(result.Valid);
        Assert.Equal(deleted, result.FirstBrokenSequence);
        Assert.Contains($"entry {deleted} is missing", result.Problem);
    }

    [Fact]
    public void Deleting_a_middle_entry_and_renumbering_the_rest_is_detected_at_its_sequence()
    {
        var (journal, state) = RealRun();
        var i = SendBackIndex(journal);
        var deleted = journal[i].Sequence;
        journal.RemoveAt(i);
        for (var j = i; j < journal.Count; j++)
        {
            journal[j] = journal[j] with { Sequence = journal[j].Sequence - 1 };
        }

        var result = JournalVerifier.Verify(journal, state.JournalSequence, state.JournalHead);

        Assert.False(result.Valid);
        Assert.Equal(deleted, result.FirstBrokenSequence);
    }

    [Fact]
    public void Deleting_the_last_entry_is_detected_against_the_recorded_count_and_head()
    {
        var (journal, state) = RealRun();
        journal.RemoveAt(journal.Count - 1);

        // The chain alone cannot know it was cut: a prefix of a valid chain is a valid chain.
        Assert.True(JournalVerifier.Verify(journal).Valid);

        var result = JournalVerifier.Verify(journal, state.JournalSequence, state.JournalHead);

        Assert.False(result.Valid);
        Assert.Equal(state.JournalSequence, result.FirstBrokenSequence);
        Assert.Equal(state.JournalSequence - 1, result.EntriesChecked);
        Assert.Contains($"recorded {state.JournalSequence} entries", result.Problem);
    }

    [Fact]
    public void A_different_head_with_the_right_count_is_detected()
    {
        var (journal, state) = RealRun();

        var result = JournalVerifier.Verify(journal, state.JournalSequence, JournalHash.Genesis);

        Assert.False(result.Valid);
    }

    [Fact]
    public void Reordering_two_entries_is_detected_where_the_order_changed()
    {
        var (journal, state) = RealRun();
        var i = SendBackIndex(journal);
        var (a, b) = (journal[i], journal[i + 1]);
        journal[i] = b with { Sequence = a.Sequence };
        journal[i + 1] = a with { Sequence = b.Sequence };

        var result = JournalVerifier.Verify(journal, state.JournalSequence, state.JournalHead);

        Assert.False(result.Valid);
        Assert.Equal(a.Sequence, result.FirstBrokenSequence);
    }

    [Fact]
    public void Inserting_an_entry_is_detected()
    {
        var (journal, state) = RealRun();
        var i = SendBackIndex(journal);
        var inserted = journal[i] with { Sequence = journal[i].Sequence + 1, PreviousHash = journal[i].Hash, Comment = "补记" };
        inserted = inserted with { Hash = JournalHash.Compute(inserted) };
        var shifted = journal.Skip(i + 1).Select(e => e with { Sequence = e.Sequence + 1 });
        var forged = journal.Take(i + 1).Append(inserted).Concat(shifted).ToList();

        var result = JournalVerifier.Verify(forged, state.JournalSequence, state.JournalHead);

        Assert.False(result.Valid);
        Assert.Equal(inserted.Sequence + 1, result.FirstBrokenSequence);
    }
}
