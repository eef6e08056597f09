using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Calendar;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Provisional engine deadlines (issue 16 item 6): a task's due date, a task's minimum and a timer whose period ends in
/// 2027, a year the repository has no calendar for, wait with their earliest end; a timer never fires on it; once the
/// 2027 calendar is loaded <see cref="WorkflowCommand.RecountDeadlines"/> counts each again from the instant it was
/// first counted from, journaled. The 2027 calendar here is <b>test data</b> (invented days off), not the official one.
/// </summary>
public sealed class RecountDeadlinesTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Test data: 01-01..01-04 and 01-07..01-08 off (invented), no make-up working day.</summary>
    private static HolidayCalendarYear Test2027 { get; } = new(2027,
        new HashSet<DateOnly>(new[] { 1, 2, 3, 4, 7, 8 }.Select(d => new DateOnly(2027, 1, d))), new HashSet<DateOnly>(),
        "测试数据，并非2027年官方节假日安排 / test data");

    private const string Procedure = """
        {
          "id": "recount", "version": 1, "title": "期限重算", "legalBasis": "测试",
          "start": "filing",
          "steps": [
            { "id": "filing", "kind": "humanTask", "title": "决策备案", "role": "drafting-officer", "organization": "drafting-unit",
              "due": { "days": 15, "counting": "calendar" },
              "outcomes": [ { "id": "filed", "title": "已备案" } ], "next": ["wait"] },
            { "id": "wait", "kind": "timer", "title": "公示期", "duration": { "days": 10, "counting": "calendar" }, "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "article": "第二十六条", "role": "legality-reviewer", "organization": "legality-review-office",
              "minimum": { "days": 7, "counting": "workingDays" },
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    /// <summary>A harness whose calendar is its own copy of the repository's (a year added here is added nowhere else).</summary>
    private static (EngineHarness Run, HolidayCalendar Calendar) NewRun(DateTimeOffset now)
    {
        var shared = CalendarTestData.RepositoryCalendar;
        var calendar = new HolidayCalendar(shared.Years.Select(y => shared.Year(y)!));
        var run = new EngineHarness(Procedure, now) { Engine = new WorkflowEngine(new DeadlineCalculator(calendar, CalendarTestData.Shanghai)) };
        return (run, calendar);
    }

    [Fact]
    public void A_task_due_date_reaching_a_year_without_a_calendar_is_counted_again_when_the_calendar_is_loaded()
    {
        var opened = new DateTimeOffset(2026, 12, 20, 10, 0, 0, Beijing);
        var (run, calendar) = NewRun(opened);
        run.Start();
        var task = run.OpenTask("filing");
        Assert.Equal((null, 2027), (task.DueAt, task.DueProvisional?.Year));

        // Nothing can be counted before the year is loaded: refused, nothing written.
        run.Refuse(new WorkflowCommand.RecountDeadlines(), Actor.System, "no-provisional-deadline");

        // Loaded later (the recount counts from the task's opening, not from now): day 15 is 01-04, off, so 01-05.
        Assert.True(calendar.Add(Test2027));
        run.Now = new DateTimeOffset(2026, 12, 29, 9, 0, 0, Beijing);
        var admin = Person("u-admin", "系统运维");
        run.Accept(new WorkflowCommand.RecountDeadlines(), admin);

        task = run.OpenTask("filing");
        Assert.Equal((new DateTimeOffset(2027, 1, 6, 0, 0, 0, Beijing), (ProvisionalEnd?)null), (task.DueAt, task.DueProvisional));
        Assert.Contains("2027-01-05", task.DueRule);
        Assert.Contains("第二百零三条", task.DueRule);
        var entry = Assert.Single(run.Journal, e => e.Type == JournalEntryTypes.DeadlineRecounted);
        Assert.Equal(("filing", task.Id, "u-admin"), (entry.StepId, entry.TaskId, entry.ActorId));
        Assert.Contains("至少至2027-01-04", entry.Comment);
        using var data = JsonDocument.Parse(entry.DataJson);
        Assert.Equal("due", data.RootElement.GetProperty("what").GetString());
        Assert.Equal(2027, data.RootElement.GetProperty("calendarYear").GetInt32());
        Assert.Equal(opened, data.RootElement.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 0, 0, 0, Beijing), data.RootElement.GetProperty("previousAtLeast").GetDateTimeOffset());
        Assert.Equal(task.DueAt, data.RootElement.GetProperty("endsAt").GetDateTimeOffset());
        Assert.False(data.RootElement.TryGetProperty("provisional", out _)); // final: nothing left provisional
        Assert.True(JournalVerifier.Verify(run.Journal).Valid);

        // Once final, there is nothing left to count.
        run.Refuse(new WorkflowCommand.RecountDeadlines(), admin, "no-provisional-deadline");
    }

    [Fact]
    public void A_provisional_timer_never_fires_and_is_scheduled_at_its_final_end_when_the_calendar_is_loaded()
    {
        var (run, calendar) = NewRun(new DateTimeOffset(2026, 12, 1, 10, 0, 0, Beijing));
        run.Start();
        var published = new DateTimeOffset(2026, 12, 28, 10, 0, 0, Beijing);
        run.Now = published;
        run.Complete("filing", "filed", Drafter);
        var timer = Assert.Single(run.Current.Timers);
        Assert.Equal(DateTimeOffset.MaxValue, timer.DueAt);
        Assert.Equal(new ProvisionalEnd(2027, new DateTimeOffset(2027, 1, 8, 0, 0, 0, Beijing), published), timer.Provisional);
        Assert.Contains("至少至2027-01-07", timer.DueRule);

        // Past the earliest end the period may still be running (2027's holidays are unknown): the timer does not fire.
        run.Now = new DateTimeOffset(2027, 1, 9, 10, 0, 0, Beijing);
        run.Refuse(new WorkflowCommand.FireTimer(timer.Id), Actor.System, "timer-not-due");

        // Day 10 is 01-07, off; 01-08 off; 01-09/10 the weekend: the period ends with Monday 01-11.
        calendar.Add(Test2027);
        run.Accept(new WorkflowCommand.RecountDeadlines(), Actor.System);
        timer = Assert.Single(run.Current.Timers);
        var final = new DateTimeOffset(2027, 1, 12, 0, 0, 0, Beijing);
        Assert.Equal((final, (ProvisionalEnd?)null, TimerStatus.Scheduled), (timer.DueAt, timer.Provisional, timer.Status));
        var entry = Assert.Single(run.Journal, e => e.Type == JournalEntryTypes.DeadlineRecounted);
        Assert.Equal(("wait", (Guid?)null), (entry.StepId, entry.TaskId));
        using (var data = JsonDocument.Parse(entry.DataJson))
        {
            Assert.Equal(("timer", timer.Id.ToString()), (data.RootElement.GetProperty("what").GetString(), data.RootElement.GetProperty("timerId").GetString()));
        }

        // It fires at the final end, not a moment before.
        run.Now = final.AddTicks(-TimeSpan.TicksPerMillisecond);
        run.Refuse(new WorkflowCommand.FireTimer(timer.Id), Actor.System, "timer-not-due");
        run.Now = final;
        run.Accept(new WorkflowCommand.FireTimer(timer.Id), Actor.System);
        Assert.Equal(TimerStatus.Fired, Assert.Single(run.Current.Timers).Status);
    }

    [Fact]
    public void A_provisional_minimum_refuses_completion_until_counted_again()
    {
        var (run, calendar) = NewRun(new DateTimeOffset(2026, 12, 1, 10, 0, 0, Beijing));
        run.Start();
        run.Complete("filing", "filed", Drafter);
        // The review opens on Thursday 12-24: 7 working days reach 2027 (at least 12-25, 12-28..12-31, 01-01, 01-02).
        run.Now = new DateTimeOffset(2026, 12, 24, 10, 0, 0, Beijing);
        run.Accept(new WorkflowCommand.FireTimer(run.Current.Timers[0].Id), Actor.System);
        var task = run.OpenTask("review");
        Assert.Null(task.NotBefore);
        Assert.Equal(new DateTimeOffset(2027, 1, 3, 0, 0, 0, Beijing), task.NotBeforeProvisional?.AtLeast);

        // A minimum is never assumed elapsed on a guess.
        run.Now = new DateTimeOffset(2027, 1, 10, 10, 0, 0, Beijing);
        Assert.Equal("第二十六条", run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "calendar-missing").Article);

        // 2027 loaded: 12-25 (1), 12-28..12-31 (2-5), 01-05 (6), 01-06 (7).
        calendar.Add(Test2027);
        run.Now = new DateTimeOffset(2026, 12, 30, 10, 0, 0, Beijing);
        run.Accept(new WorkflowCommand.RecountDeadlines(), Actor.System);
        task = run.OpenTask("review");
        Assert.Equal((new DateTimeOffset(2027, 1, 7, 0, 0, 0, Beijing), (ProvisionalEnd?)null), (task.NotBefore, task.NotBeforeProvisional));
        Assert.Equal("minimum", JsonDocument.Parse(Assert.Single(run.Journal, e => e.Type == JournalEntryTypes.DeadlineRecounted).DataJson)
            .RootElement.GetProperty("what").GetString());
        run.Now = new DateTimeOffset(2027, 1, 6, 23, 59, 59, Beijing);
        run.Refuse(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer, "minimum-period-not-elapsed");
        run.Now = new DateTimeOffset(2027, 1, 7, 0, 0, 0, Beijing);
        run.Accept(new WorkflowCommand.CompleteTask(task.Id, "lawful", null, null), Reviewer);
        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
    }
}
