using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Mail;
using RuleOfLaw.Workflow.Server.Tests.Scheduling;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>The drafting unit is mailed (real SMTP) when its consultation opens and when it closes by itself (第十五条).</summary>
public sealed class ConsultationMailTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_drafting_unit_gets_a_mail_when_the_consultation_opens_and_when_it_closes(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = await DeadlineServer.StartAsync(provider, smtp);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);

        static bool Opened(ReceivedMail m) => m.Subject.StartsWith("【公开征求意见】", StringComparison.Ordinal);
        static bool Closed(ReceivedMail m) => m.Subject.StartsWith("【征求意见结束】", StringComparison.Ordinal);
        var opened = (await smtp.WaitForAsync(m => m.Count(Opened) >= 2, what: "the opening mails")).Where(Opened).ToList();
        Assert.Equal(["drafter@example.gov.cn", "drafthead@example.gov.cn"], opened.SelectMany(m => m.RcptTos).Order().ToArray());
        Assert.All(opened, m => Assert.Contains(consultation.Title, m.Body));
        Assert.All(opened, m => Assert.Contains($"https://decisions.example.gov.cn/matters/{matter.Id}", m.Body));
        // The end in local time (Asia/Shanghai) as the pages show it: the period ends at 1 April 24:00 (民法典 art. 203),
        // not "2 April 00:00".
        Assert.All(opened, m => Assert.Contains("2026-04-01 24:00 (Asia/Shanghai)", m.Body));
        Assert.All(opened, m => Assert.DoesNotContain("2026-04-02 00:00", m.Body));
        Assert.DoesNotContain(smtp.Mails(), Closed);

        driver.MoveClockTo(DefaultCloses);
        await DeadlineServer.ReconcileAsync(server);
        var closed = (await smtp.WaitForAsync(m => m.Count(Closed) >= 2, what: "the closing mails")).Where(Closed).ToList();
        Assert.Equal(["drafter@example.gov.cn", "drafthead@example.gov.cn"], closed.SelectMany(m => m.RcptTos).Order().ToArray());
        Assert.All(closed, m => Assert.Contains("第十八条", m.Body));

        await Quiescence.WaitUntilQuietAsync(server);
        var all = smtp.Mails();
        Assert.Equal(2, all.Count(Opened));
        Assert.Equal(2, all.Count(Closed));
    }
}
