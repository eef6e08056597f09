using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Scheduling;
using RuleOfLaw.Workflow.Server.Calendars;

namespace RuleOfLaw.Workflow.Server.Tests.Calendars;

/// <summary>
/// The engine's deadlines never block and never fire early (issue 16 item 6): a task due date and a timer step whose
/// period reaches 2027, a year without a calendar in the repository, wait with their earliest end; loading 2027 counts
/// each again from the instant it was first counted from, journaled as the administrator, and the timer is then
/// scheduled at its final end (and fires there, not before). The 2027 calendar is <b>test data</b>
/// (<see cref="ProvisionalCalendarTests.Test2027"/>: 01-05..01-07 off), not the official one.
/// </summary>
public sealed class ProvisionalEngineDeadlineTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Loading_the_calendar_recounts_the_provisional_task_due_dates_and_timers_and_journals_each(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);

        // B: drafted on Saturday 2026-12-26, its 10-day wait reaches 2027: at least until 01-05 (final: 01-05..01-07
        // off, so 01-08).
        driver.MoveClockTo(new DateTimeOffset(2026, 12, 22, 9, 0, 0, Beijing));
        var waiting = await DeadlineServer.StartMatterAsync(driver, title: "示范县期限重算测试（计时）");
        driver.MoveClockTo(new DateTimeOffset(2026, 12, 26, 10, 0, 0, Beijing));
        await DeadlineServer.CompleteAsync(driver, waiting.Id, "draft", "done", "drafter");
        var atLeast = new DateTimeOffset(2027, 1, 6, 0, 0, 0, Beijing);
        var final = new DateTimeOffset(2027, 1, 9, 0, 0, 0, Beijing);
        var timer = Assert.Single(await DeadlineServer.TimersAsync(server, waiting.Id), t => t.Kind == TimerKinds.Workflow);
        Assert.Equal((TimerRowStatus.Provisional, DateTimeOffset.MaxValue), (timer.Status, timer.DueAt));
        Assert.Equal(new ProvisionalPayload(2027, atLeast), ProvisionalPayload.Read(timer.PayloadJson));
        Assert.Contains("至少至2027-01-05", timer.Note);
        Assert.DoesNotContain(timer.Id.ToString(), DeadlineServer.LiveTimerJobs(server));

        // A: opened on Monday 12-28, its 5-day due date reaches Saturday 2027-01-02: at least until then, final 01-04.
        driver.MoveClockTo(new DateTimeOffset(2026, 12, 28, 9, 0, 0, Beijing));
        var drafting = await DeadlineServer.StartMatterAsync(driver, title: "示范县期限重算测试（任务）");
        var task = Assert.Single(drafting.OpenTasks);
        Assert.Null(task.DueAt);
        Assert.Equal((2027, new DateTimeOffset(2027, 1, 3, 0, 0, 0, Beijing)), (task.DueProvisional!.Year, task.DueProvisional.AtLeast));
        Assert.Null(await server.WithDatabaseAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.DueAt).SingleAsync()));
        var taskRows = await DeadlineServer.TimersAsync(server, drafting.Id);
        Assert.Equal(TimerRowStatus.Provisional, Assert.Single(taskRows).Status); // no reminder or escalation on a guess
        using (var page = new Web.WebSession(server))
        {
            await page.SignInAsync("drafter");
            var html = await page.GetAsync($"/tasks/{task.Id}");
            Assert.Contains("至少至", html.QuerySelector("#due-provisional")!.TextContent);
        }

        // Past the earliest end of the wait, the period may still be running: the timer does not fire.
        driver.MoveClockTo(atLeast.AddHours(10));
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Provisional, (await DeadlineServer.TimersAsync(server, waiting.Id)).Single(t => t.Id == timer.Id).Status);
        Assert.DoesNotContain(timer.Id.ToString(), DeadlineServer.LiveTimerJobs(server));
        Assert.DoesNotContain("TimerFired", await DeadlineServer.JournalTypesAsync(server, waiting.Id));
        var admin = await driver.As("admin");
        var overview = await admin.GetAsync("/api/admin/deadlines").ExpectAsync<DeadlineOverview>(HttpStatusCode.OK, server);
        Assert.Equal(2, overview.Provisional.Count(p => p.MatterId == Guid.Parse(waiting.MatterId) || p.MatterId == Guid.Parse(drafting.MatterId)));
        var status = await admin.GetAsync("/api/admin/calendars").ExpectAsync<CalendarStatus>(HttpStatusCode.OK, server);
        Assert.Equal(2, status.ProvisionalDeadlines[2027]);

        // The administrator loads 2027: both are counted again, journaled as the administrator.
        using (var put = new StringContent(ProvisionalCalendarTests.Test2027, System.Text.Encoding.UTF8, "application/json"))
        {
            await admin.PutAsync("/api/admin/calendars/2027", put).ExpectAsync<CalendarYearView>(HttpStatusCode.Created, server);
        }
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.Set<CalendarYearRecord>().Where(r => r.Year == 2027).Select(r => r.DeadlinesFinalized).SingleAsync()));

        timer = (await DeadlineServer.TimersAsync(server, waiting.Id)).Single(t => t.Id == timer.Id);
        Assert.Equal((TimerRowStatus.Pending, final), (timer.Status, timer.DueAt));
        Assert.Contains(timer.Id.ToString(), DeadlineServer.LiveTimerJobs(server));
        var recount = Assert.Single(await driver.JournalAsync(waiting.Id), e => e.Type == JournalEntryTypes.DeadlineRecounted);
        Assert.Equal(("wait", "系统管理员"), (recount.StepId, recount.ActorName));
        using (var data = JsonDocument.Parse(recount.DataJson))
        {
            Assert.Equal(("timer", 2027), (data.RootElement.GetProperty("what").GetString(), data.RootElement.GetProperty("calendarYear").GetInt32()));
            Assert.Equal(atLeast, data.RootElement.GetProperty("previousAtLeast").GetDateTimeOffset());
            Assert.Equal(final, data.RootElement.GetProperty("endsAt").GetDateTimeOffset());
        }

        var due = new DateTimeOffset(2027, 1, 5, 0, 0, 0, Beijing);
        var recounted = Assert.Single((await driver.GetInstanceAsync(drafting.Id)).OpenTasks);
        Assert.Equal((due, null), (recounted.DueAt, recounted.DueProvisional));
        Assert.Equal(due, await server.WithDatabaseAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.DueAt).SingleAsync()));
        taskRows = await DeadlineServer.TimersAsync(server, drafting.Id);
        Assert.DoesNotContain(taskRows, r => r.Status == TimerRowStatus.Provisional);
        Assert.Contains(taskRows, r => r.Kind == TimerKinds.Escalation && r.TaskId == task.Id && r.Status == TimerRowStatus.Pending && r.DueAt > due);
        var taskRecount = Assert.Single(await driver.JournalAsync(drafting.Id), e => e.Type == JournalEntryTypes.DeadlineRecounted);
        Assert.Equal(("draft", task.Id), (taskRecount.StepId, taskRecount.TaskId));
        Assert.Empty((await admin.GetAsync("/api/admin/deadlines").ExpectAsync<DeadlineOverview>(HttpStatusCode.OK, server)).Provisional);

        // The wait ends at its final end, not a moment before; once; the journals verify.
        driver.MoveClockTo(final.AddMinutes(-1));
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Pending, (await DeadlineServer.TimersAsync(server, waiting.Id)).Single(t => t.Id == timer.Id).Status);
        driver.MoveClockTo(final);
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(server, timer.Id)).Status);
        Assert.Single(await DeadlineServer.JournalTypesAsync(server, waiting.Id), t => t == "TimerFired");
        Assert.True((await driver.VerifyJournalAsync(waiting.Id)).Valid);
        Assert.True((await driver.VerifyJournalAsync(drafting.Id)).Valid);
    }
}
