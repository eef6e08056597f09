using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// The memory of failed sign-ins, on the server's clock: per account and address, the consecutive failures that set a
/// growing delay (2 s, 4 s … up to <see cref="SignInOptions.MaxDelaySeconds"/>) before that address may try that
/// account again; per address, the failures within a window that throttle it for every account. Keyed by the
/// account's id, never by a name typed in, so unknown names cost nothing per name. Because the delay is per address,
/// someone guessing an administrator's password from their own address slows only themselves: the administrator signs
/// in from theirs.
/// </summary>
/// <remarks>
/// Kept in the database (<see cref="ISignInFailureStore"/>: table <c>RateLimitWindows</c>, the rows of the shared rate
/// limits; issue 18 item 3), so every node behind a balancer counts the same failures: an attacker spread over N nodes
/// gets the attempts of one, and an administrator's unlock on one node clears the delays on all. One row per partition
/// and second of failure, added to by the same atomic upsert as the rate limits: partition
/// <c>signin-address|{address}</c> for the address, <c>signin|{account id}|{address}</c> for the account from that
/// address. A sign-in reads each once (a handful of rows, summed here); a failure writes one or two rows, a success after
/// failures deletes that account's rows for its address. Times are kept to the second (a delay may end up to a second
/// early). Rows older than a day are pruned with the other windows (Cluster/PublicCacheSync), so an account's
/// failures from an address are forgotten a day after each was made, as the per-node memory forgot a quiet one.
/// </remarks>
public sealed class SignInThrottle(ISignInFailureStore store, TimeProvider clock, IOptionsMonitor<SignInOptions> options)
{
    private const string AddressPrefix = "signin-address|";
    private const string AccountPrefix = "signin|";

    private static string AddressPartition(string address) => AddressPrefix + address;

    private static string AccountPartition(string userId, string address) => $"{AccountPrefix}{userId}|{address}";

    /// <summary>How long <paramref name="address"/> must still wait before any sign-in; zero if it may try now.</summary>
    public async Task<TimeSpan> AddressWaitAsync(string address, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = settings.AddressWindowMinutes * 60L;
        // Failures older than the window no longer count (as the per-node queue expired them: at exactly now - window).
        var rows = await store.ReadAsync(AddressPartition(address), now - window, ct);
        return rows.Sum(r => r.Count) >= settings.AddressFailureLimit
            ? TimeSpan.FromSeconds(rows.Min(r => r.Second) + window - now)
            : TimeSpan.Zero;
    }

    /// <summary>
    /// How long <paramref name="address"/> must still wait before trying the account again (zero if it may), and the
    /// failures it has on the account since its last success (zero: nothing to clear on success).
    /// </summary>
    public async Task<(TimeSpan Wait, int Failures)> AccountWaitAsync(string userId, string address, CancellationToken ct)
    {
        var rows = await store.ReadAsync(AccountPartition(userId, address), null, ct);
        if (rows.Count == 0)
        {
            return (TimeSpan.Zero, 0);
        }
        var failures = rows.Sum(r => r.Count);
        var wait = DateTimeOffset.FromUnixTimeSeconds(rows.Max(r => r.Second)) + Delay(failures) - clock.GetUtcNow();
        return (wait > TimeSpan.Zero ? wait : TimeSpan.Zero, failures);
    }

    /// <summary>The delay after <paramref name="failures"/> consecutive failures.</summary>
    public TimeSpan Delay(int failures) => Delay(failures, options.CurrentValue);

    /// <summary>The delay after <paramref name="failures"/> consecutive failures under <paramref name="settings"/>.</summary>
    public static TimeSpan Delay(int failures, SignInOptions settings)
    {
        if (failures < settings.FreeAttempts)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - settings.FreeAttempts, 30);
        return TimeSpan.FromSeconds(Math.Min((double)settings.BaseDelaySeconds * (1L << doublings), settings.MaxDelaySeconds));
    }

    /// <summary>A failed attempt from <paramref name="address"/>, on an account (<paramref name="userId"/>) or an unknown name (null).</summary>
    public async Task FailedAsync(string? userId, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await store.AddAsync(AddressPartition(address), now, ct);
        if (userId is not null)
        {
            await store.AddAsync(AccountPartition(userId, address), now, ct);
        }
    }

    /// <summary>A successful sign-in: that address starts afresh with the account.</summary>
    public Task SucceededAsync(string userId, string address, CancellationToken ct) => store.DeleteAsync(AccountPartition(userId, address), ct);

    /// <summary>An administrator's unlock: every address starts afresh with the account, on every node.</summary>
    public Task ClearAsync(string userId, CancellationToken ct) => store.DeleteStartingWithAsync($"{AccountPrefix}{userId}|", ct);
}

/// <summary>
/// Where <see cref="SignInThrottle"/> keeps its counts: rows of (partition, second, count), shared by every node. The
/// implementation is the cluster's (Cluster/SignInFailureStore: table <c>RateLimitWindows</c>), scoped, on the
/// request's database context, so an unlock's clearing commits with the unlock.
/// </summary>
public interface ISignInFailureStore
{
    /// <summary>The partition's rows (a handful: an address stops being counted once throttled, an account from an address once it waits), those after <paramref name="afterSecond"/> when given.</summary>
    Task<IReadOnlyList<(long Second, int Count)>> ReadAsync(string partition, long? afterSecond, CancellationToken ct);

    /// <summary>Adds one failure to the partition's row of <paramref name="second"/>, atomically.</summary>
    Task AddAsync(string partition, long second, CancellationToken ct);

    Task DeleteAsync(string partition, CancellationToken ct);

    Task DeleteStartingWithAsync(string prefix, CancellationToken ct);
}
