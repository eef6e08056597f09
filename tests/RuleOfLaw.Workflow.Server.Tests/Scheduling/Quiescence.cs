using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Scheduling;

/// <summary>
/// The positive signal a test waits for before it asserts that nothing more happened (issue 19): every timer due by
/// the server's clock has left Pending, and every mail due to be sent, or being sent, is in a final state (Sent, Failed,
/// NoAddress).
/// From then on the workers have nothing left to do at this instant, so "no second mail" is a fact, not a guess
/// about how fast the worker is.
/// </summary>
public static class Quiescence
{
    private static readonly string[] FinalMailStates = [OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.NoAddress];

    public static async Task WaitUntilQuietAsync(ServerFactory server, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var now = server.Clock.GetUtcNow();
            // Compared in memory: SQLite cannot compare DateTimeOffset in SQL. Test databases are small.
            var timers = await server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking().Where(t => t.Status == TimerRowStatus.Pending).ToListAsync());
            var mails = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => !FinalMailStates.Contains(m.Status)).ToListAsync());
            var dueTimers = timers.Where(t => t.DueAt <= now).ToList();
            // A claimed row (Sending) is in flight whatever its NextAttemptAt says (that is its lease, 10 minutes ahead): the
            // SMTP server may already have the mail while the row is not yet marked Sent. Quiet means none is in flight.
            var dueMails = mails.Where(m => m.Status == OutboxStatus.Sending || m.NextAttemptAt <= now).ToList();
            if (dueTimers.Count == 0 && dueMails.Count == 0)
            {
                return;
            }
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Not quiet: timers still pending {string.Join(", ", dueTimers.Select(t => $"{t.Kind} due {t.DueAt:O}"))}; " +
                    $"mails not final {string.Join(", ", dueMails.Select(m => $"{m.Kind} {m.Status} (attempts {m.Attempts})"))}.{server.DescribeServerLog()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The mails recorded as sent: what the SMTP server must have received, each exactly once.</summary>
    public static Task<int> SentAsync(ServerFactory server) =>
        server.WithDatabaseAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Sent));
}
