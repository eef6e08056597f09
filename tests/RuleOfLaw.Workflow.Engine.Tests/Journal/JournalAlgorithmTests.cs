using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Calendar;
using RuleOfLaw.Workflow.Engine.Tests.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Journal;

/// <summary>
/// Algorithm agility: each entry records its hash algorithm, a journal started under SHA-256 and continued under SM3
/// verifies, and relabelling an entry's algorithm is caught.
/// </summary>
public sealed class JournalAlgorithmTests
{
    private const string TwoSteps = """
        {
          "id": "two-steps", "version": 1, "title": "两步", "legalBasis": "测试",
          "start": "drafting",
          "steps": [
            { "id": "drafting", "kind": "humanTask", "title": "拟订草案", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已拟订" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    private static readonly WorkflowEngine Sha256Engine = new(CalendarTestData.Calculator()) { JournalAlgorithm = JournalAlgorithms.Sha256 };

    [Fact]
    public void New_entries_are_SM3_by_default()
    {
        var run = new EngineHarness(TwoSteps);
        run.Start();

        Assert.All(run.Journal, e => Assert.Equal(JournalAlgorithms.Sm3, e.HashAlgorithm));
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
    }

    [Fact]
    public void A_journal_begun_under_SHA256_and_continued_under_SM3_verifies()
    {
        var run = new EngineHarness(TwoSteps) { Engine = Sha256Engine };
        run.Start();
        var before = run.Journal.Count;
        run.Engine = Decider;
        run.Complete("drafting", "done", Drafter);
        run.Complete("review", "lawful", Reviewer);

        Assert.All(run.Journal.Take(before), e => Assert.Equal(JournalAlgorithms.Sha256, e.HashAlgorithm));
        Assert.All(run.Journal.Skip(before), e => Assert.Equal(JournalAlgorithms.Sm3, e.HashAlgorithm));
        var result = JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead);
        Assert.True(result.Valid, result.Problem);
    }

    [Fact]
    public void The_same_entry_hashes_differently_under_each_algorithm()
    {
        var run = new EngineHarness(TwoSteps);
        run.Start();
        var entry = run.Journal[0];

        Assert.NotEqual(JournalHash.Compute(entry), JournalHash.Compute(entry with { HashAlgorithm = JournalAlgorithms.Sha256 }));
    }

    [Fact]
    public void Relabelling_an_entry_with_another_algorithm_is_caught()
    {
        var run = new EngineHarness(TwoSteps);
        run.Start();
        var journal = run.Journal.ToList();
        journal[1] = journal[1] with { HashAlgorithm = JournalAlgorithms.Sha256 };

        var result = JournalVerifier.Verify(journal);

        Assert.False(result.Valid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("does not match its hash", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_algorithm_is_reported_not_thrown()
    {
        var run = new EngineHarness(TwoSteps);
        run.Start();
        var journal = run.Journal.ToList();
        journal[0] = journal[0] with { HashAlgorithm = "md5" };

        var result = JournalVerifier.Verify(journal);

        Assert.False(result.Valid);
        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Contains("\"md5\" is unknown", result.Problem, StringComparison.Ordinal);
    }
}
