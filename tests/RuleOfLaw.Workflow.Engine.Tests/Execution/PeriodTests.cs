using RuleOfLaw.Workflow.Engine.Execution;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Minimum periods and due dates on tasks, counted with the repository's real holiday calendars in Asia/Shanghai
/// (worked examples from shared/domain/deadlines-and-calendars.md).
/// </summary>
public sealed class PeriodTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private const string Review = """
        {
          "id": "review", "version": 1, "title": "审查", "legalBasis": "测试",
          "start": "review",
          "steps": [
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "article": "第二十六条", "role": "legality-reviewer", "organization": "legality-review-office",
              "minimum": { "days": 7, "counting": "workingDays" },
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    private const string Filing = """
        {
          "id": "filing", "version": 1, "title": "备案", "legalBasis": "测试",
          "start": "filing",
          "steps": [
            { "id": "filing", "kind": "humanTask", "title": "决策备案", "article": "第四十三条", "role": "drafting-officer", "organization": "drafting-unit",
              "due": { "days": 15, "counting": "calendar" },
              "outcomes": [ { "id": "filed", "title": "已备案" } ] }
          ]
        }
        """;

    [Fact]
    public void A_review_opened_on_Friday_2026_02_13_may_not_end_before_the_end_of_2026_03_02()
    {
        // 02-14 is a make-up working day (1), 02-15..02-23 Spring Festival, 02-24..02-27 (2-5), 02-28 make-up (6), 03-02 (7).
        var run = new EngineHarness(Review, now: new DateTimeOffset(2026, 2, 13, 15, 0, 0, Beijing));
        run.Start();
        var task = run.OpenTask("review");

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, Beijing), task.NotBefore);
        Assert.Contains("2026-03-02", task.NotBeforeRule);
        Assert.Contains("2026-02-14", task.NotBeforeRule); // the make-up working day is counted

        run.Now = new DateTimeOffset(2026, 3, 2, 23, 59, 59, Beijing);
        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "minimum-period-not-elapsed");

        Assert.Equal("第二十六条", refusal.Article);
        Assert.Contains("2026-03-02", refusal.Message);
        Assert.Contains("7个工作日", refusal.Message);

        run.Now = new DateTimeOffset(2026, 3, 3, 0, 0, 0, Beijing);
        run.Accept(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer);

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void The_minimum_is_counted_from_the_local_day_not_the_UTC_day()
    {
        // 07:00 Beijing on Monday 2026-03-09 is still Sunday in UTC; counting starts on Tuesday 03-10 → 7th working day 03-18.
        var run = new EngineHarness(Review, now: new DateTimeOffset(2026, 3, 9, 7, 0, 0, Beijing));

        run.Start();

        Assert.Equal(new DateTimeOffset(2026, 3, 19, 0, 0, 0, Beijing), run.OpenTask("review").NotBefore);
    }

    [Fact]
    public void A_filing_opened_2026_09_16_is_due_at_the_end_of_2026_10_08()
    {
        // Day 15 is 10-01, inside the National Day holiday (10-01..10-07), so the last day moves to 10-08 (Civil Code art. 203).
        var run = new EngineHarness(Filing, now: new DateTimeOffset(2026, 9, 16, 10, 0, 0, Beijing));

        run.Start();

        var task = run.OpenTask("filing");
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, Beijing), task.DueAt);
        Assert.Equal(TimeSpan.Zero, task.DueAt!.Value.Offset);
        Assert.Contains("2026-10-01", task.DueRule);
        Assert.Contains("2026-10-08", task.DueRule);
        Assert.Contains("第二百零三条", task.DueRule);
        Assert.Contains("\"dueAt\":\"2026-10-08T16:00:00", run.Journal[^1].DataJson);
    }

    [Fact]
    public void Completing_after_the_due_date_is_still_allowed()
    {
        var run = new EngineHarness(Filing, now: new DateTimeOffset(2026, 9, 16, 10, 0, 0, Beijing));
        run.Start();

        run.Now = new DateTimeOffset(2026, 11, 2, 10, 0, 0, Beijing);
        run.Complete("filing", "filed", Drafter);

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }

    [Fact]
    public void A_due_date_in_a_year_without_a_calendar_is_provisional_not_guessed()
    {
        // 15 days from 2026-12-20 ends in January 2027, for which no holiday calendar exists: no due date yet (nothing
        // is overdue or escalated on a guess), only the earliest it can be, 2027-01-04 (RecountDeadlinesTests).
        var run = new EngineHarness(Filing, now: new DateTimeOffset(2026, 12, 20, 10, 0, 0, Beijing));

        run.Start();

        var task = run.OpenTask("filing");
        Assert.Null(task.DueAt);
        Assert.Equal(new ProvisionalEnd(2027, new DateTimeOffset(2027, 1, 5, 0, 0, 0, Beijing), run.Now), task.DueProvisional);
        Assert.Contains("至少至2027-01-04", task.DueRule);
        Assert.Contains("2027年日历加载后确定最终期限", task.DueRule);
    }

    [Fact]
    public void A_minimum_reaching_a_year_without_a_calendar_cannot_be_confirmed_and_completion_is_refused()
    {
        var run = new EngineHarness(Review, now: new DateTimeOffset(2026, 12, 24, 10, 0, 0, Beijing));
        run.Start();
        var task = run.OpenTask("review");

        Assert.Null(task.NotBefore);
        Assert.Equal(2027, task.NotBeforeProvisional?.Year);
        Assert.Contains("2027", task.NotBeforeRule);

        run.Now = new DateTimeOffset(2027, 3, 1, 10, 0, 0, Beijing);
        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "calendar-missing");

        Assert.Contains("2027", refusal.Message);
        Assert.Equal("第二十六条", refusal.Article);
    }
}
