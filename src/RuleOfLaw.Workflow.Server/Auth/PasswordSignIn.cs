using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// Password sign-in for the API and the sign-in page alike (issue 16 item 5). One answer for everything that is not a
/// success (unknown name, wrong password, an account an administrator locked, an account this address must wait for),
/// so the answer tells nothing about the account; the password hash is computed in each case, so neither does the
/// time taken. Failures never lock an account: they delay that address for that account (<see cref="SignInThrottle"/>),
/// throttle an address that fails too often, and, from <see cref="SignInOptions.NotifyAfter"/> failures on, mail the
/// user (and the operators, when the account administers) so a person decides; an administrator's unlock clears them.
/// </summary>
public sealed partial class PasswordSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, SignInThrottle throttle, WorkflowDbContext db,
    ISignInAlerts alerts, TimeProvider clock, IOptionsMonitor<SignInOptions> options, ILogger<PasswordSignIn> logger)
{
    public const string NotificationKind = "sign-in-failures";

    /// <summary>A hash of nothing anyone knows, checked when there is no real one to check, so every answer costs the same.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "" }, Guid.NewGuid().ToString("N")));

    /// <summary>What happened: signed in (<see cref="User"/>), refused, or the address must wait (<see cref="RetryAfter"/>).</summary>
    public sealed record Outcome(AppUser? User, TimeSpan? RetryAfter)
    {
        public bool Succeeded => User is not null;
        public bool Throttled => RetryAfter is not null;
    }

    public async Task<Outcome> SignInAsync(string userName, string password, HttpContext http, CancellationToken ct)
    {
        // The connection's address, which is the real client's only behind a trusted proxy (ReverseProxy:*).
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.AddressWaitAsync(address, ct) is var wait && wait > TimeSpan.Zero)
        {
            LogThrottled(logger, address);
            return new Outcome(null, wait);
        }
        var user = await users.FindByNameAsync(userName);
        var (accountWait, failures) = user is null ? (TimeSpan.Zero, 0) : await throttle.AccountWaitAsync(user.Id, address, ct);
        if (user is null || accountWait > TimeSpan.Zero || await users.IsLockedOutAsync(user))
        {
            Decoy(password);
            await throttle.FailedAsync(null, address, ct);
            LogRefused(logger, user?.UserName ?? "(unknown name)", address, user is null ? "unknown name" : await users.IsLockedOutAsync(user) ? "locked" : "waiting");
            return new Outcome(null, null);
        }
        // Never Identity's lockout on failure: that would let anyone lock anyone out (the administrators included).
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            if (failures > 0)
            {
                await throttle.SucceededAsync(user.Id, address, ct);
            }
            return new Outcome(user, null);
        }
        await throttle.FailedAsync(user.Id, address, ct);
        // Counted on the account (any address, until the next successful sign-in): never locks, since
        // MaxFailedAccessAttempts is out of reach (Program.cs); the count decides the mails.
        await users.AccessFailedAsync(user);
        LogRefused(logger, user.UserName!, address, $"wrong password, {user.AccessFailedCount} since the last sign-in");
        await NotifyAsync(user, address, ct);
        return new Outcome(null, null);
    }

    private void Decoy(string password) => hasher.VerifyHashedPassword(new AppUser { DisplayName = "" }, DecoyHash.Value, password);

    /// <summary>At <see cref="SignInOptions.NotifyAfter"/> failures and each doubling: a mail to the user, and to the operators if the account administers.</summary>
    private async Task NotifyAsync(AppUser user, string address, CancellationToken ct)
    {
        var count = user.AccessFailedCount;
        var first = options.CurrentValue.NotifyAfter;
        if (count < first || count % first != 0 || !IsPowerOfTwo(count / first))
        {
            return;
        }
        var administers = await db.Memberships.AsNoTracking().AnyAsync(m => m.UserId == user.Id && (m.Role == Roles.Administrator || m.Role == Roles.Operator), ct);
        var recipients = new List<(string Id, string? Email)> { (user.Id, user.Email) };
        if (administers)
        {
            recipients.AddRange((await db.Memberships.AsNoTracking().Where(m => m.Role == Roles.Operator && m.UserId != user.Id).Select(m => m.UserId).Distinct()
                .Join(db.Users.AsNoTracking(), id => id, u => u.Id, (_, u) => new { u.Id, u.Email }).ToListAsync(ct)).Select(u => (u.Id, u.Email)));
        }
        var now = clock.GetUtcNow();
        foreach (var (id, email) in recipients)
        {
            alerts.Queue(
                $"{NotificationKind}:{user.Id}:{count}:{now.ToUnixTimeMilliseconds()}:{id}",
                NotificationKind,
                id,
                email,
                $"账户 {user.UserName} 登录失败{count}次 / {count} failed sign-ins for {user.UserName}",
                $"自上次成功登录以来，账户 {user.UserName} 已有{count}次登录失败，最近一次来自 {address}（{now:yyyy-MM-dd HH:mm} UTC）。" +
                    "账户没有被锁定；来自该地址的登录尝试正在逐次延迟。如果不是您本人，请告知系统管理员；管理员可在管理接口解除延迟" +
                    $"（POST /api/admin/users/{user.Id}/unlock）或锁定账户。\n\n" +
                    $"The account {user.UserName} has had {count} failed sign-ins since its last successful one, the latest from {address} " +
                    $"({now:yyyy-MM-dd HH:mm} UTC). The account is not locked; further attempts from that address are being delayed. If this was not you, " +
                    $"tell an administrator, who can clear the delays (POST /api/admin/users/{user.Id}/unlock) or lock the account.",
                now);
        }
        await db.SaveChangesAsync(ct);
        LogNotified(logger, user.UserName!, count, recipients.Count);
    }

    private static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Sign-in refused for {UserName} from {Address}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string userName, string address, string reason);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Sign-in throttled for the address {Address}: too many failed sign-ins")]
    private static partial void LogThrottled(ILogger logger, string address);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "{Count} failed sign-ins for {UserName}: mailed {Recipients} recipient(s)")]
    private static partial void LogNotified(ILogger logger, string userName, int count, int recipients);
}
