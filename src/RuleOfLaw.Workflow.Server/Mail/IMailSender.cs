using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>One outgoing mail. <paramref name="MessageId"/> is stable per outbox event, so a receiving server can recognise a repeat.</summary>
public sealed record MailEnvelope(string To, string Subject, string Body, string MessageId);

/// <summary>Sends one mail or throws. Behind an interface so the transport can change (and tests can use a real SMTP server).</summary>
public interface IMailSender
{
    Task SendAsync(MailEnvelope mail, CancellationToken cancellationToken);
}

/// <summary>SMTP through System.Net.Mail (MailKit is not in our registry).</summary>
public sealed class SmtpMailSender(IOptionsMonitor<MailOptions> options) : IMailSender
{
    public async Task SendAsync(MailEnvelope mail, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        using var client = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.UseTls,
            Timeout = o.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }
        using var message = new MailMessage
        {
            From = new MailAddress(o.From, o.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = mail.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("Message-ID", mail.MessageId);
        await client.SendMailAsync(message, cancellationToken);
    }
}
