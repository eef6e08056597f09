using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// Sends outbox mails with MailKit over <see cref="SmtpConnectionPool"/>'s reused connections, or writes them as
/// <c>.eml</c> files when <see cref="MailTransport.PickupDirectory"/> says so. Each mail has exactly one recipient (the
/// outbox holds one row per recipient), so a refused recipient fails that mail alone.
/// </summary>
public sealed partial class MailKitSender(
    SmtpConnectionPool pool, IOptionsMonitor<MailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<MailKitSender> logger)
    : IMailSender
{
    public async Task SendAsync(MailEnvelope mail, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        MimeMessage message;
        try
        {
            message = MimeMailBuilder.Build(mail, o, clock.GetUtcNow());
        }
        catch (ParseException e)
        {
            throw new MailRejectedException($"Invalid recipient address '{mail.To}': {e.Message}");
        }
        using (message)
        {
            if (MailTransport.PickupDirectory(o, environment) is { } folder)
            {
                await WriteAsync(folder, message, cancellationToken);
                return;
            }
            await SendSmtpAsync(o, message, cancellationToken);
        }
    }

    private async Task SendSmtpAsync(MailOptions o, MimeMessage message, CancellationToken cancellationToken)
    {
        // MailKit's Timeout bounds each read and write; this bounds the whole mail (connect, AUTH, envelope, data).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds) * 2));
        SmtpConnectionPool.Connection connection;
        try
        {
            connection = await pool.RentAsync(o, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No SMTP connection to {o.EffectiveHost}:{o.Port} within {o.TimeoutSeconds * 2} s.");
        }
        try
        {
            await connection.Client.SendAsync(MimeMailBuilder.Format, message, timeout.Token);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            // The server answered (and MailKit reset the transaction): the connection is fine for the next mail.
            pool.Return(connection);
            var reply = Reply(e);
            if ((int)e.StatusCode >= 500)
            {
                throw new MailRejectedException(reply);
            }
            throw new SmtpTemporaryFailureException(reply);
        }
        catch (Exception e)
        {
            await pool.DropAsync(connection);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Sending to {o.EffectiveHost}:{o.Port} took longer than {o.TimeoutSeconds * 2} s.");
            }
            throw;
        }
        pool.Return(connection);
    }

    /// <summary>The server's reply as the outbox shows it: code, text, and which command it answered.</summary>
    private static string Reply(SmtpCommandException e)
    {
        var reply = new StringBuilder().Append((int)e.StatusCode).Append(' ').Append(e.Message.Trim());
        return (e.ErrorCode, e.Mailbox) switch
        {
            (SmtpErrorCode.RecipientNotAccepted, { } m) => reply.Append(" (RCPT TO:<").Append(m.Address).Append(">)").ToString(),
            (SmtpErrorCode.MessageNotAccepted, _) => reply.Append(" (DATA)").ToString(),
            _ => reply.ToString(),
        };
    }

    /// <summary>One file per mail, named by its Message-ID (a repeat overwrites it), written whole or not at all.</summary>
    private async Task WriteAsync(string folder, MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, (message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0] + ".eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(MimeMailBuilder.Format, temporary, ct);
        File.Move(temporary, path, overwrite: true);
        LogWritten(logger, message.To.ToString(), path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to {To} written to {Path} (pickup folder, not sent)")]
    private static partial void LogWritten(ILogger logger, string to, string path);
}

/// <summary>A 4xx reply to the recipient or the data: the server asks to try again later (e.g. greylisting, mailbox full).</summary>
public sealed class SmtpTemporaryFailureException(string reply) : Exception(reply);
