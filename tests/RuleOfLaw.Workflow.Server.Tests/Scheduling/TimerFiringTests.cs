using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Administration;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// Timer steps of a procedure: a row written with the transition, a Hangfire job carrying its id, fired once
/// through the command service when the (test) clock reaches it, and never again.
/// </summary>
public sealed class TimerFiringTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_timer_step_fires_once_when_due_and_the_procedure_moves_on(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DeadlineServer.StartMatterAsync(driver);
        await DeadlineServer.CompleteAsync(driver, instance.Id, "draft", "done", "drafter");

        var timer = Assert.Single(await DeadlineServer.TimersAsync(server, instance.Id), t => t.Kind == TimerKinds.Workflow);
        Assert.Equal(TimerRowStatus.Pending, timer.Status);
        Assert.Contains(timer.Id.ToString(), DeadlineServer.LiveTimerJobs(server));
        // Not due yet: the trigger may run, the timer does not fire.
        using (var scope = server.Services.CreateScope())
        {
            Assert.Equal(TimerFiring.Outcome.NotDue, await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(timer.Id, default));
        }

        driver.MoveClockTo(timer.DueAt);
        await DeadlineServer.ReconcileAsync(server);
        var fired = await DeadlineServer.WaitUntilDoneAsync(server, timer.Id);

        Assert.Equal(TimerRowStatus.Fired, fired.Status);
        Assert.Equal(timer.DueAt, fired.FiredAt);
        var after = await driver.GetInstanceAsync(instance.Id);
        Assert.Equal("decide", Assert.Single(after.OpenTasks).StepId);
        Assert.Single(await DeadlineServer.JournalTypesAsync(server, instance.Id), t => t == "TimerFired");

        // Firing again (a duplicate trigger, a second node) changes nothing.
        using (var scope = server.Services.CreateScope())
        {
            Assert.Equal(TimerFiring.Outcome.NotPending, await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(timer.Id, default));
        }
        await DeadlineServer.ReconcileAsync(server);
        Assert.DoesNotContain(timer.Id.ToString(), DeadlineServer.LiveTimerJobs(server));
        Assert.Single(await DeadlineServer.JournalTypesAsync(server, instance.Id), t => t == "TimerFired");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_timer_due_while_the_server_was_stopped_fires_exactly_once_after_it_starts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid instanceId;
        ScheduledTimer timer;
        await using (var first = DeadlineServer.StartOn(database, TestClock.DefaultStart))
        {
            using var driver = new ProcedureDriver(first);
            instanceId = (await DeadlineServer.StartMatterAsync(driver)).Id;
            await DeadlineServer.CompleteAsync(driver, instanceId, "draft", "done", "drafter");
            timer = Assert.Single(await DeadlineServer.TimersAsync(first, instanceId), t => t.Kind == TimerKinds.Workflow);
        }

        // Started a day after the due time: the start-up reconciliation fires it, once.
        await using var second = DeadlineServer.StartOn(database, timer.DueAt.AddDays(1));
        var fired = await DeadlineServer.WaitUntilDoneAsync(second, timer.Id);
        Assert.Equal(TimerRowStatus.Fired, fired.Status);
        await DeadlineServer.ReconcileAsync(second);
        await Quiescence.WaitUntilQuietAsync(second);
        Assert.Single(await DeadlineServer.JournalTypesAsync(second, instanceId), t => t == "TimerFired");
        Assert.Equal(1, await second.WithDatabaseAsync(db => db.ProcessedCommands.CountAsync(c => c.Key == $"system:timer:{timer.Id}")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_deadline_in_a_year_without_a_calendar_is_provisional_not_a_trigger_in_year_9999(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DeadlineServer.StartMatterAsync(driver, DeadlineServer.IncidentDefinition);

        // 700 days from March 2026 ends in 2028, for which there is no holiday calendar: the engine gives only the
        // earliest end and MaxValue as the due time; the row waits for the calendar (Calendars/ProvisionalEngineDeadlineTests).
        var timer = Assert.Single(await DeadlineServer.TimersAsync(server, instance.Id));
        Assert.Equal(TimerRowStatus.Provisional, timer.Status);
        Assert.Equal(DateTimeOffset.MaxValue, timer.DueAt);
        Assert.Equal(2028, ProvisionalPayload.Read(timer.PayloadJson)?.CalendarYear);
        Assert.DoesNotContain(timer.Id.ToString(), DeadlineServer.LiveTimerJobs(server));

        var admin = await driver.As("admin");
        var overview = await admin.GetAsync("/api/admin/deadlines").ExpectAsync<DeadlineOverview>(System.Net.HttpStatusCode.OK, server);
        Assert.Contains(overview.Provisional, i => i.Id == timer.Id && i.DueAt == null && i.Note!.Contains("至少至", StringComparison.Ordinal));
        Assert.DoesNotContain(overview.Incidents, i => i.Id == timer.Id);
        var compliance = await (await admin.GetAsync($"/api/matters/{instance.MatterId}/compliance")).ReadJsonAsync();
        Assert.Contains("deadline-provisional", compliance.ToString());
        Assert.DoesNotContain("deadline-not-computable", compliance.ToString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    [SqlServerData]
    public async Task A_timer_due_while_the_instance_is_suspended_is_held_and_fires_when_it_resumes(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DeadlineServer.StartMatterAsync(driver);
        await DeadlineServer.CompleteAsync(driver, instance.Id, "draft", "done", "drafter");
        var timer = Assert.Single(await DeadlineServer.TimersAsync(server, instance.Id), t => t.Kind == TimerKinds.Workflow);
        var admin = await driver.As("admin");
        await admin.PostJsonAsync($"/api/instances/{instance.Id}/suspend", new { reason = "依法中止：等待上级意见" }).ExpectAsync(System.Net.HttpStatusCode.OK, server);

        driver.MoveClockTo(timer.DueAt.AddHours(1));
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Held, (await DeadlineServer.WaitUntilDoneAsync(server, timer.Id)).Status);
        Assert.DoesNotContain("TimerFired", await DeadlineServer.JournalTypesAsync(server, instance.Id));
        // The row's note is a catalog text (issue 12 item 5): in the reader's language, zh-CN without Accept-Language.
        async Task<TimerItem> HeldIn(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/deadlines");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            var reader = await driver.As("admin");
            var overview = await reader.SendAsync(request).ExpectAsync<DeadlineOverview>(System.Net.HttpStatusCode.OK, server);
            return Assert.Single(overview.Timers, t => t.Id == timer.Id);
        }
        var chinese = await HeldIn(null);
        var english = await HeldIn("en");
        Assert.Equal((TimerRowStatus.Held, "scheduling:note.held", "流程中止期间到期，恢复后触发。"), (chinese.Status, chinese.NoteCode, chinese.Note));
        Assert.Equal(("scheduling:note.held", "Due while the instance was suspended; fires when it resumes."), (english.NoteCode, english.Note));

        admin = await driver.As("admin");
        await admin.PostJsonAsync($"/api/instances/{instance.Id}/resume", new { reason = "已取得上级意见" }).ExpectAsync(System.Net.HttpStatusCode.OK, server);
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await DeadlineServer.TimersAsync(server, instance.Id)).Single(t => t.Id == timer.Id).Status != TimerRowStatus.Fired)
        {
            Assert.True(DateTime.UtcNow < until, "the held timer did not fire after resume" + server.DescribeServerLog());
            await Task.Delay(100);
        }
        Assert.Single(await DeadlineServer.JournalTypesAsync(server, instance.Id), t => t == "TimerFired");
    }

    /// <summary>
    /// No clock jump and no reconciliation: a timer due in a few seconds is fired by Hangfire's own delayed-job
    /// scheduler (and, on PostgreSQL, its queue), as every timer is in production.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_timer_due_in_seconds_is_fired_by_Hangfire_on_its_own(DatabaseProvider provider)
    {
        // No recurring reconciliation, and the start-up one finished before the timer exists: nothing else can enqueue it.
        await using var server = await ServerFactory.StartAsync(provider, DeadlineServer.WorkflowsDirectory, f =>
        {
            DeadlineServer.Configure(f, null);
            f.Settings["Scheduling:ReconcileIntervalSeconds"] = "0";
            f.LogLevel = Microsoft.Extensions.Logging.LogLevel.Information;
        });
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!server.ServerLog.Any(l => l.Contains("Timers reconciled", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < until, "no start-up reconciliation" + server.DescribeServerLog());
            await Task.Delay(100);
        }
        using var driver = new ProcedureDriver(server);
        var instance = await DeadlineServer.StartMatterAsync(driver, DeadlineServer.IncidentDefinition);
        var matterId = Guid.Parse(instance.MatterId);
        var dueAt = server.Clock.GetUtcNow().AddSeconds(3);
        Guid timerId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var timers = scope.ServiceProvider.GetRequiredService<DomainTimers>();
            timerId = await timers.AddAsync(EvaluationDueHandler.TimerKind, matterId.ToString(), dueAt, null, matterId, null, default);
            await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
            await timers.ArmAfterCommitAsync(default);
        }
        Assert.Contains(timerId.ToString(), DeadlineServer.LiveTimerJobs(server));
        // The test clock stands still; let it pass the due time as real time will have by the time the job runs.
        server.Clock.MoveTo(dueAt);

        var fired = await DeadlineServer.WaitUntilDoneAsync(server, timerId);
        Assert.Equal(TimerRowStatus.Fired, fired.Status);
        Assert.Equal(dueAt, fired.FiredAt);
    }
}
