using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Scheduling;

namespace RuleOfLaw.Workflow.Server.Tests.Mail;

/// <summary>Mails through a real SMTP server: assignment, reminder before the due date, escalation after it; an outage loses nothing.</summary>
public sealed class DeadlineMailTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_reminder_and_an_escalation_arrive_as_real_mails_with_the_right_recipients_and_text(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await DeadlineServer.StartAsync(provider, smtp);
        using var driver = new ProcedureDriver(server);
        var instance = await DeadlineServer.StartMatterAsync(driver, title: "示范县停车收费调整");
        var task = Assert.Single(instance.OpenTasks);
        var due = task.DueAt!.Value;

        var assigned = await smtp.WaitForAsync(m => m.Any(x => x.Subject.StartsWith("【新任务】", StringComparison.Ordinal)), what: "the assignment mail");
        Assert.Equal(["drafter@example.gov.cn"], Assert.Single(assigned).RcptTos);

        // 72 hours before the due time (the default jurisdiction's first reminder).
        driver.MoveClockTo(due.AddHours(-72).AddMinutes(1));
        // Hangfire waits on the real clock, which does not jump 5 days: the reconciliation (at start-up and every
        // Scheduling:ReconcileIntervalSeconds in a server) enqueues what the jump made due.
        await DeadlineServer.ReconcileAsync(server);
        var reminders = await smtp.WaitForAsync(m => m.Any(x => x.Subject.StartsWith("【到期提醒】", StringComparison.Ordinal)), what: "the reminder");
        var reminder = Assert.Single(reminders, m => m.Subject.StartsWith("【到期提醒】", StringComparison.Ordinal));
        Assert.Equal(["drafter@example.gov.cn"], reminder.RcptTos);
        Assert.Contains("示范县停车收费调整", reminder.Subject);
        Assert.Contains("起草方案", reminder.Body);
        // The deadline in the jurisdiction's local time (Asia/Shanghai), and a link to the matter.
        Assert.Contains(TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm"), reminder.Body);
        Assert.Contains($"https://decisions.example.gov.cn/matters/{instance.MatterId}", reminder.Body);

        // Past the due time with the task still open: escalated to the unit head and the legality review office.
        driver.MoveClockTo(due.AddMinutes(1));
        await DeadlineServer.ReconcileAsync(server);
        var all = await smtp.WaitForAsync(m => m.Count(x => x.Subject.StartsWith("【逾期督办】", StringComparison.Ordinal)) >= 2, what: "the escalations");
        var escalations = all.Where(m => m.Subject.StartsWith("【逾期督办】", StringComparison.Ordinal)).ToList();
        Assert.Equal(["drafthead@example.gov.cn", "reviewer@example.gov.cn"], escalations.SelectMany(m => m.RcptTos).Order().ToArray());
        Assert.All(escalations, m => Assert.Contains("已超过办理期限", m.Body));

        // Every timer due by now has fired and every mail due is sent: only then is "nothing twice" a fact.
        await Quiescence.WaitUntilQuietAsync(server);
        var final = smtp.Mails();
        // The 24-hour reminder was passed over by the clock jump and fired too; nothing arrived twice.
        Assert.Equal(await Quiescence.SentAsync(server), final.Count);
        Assert.Equal(final.Count, final.Select(m => m.MessageId).Distinct().Count());
        var journal = await DeadlineServer.JournalTypesAsync(server, instance.Id);
        Assert.Contains("DeadlineReminder", journal);
        Assert.Contains("DeadlineEscalated", journal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task While_the_SMTP_server_is_down_mails_wait_and_each_arrives_exactly_once_when_it_returns(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await smtp.StopAsync();
        await using var server = await DeadlineServer.StartAsync(provider, smtp);
        using var driver = new ProcedureDriver(server);
        for (var i = 0; i < 3; i++)
        {
            await DeadlineServer.StartMatterAsync(driver, title: $"停机测试{i}");
        }
        // The worker tries, fails and backs off; nothing is lost.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.Attempts >= 1 && m.Status == OutboxStatus.Pending && m.LastError != null)))
        {
            Assert.True(DateTime.UtcNow < until, "the worker never tried while SMTP was down" + server.DescribeServerLog());
            await Task.Delay(100);
        }
        var queued = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().CountAsync());
        Assert.Equal(3, queued);

        await smtp.StartAgainAsync();
        server.Clock.Advance(TimeSpan.FromSeconds(10)); // past the back-off
        var mails = await smtp.WaitForAsync(m => m.Count >= 3, what: "the three assignment mails");
        await Quiescence.WaitUntilQuietAsync(server);
        mails = smtp.Mails();
        Assert.Equal(3, mails.Count);
        Assert.Equal(3, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.True(await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Sent)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_user_who_chose_the_daily_digest_gets_one_mail_at_the_digest_hour(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await DeadlineServer.StartAsync(provider, smtp);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        await (await drafter.PutAsJsonAsync("/api/mail/preference", new { delivery = "daily-digest", language = "zh" })).ExpectAsync(System.Net.HttpStatusCode.OK, server);
        using (var bad = await drafter.PutAsJsonAsync("/api/mail/preference", new { delivery = "hourly" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        }
        await DeadlineServer.StartMatterAsync(driver, title: "摘要测试一");
        await DeadlineServer.StartMatterAsync(driver, title: "摘要测试二");
        // The digest user's mails wait for the digest hour (their rows say so), and nothing else is due.
        var held = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
        Assert.Equal(2, held.Count);
        Assert.All(held, m => Assert.Equal((OutboxStatus.Pending, true, TestClock.DefaultStart.AddHours(23)), (m.Status, m.Digest, m.NextAttemptAt)));
        await Quiescence.WaitUntilQuietAsync(server);
        Assert.Empty(smtp.Mails());

        // Started 09:00 Beijing; the digest goes at 08:00 the next day.
        driver.MoveClockTo(TestClock.DefaultStart.AddHours(23).AddMinutes(1));
        var mails = await smtp.WaitForAsync(m => m.Count >= 1, what: "the digest");
        await Quiescence.WaitUntilQuietAsync(server);
        var digest = Assert.Single(smtp.Mails());
        Assert.StartsWith("【每日摘要】2条", digest.Subject);
        Assert.Contains("今日待办摘要（共2条）", digest.Body); // the recipient's language only (no preference: zh)
        Assert.DoesNotContain("Daily digest", digest.Body);
        Assert.Contains("摘要测试一", digest.Body);
        Assert.Contains("摘要测试二", digest.Body);
    }
}
