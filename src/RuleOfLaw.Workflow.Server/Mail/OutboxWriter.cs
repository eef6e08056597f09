using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Mail;

/// <summary>
/// Adds outbox rows to the current context (never saves): the caller's transaction decides whether they exist.
/// One row per recipient, keyed <c>{eventKey}:{userId}</c>, so a repeated event adds nothing.
/// </summary>
public sealed class OutboxWriter(WorkflowDbContext db, TimeProvider clock, IOptionsMonitor<MailOptions> options, MailLinks links)
{
    /// <summary>The users holding <paramref name="role"/> in <paramref name="organizationId"/>.</summary>
    public Task<List<string>> HoldersAsync(string role, string organizationId, CancellationToken ct) =>
        db.Memberships.Where(m => m.Role == role && m.OrganizationId == organizationId).Select(m => m.UserId).Distinct().ToListAsync(ct);

    public async Task<int> EnqueueAsync(string eventKey, string kind, IEnumerable<string> userIds, MailFacts facts, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return 0;
        }
        // The addresses and the preferences in one round trip (a left join).
        var users = await db.Users.Where(u => ids.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, db.Set<MailPreference>().FirstOrDefault(p => p.UserId == u.Id)))
            .ToListAsync(ct);
        return await AddAsync(eventKey, kind, users, facts, ct);
    }

    /// <summary>
    /// As <see cref="EnqueueAsync"/> to the holders of <paramref name="role"/> in <paramref name="organizationId"/>
    /// (<see cref="HoldersAsync"/>): holders, addresses and preferences in one round trip. Every task opened mails its
    /// assignees this way, so every transition pays it (issue 21 goal 2).
    /// </summary>
    public async Task<int> EnqueueToHoldersAsync(string eventKey, string kind, string role, string organizationId, MailFacts facts, CancellationToken ct)
    {
        var holders = db.Memberships.Where(m => m.Role == role && m.OrganizationId == organizationId).Select(m => m.UserId);
        var users = await db.Users.Where(u => holders.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, db.Set<MailPreference>().FirstOrDefault(p => p.UserId == u.Id)))
            .ToListAsync(ct);
        return await AddAsync(eventKey, kind, users, facts, ct);
    }

    private sealed record Recipient(string Id, string? Email, MailPreference? Preference);

    private async Task<int> AddAsync(string eventKey, string kind, List<Recipient> users, MailFacts facts, CancellationToken ct)
    {
        if (users.Count == 0)
        {
            return 0;
        }
        var preferences = users.Where(u => u.Preference is not null).ToDictionary(u => u.Id, u => u.Preference!);
        var keys = users.Select(u => $"{eventKey}:{u.Id}").ToList();
        var existing = (await db.Set<OutboxMessage>().Where(m => keys.Contains(m.EventKey)).Select(m => m.EventKey).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var user in users)
        {
            var key = $"{eventKey}:{user.Id}";
            if (existing.Contains(key) || db.Set<OutboxMessage>().Local.Any(m => m.EventKey == key))
            {
                continue;
            }
            var preference = preferences.GetValueOrDefault(user.Id);
            var digest = preference?.Delivery == MailPreference.DailyDigest;
            var (subject, body) = MailTemplates.Render(kind, facts, preference?.Language ?? "zh", links.BaseUrl);
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                EventKey = key,
                Kind = kind,
                UserId = user.Id,
                ToAddress = user.Email ?? "",
                Subject = subject,
                Body = body,
                MatterId = facts.MatterId,
                Status = string.IsNullOrWhiteSpace(user.Email) ? OutboxStatus.NoAddress : OutboxStatus.Pending,
                Digest = digest,
                CreatedAt = now,
                NextAttemptAt = digest ? NextDigest(now, facts.TimeZone) : now,
            });
            added++;
        }
        return added;
    }

    /// <summary>The next digest hour in <paramref name="zone"/> after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDigest(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var at = new DateTime(local.Year, local.Month, local.Day, options.CurrentValue.DigestHour, 0, 0, DateTimeKind.Unspecified);
        if (at <= local.DateTime)
        {
            at = at.AddDays(1);
        }
        return new DateTimeOffset(at, zone.GetUtcOffset(at)).ToUniversalTime();
    }
}
