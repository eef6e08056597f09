using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Tests.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Mail;

/// <summary>
/// The MailKit sender against the real SMTP sink: STARTTLS with a throwaway certificate and AUTH, the MIME it builds
/// (multipart text + HTML, RFC 2047 headers, Message-ID from the event key), one pooled connection reused, a 5xx
/// refusal of one recipient failing that mail alone, and the .eml folder used when no SMTP server is configured.
/// </summary>
public sealed class MailKitSenderTests
{
    private const string User = "rolw-mailer";
    private const string Password = "s3cret-为了测试";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Mails_go_over_STARTTLS_with_AUTH_on_one_reused_connection_as_multipart_MIME_with_RFC_2047_headers(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions(StartTls: true, UserName: User, Password: Password));
        await using var server = await ServerFactory.StartAsync(provider, DeadlineServer.WorkflowsDirectory, f =>
        {
            DeadlineServer.Configure(f, smtp);
            f.Settings["Mail:Security"] = "StartTls";
            f.Settings["Mail:ServerCertificate"] = smtp.CertificatePath;
            f.Settings["Mail:UserName"] = User;
            f.Settings["Mail:Password"] = Password;
            // One connection at most: with the default two, two mails sent at the same moment (the outbox dispatches
            // each commit at once) may each open one, and reuse would then depend on timing.
            f.Settings["Mail:MaxConnections"] = "1";
        });
        using var driver = new ProcedureDriver(server);
        var first = await DeadlineServer.StartMatterAsync(driver, title: "示范县停车收费调整");
        await DeadlineServer.StartMatterAsync(driver, title: "示范县公交票价调整");

        var mails = await smtp.WaitForAsync(m => m.Count >= 2, what: "the two assignment mails");
        Assert.All(mails, m =>
        {
            Assert.True(m.Tls, "the mail did not come over STARTTLS");
            Assert.Equal(User, m.AuthUser);
            Assert.Equal(["drafter@example.gov.cn"], m.RcptTos);
            Assert.Equal("multipart/alternative", m.ContentType);
            // Chinese subject and sender name: RFC 2047 encoded words on the wire, the text itself once decoded.
            Assert.StartsWith("=?utf-8?", m.RawSubject, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("【新任务】", m.Subject, StringComparison.Ordinal);
            Assert.Contains("=?utf-8?", m.RawFrom, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("重大行政决策程序系统 <workflow@example.gov.cn>", m.From);
        });
        // Both mails on one connection: opened, authenticated once, reused.
        Assert.Single(mails.Select(m => m.Peer).Distinct());

        var mail = Assert.Single(mails, m => m.Subject.Contains("示范县停车收费调整", StringComparison.Ordinal));
        var link = $"https://decisions.example.gov.cn/matters/{first.MatterId}";
        Assert.Contains(link, mail.Body);
        Assert.Contains("起草方案", mail.Body);
        Assert.Contains($"<a href=\"{link}\">{link}</a>", mail.Html);
        Assert.Contains("起草方案", mail.Html);

        // The Message-ID is derived from the outbox row's event key, so a repeat of the same event carries the same id.
        var keys = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().Select(m => m.EventKey).ToListAsync());
        Assert.Equal(keys.Select(ExpectedMessageId).Order(), mails.Select(m => m.MessageId).Order());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task With_a_wrong_password_mails_wait_in_the_outbox_with_the_servers_refusal(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions(StartTls: true, UserName: User, Password: Password));
        await using var server = await ServerFactory.StartAsync(provider, DeadlineServer.WorkflowsDirectory, f =>
        {
            DeadlineServer.Configure(f, smtp);
            f.Settings["Mail:Security"] = "StartTls";
            f.Settings["Mail:ServerCertificate"] = smtp.CertificatePath;
            f.Settings["Mail:UserName"] = User;
            f.Settings["Mail:Password"] = "wrong";
        });
        using var driver = new ProcedureDriver(server);
        await DeadlineServer.StartMatterAsync(driver);

        // A configuration fault is not the recipient's: the mail stays Pending (retried with back-off), not Failed.
        var row = await WaitForRowAsync(server, m => m.Attempts >= 1 && m.Status != OutboxStatus.Sending);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Contains("Authentication credentials invalid", row.LastError);
        Assert.Empty(smtp.Mails());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_5xx_refusal_of_one_recipient_fails_that_mail_with_the_servers_reply_while_the_others_go_out(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions(Reject: "refused@example.gov.cn"));
        await using var server = await DeadlineServer.StartAsync(provider, smtp);
        var now = server.Clock.GetUtcNow();
        // Sent in this order: the refusal comes between two mails that are accepted.
        await AddRowsAsync(server, now, "first@example.gov.cn", "refused@example.gov.cn", "third@example.gov.cn");

        var mails = await smtp.WaitForAsync(m => m.Count >= 2, what: "the two accepted mails");
        Assert.Equal(["first@example.gov.cn", "third@example.gov.cn"], mails.SelectMany(m => m.RcptTos).Order().ToArray());
        // The refusal did not cost the connection: the mail after it went on the same one.
        Assert.Single(mails.Select(m => m.Peer).Distinct());

        var refused = await WaitForRowAsync(server, m => m.ToAddress == "refused@example.gov.cn" && m.Status != OutboxStatus.Sending && m.Attempts >= 1);
        Assert.Equal(OutboxStatus.Failed, refused.Status);
        Assert.Equal(1, refused.Attempts);
        Assert.Equal("550 5.1.1 <refused@example.gov.cn>: mailbox unavailable (the test sink refuses this recipient) (RCPT TO:<refused@example.gov.cn>)", refused.LastError);

        // A later mail goes out (the worker has made further passes) and the refused one was not tried again.
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        await AddRowsAsync(server, server.Clock.GetUtcNow(), "later@example.gov.cn");
        await smtp.WaitForAsync(m => m.Any(x => x.RcptTos.Contains("later@example.gov.cn")), what: "the later mail");
        await WaitForRowAsync(server, m => m.ToAddress == "later@example.gov.cn" && m.Status == OutboxStatus.Sent);
        var rows = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
        Assert.Equal(1, rows.Single(m => m.ToAddress == "refused@example.gov.cn").Attempts);
        Assert.All(rows.Where(m => m.ToAddress != "refused@example.gov.cn"), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Without_an_SMTP_server_mails_are_written_as_eml_files_and_the_start_up_log_says_where()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rolw-pickup-{Guid.NewGuid():N}");
        try
        {
            await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, DeadlineServer.WorkflowsDirectory, f =>
            {
                DeadlineServer.Configure(f, null);
                f.Settings["Mail:PickupDirectory"] = folder;
                f.LogLevel = LogLevel.Information;
            });
            using var driver = new ProcedureDriver(server);
            var instance = await DeadlineServer.StartMatterAsync(driver, title: "示范县停车收费调整");

            var row = await WaitForRowAsync(server, m => m.Status == OutboxStatus.Sent);
            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            using var message = await MimeMessage.LoadAsync(file);
            Assert.Equal(ExpectedMessageId(row.EventKey), $"<{message.MessageId}>");
            Assert.StartsWith("【新任务】示范县停车收费调整", message.Subject, StringComparison.Ordinal);
            Assert.Equal("drafter@example.gov.cn", Assert.Single(message.To.Mailboxes).Address);
            Assert.Contains($"/matters/{instance.MatterId}", message.TextBody);
            Assert.Contains($"/matters/{instance.MatterId}", message.HtmlBody);
            Assert.Contains(server.ServerLog, line => line.Contains(".eml", StringComparison.Ordinal) && line.Contains(folder, StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string ExpectedMessageId(string eventKey) =>
        $"<{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventKey)))[..32]}@rule-of-law.workflow>";

    private static Task AddRowsAsync(ServerFactory server, DateTimeOffset now, params string[] addresses) =>
        server.WithDatabaseAsync(async db =>
        {
            for (var i = 0; i < addresses.Length; i++)
            {
                db.Set<OutboxMessage>().Add(new OutboxMessage
                {
                    Id = Guid.NewGuid(), EventKey = $"test:{addresses[i]}", Kind = MailKinds.TaskAssigned, ToAddress = addresses[i],
                    Subject = $"【测试】{addresses[i]}", Body = "测试邮件。", Status = OutboxStatus.Pending,
                    CreatedAt = now, NextAttemptAt = now.AddMilliseconds(-100 + i),
                });
            }
            return await db.SaveChangesAsync();
        });

    private static async Task<OutboxMessage> WaitForRowAsync(ServerFactory server, Func<OutboxMessage, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
            if (rows.FirstOrDefault(done) is { } row)
            {
                return row;
            }
            Assert.True(DateTime.UtcNow < until, "no outbox row reached the expected state: " +
                string.Join("; ", rows.Select(r => $"{r.ToAddress} {r.Status} x{r.Attempts} {r.LastError}")) + server.DescribeServerLog());
            await Task.Delay(100);
        }
    }
}
