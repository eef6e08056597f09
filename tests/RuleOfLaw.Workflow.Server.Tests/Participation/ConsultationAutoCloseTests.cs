using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Scheduling;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// A consultation closes by itself at the end of its period (第十五条, issue 4): a domain timer scheduled with the
/// publication (moved by an extension) closes it as the system, journaling count and hash once, and no comment is
/// accepted after.
/// </summary>
public sealed class ConsultationAutoCloseTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_consultation_closes_by_itself_at_the_end_and_refuses_comments_after(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var anonymous = server.CreateAnonymousClient();
        await CommentAsync(server, anonymous, consultation.Id, "支持调整。");

        var timer = Assert.Single(await CloseTimersAsync(server, matter.Id));
        Assert.Equal(TimerRowStatus.Pending, timer.Status);
        Assert.Equal(DefaultCloses, timer.DueAt);

        driver.MoveClockTo(DefaultCloses);
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(server, timer.Id)).Status);

        var view = await GetAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}");
        Assert.Equal("closed", view.Status);
        Assert.Equal(1, view.CommentCountAtClose);
        var close = Assert.Single(await driver.JournalAsync(matter.Id), e => e.Type == "ConsultationClosed");
        Assert.Equal("system", close.ActorId);
        using (var data = JsonDocument.Parse(close.DataJson))
        {
            Assert.Equal(1, data.RootElement.GetProperty("commentCount").GetInt32());
            Assert.Equal(view.CommentsHash, data.RootElement.GetProperty("commentsHash").GetString());
            Assert.True(data.RootElement.GetProperty("bySystem").GetBoolean());
        }
        using (var late = await CommentRawAsync(anonymous, consultation.Id, "迟到的意见。"))
        {
            Assert.Equal("consultation-closed", (await late.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        }

        // A manual close afterwards answers the closed consultation and journals nothing more; a second firing does nothing.
        Assert.Equal("closed", (await PostAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}/close", new { })).Status);
        using (var scope = server.Services.CreateScope())
        {
            Assert.Equal(TimerFiring.Outcome.NotPending, await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(timer.Id, default));
        }
        Assert.Single(await driver.JournalAsync(matter.Id), e => e.Type == "ConsultationClosed");
        Assert.True((await driver.VerifyJournalAsync(matter.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_extension_moves_the_automatic_close(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        var newEnd = DefaultCloses.AddDays(7);
        await PostAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}/extend", new { closesAt = newEnd, reason = "意见较多，延长7日。" });

        var timers = await CloseTimersAsync(server, matter.Id);
        Assert.Equal(TimerRowStatus.Cancelled, Assert.Single(timers, t => t.DueAt == DefaultCloses).Status);
        var moved = Assert.Single(timers, t => t.DueAt == newEnd);
        Assert.Equal(TimerRowStatus.Pending, moved.Status);

        // The old end passes: still open, comments accepted, the old timer does nothing even if its trigger runs.
        driver.MoveClockTo(DefaultCloses.AddHours(1));
        await DeadlineServer.ReconcileAsync(server);
        var old = timers.Single(t => t.DueAt == DefaultCloses);
        using (var scope = server.Services.CreateScope())
        {
            Assert.Equal(TimerFiring.Outcome.NotPending, await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(old.Id, default));
        }
        using var anonymous = server.CreateAnonymousClient();
        await CommentAsync(server, anonymous, consultation.Id, "延长期内的意见。");
        Assert.Equal("open", (await GetAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}")).Status);

        driver.MoveClockTo(newEnd);
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(server, moved.Id)).Status);
        var view = await GetAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}");
        Assert.Equal("closed", view.Status);
        Assert.Equal(1, view.CommentCountAtClose);
        Assert.Single(await driver.JournalAsync(matter.Id), e => e.Type == "ConsultationClosed");
    }

    private static Task<List<ScheduledTimer>> CloseTimersAsync(ServerFactory server, Guid matterId) =>
        server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.MatterId == matterId && t.Kind == ConsultationCloseTimer.TimerKind).ToListAsync());
}
