using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// Sends the outbox: claims a row (Pending → Sending, by a conditional update, so two servers never take the same
/// row), sends it, marks it Sent; on failure puts it back with exponential back-off. An SMTP outage loses nothing:
/// rows wait and go when the server answers again. Daily-digest rows of one user go out as one mail.
/// Run by two recurring Hangfire jobs (Scheduling/SchedulingStartup): the dispatch every Mail:PollSeconds, and the
/// daily digest at Mail:DigestHour; each occurrence runs on one server.
/// </summary>
public sealed partial class OutboxWorker(IServiceScopeFactory scopes, IOptionsMonitor<MailOptions> options, ILogger<OutboxWorker> logger)
{
    /// <summary>A claimed row is another server's to retry after this (its sender died mid-send).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>The recurring dispatch: everything due now (mails, retries whose back-off ended, digests whose hour came).</summary>
    [System.ComponentModel.DisplayName("邮件：发送待发邮件 Mail: send the outbox")]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task<int> DispatchAsync(CancellationToken ct) => PassAsync(ct);

    /// <summary>The daily digest, at Mail:DigestHour in the server's zone (digests of other zones go with the dispatch when their hour comes).</summary>
    [System.ComponentModel.DisplayName("邮件：每日摘要 Mail: daily digests")]
    public Task<int> DigestAsync(CancellationToken ct) => PassAsync(ct);

    private async Task<int> PassAsync(CancellationToken ct)
    {
        if (!options.CurrentValue.Enabled)
        {
            return 0;
        }
        try
        {
            return await RunOnceAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next occurrence tries again; a failed pass is logged, not retried on its own.
            LogPassFailed(logger, e);
            return 0;
        }
    }

    /// <summary>One pass over what is due now; returns how many mails were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
        var now = clock.GetUtcNow();
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(200).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due.Where(m => !m.Digest))
        {
            if (await ClaimAsync(db, message, now, ct))
            {
                sent += await SendAsync(db, sender, [message], new MailEnvelope(message.ToAddress, message.Subject, message.Body, MessageId(message.EventKey)), now, ct);
            }
        }
        foreach (var group in due.Where(m => m.Digest).GroupBy(m => (m.UserId, m.ToAddress)))
        {
            var claimed = new List<OutboxMessage>();
            foreach (var message in group)
            {
                if (await ClaimAsync(db, message, now, ct))
                {
                    claimed.Add(message);
                }
            }
            if (claimed.Count > 0)
            {
                // In the recipient's language, as each mail in it was (MailPreference.Language, zh by default).
                var language = group.Key.UserId is { } userId
                    ? await db.Set<MailPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Language).FirstOrDefaultAsync(ct)
                    : null;
                sent += await SendAsync(db, sender, claimed, Digest(claimed, language ?? "zh"), now, ct);
            }
        }
        return sent;
    }

    private static async Task<bool> ClaimAsync(WorkflowDbContext db, OutboxMessage m, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + Lease;
        return await db.Set<OutboxMessage>()
            .Where(x => x.Id == m.Id && x.Status == m.Status && x.NextAttemptAt == m.NextAttemptAt && x.Attempts == m.Attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OutboxStatus.Sending).SetProperty(x => x.NextAttemptAt, until), ct) == 1;
    }

    private async Task<int> SendAsync(WorkflowDbContext db, IMailSender sender, List<OutboxMessage> rows, MailEnvelope mail, DateTimeOffset now, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        try
        {
            await sender.SendAsync(mail, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The server is stopping (a rolling restart): the claimed rows go back now, for the next pass of any node,
            // instead of waiting out the lease. The mail may have reached the SMTP server; a repeat carries the same
            // Message-ID, so the recipient's mail system can tell it is one mail.
            await db.Set<OutboxMessage>().Where(x => ids.Contains(x.Id) && x.Status == OutboxStatus.Sending).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, OutboxStatus.Pending).SetProperty(x => x.NextAttemptAt, now), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            var attempts = rows.Max(r => r.Attempts) + 1;
            var backoff = TimeSpan.FromSeconds(Math.Min(o.MaxBackoffSeconds, o.RetryBaseSeconds * Math.Pow(2, attempts - 1)));
            // A permanent refusal (5xx to this recipient or this mail) is not retried: it is Failed with the server's reply.
            var status = e is MailRejectedException || attempts >= o.MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
            var error = (e.GetBaseException().Message is { Length: > 1900 } long_ ? long_[..1900] : e.GetBaseException().Message);
            await db.Set<OutboxMessage>().Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status).SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.NextAttemptAt, now + backoff).SetProperty(x => x.LastError, error), CancellationToken.None);
            LogSendFailed(logger, mail.To, attempts, status, error);
            return 0;
        }
        await db.Set<OutboxMessage>().Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, OutboxStatus.Sent).SetProperty(x => x.SentAt, now).SetProperty(x => x.Attempts, x => x.Attempts + 1)
            .SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
        return 1;
    }

    private static MailEnvelope Digest(List<OutboxMessage> rows, string language)
    {
        var (subject, heading) = MailTemplates.Digest(rows.Count, language);
        var body = new StringBuilder();
        body.Append(heading).Append("\n\n");
        foreach (var row in rows.OrderBy(r => r.CreatedAt))
        {
            body.Append("■ ").Append(row.Subject).Append('\n').Append(row.Body).Append('\n');
        }
        var first = rows.OrderBy(r => r.EventKey, StringComparer.Ordinal).First();
        return new MailEnvelope(first.ToAddress, subject, body.ToString(), MessageId("digest:" + first.EventKey));
    }

    private static string MessageId(string eventKey) =>
        $"<{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(eventKey)))[..32]}@rule-of-law.workflow>";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to {To} failed (attempt {Attempts}, now {Status}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, string to, int attempts, string status, string error);
}
