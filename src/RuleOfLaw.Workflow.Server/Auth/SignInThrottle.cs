using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// The memory of failed sign-ins (per server node, on the server's clock): per account and address, the consecutive
/// failures that set a growing delay (2 s, 4 s … up to <see cref="SignInOptions.MaxDelaySeconds"/>) before that
/// address may try that account again; per address, the failures within a window that throttle it for every
/// account. Keyed by the account's id, never by a name typed in, so unknown names cost no memory per name.
/// Because the delay is per address, someone guessing an administrator's password from their own address slows only
/// themselves: the administrator signs in from theirs.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptionsMonitor<SignInOptions> options)
{
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<(string UserId, string Address), Failures> _pairs = new();
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _addresses = new(StringComparer.Ordinal);

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Last;
    }

    /// <summary>How long <paramref name="address"/> must still wait before any sign-in; zero if it may try now.</summary>
    public TimeSpan AddressWait(string address)
    {
        if (!_addresses.TryGetValue(address, out var failures))
        {
            return TimeSpan.Zero;
        }
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(settings.AddressWindowMinutes);
        lock (failures)
        {
            Expire(failures, now - window);
            return failures.Count >= settings.AddressFailureLimit ? failures.Peek() + window - now : TimeSpan.Zero;
        }
    }

    /// <summary>How long <paramref name="address"/> must still wait before trying the account again; zero if it may.</summary>
    public TimeSpan AccountWait(string userId, string address)
    {
        if (!_pairs.TryGetValue((userId, address), out var failures))
        {
            return TimeSpan.Zero;
        }
        lock (failures)
        {
            var wait = failures.Last + Delay(failures.Count) - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <summary>The delay after <paramref name="failures"/> consecutive failures.</summary>
    public TimeSpan Delay(int failures)
    {
        var settings = options.CurrentValue;
        if (failures < settings.FreeAttempts)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - settings.FreeAttempts, 30);
        return TimeSpan.FromSeconds(Math.Min((double)settings.BaseDelaySeconds * (1L << doublings), settings.MaxDelaySeconds));
    }

    /// <summary>A failed attempt from <paramref name="address"/>, on an account (<paramref name="userId"/>) or an unknown name (null).</summary>
    public void Failed(string? userId, string address)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        var failures = _addresses.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures, now - TimeSpan.FromMinutes(options.CurrentValue.AddressWindowMinutes));
            failures.Enqueue(now);
        }
        if (userId is not null)
        {
            var pair = _pairs.GetOrAdd((userId, address), _ => new Failures());
            lock (pair)
            {
                pair.Count++;
                pair.Last = now;
            }
        }
    }

    /// <summary>A successful sign-in: that address starts afresh with the account.</summary>
    public void Succeeded(string userId, string address) => _pairs.TryRemove((userId, address), out _);

    /// <summary>An administrator's unlock: every address starts afresh with the account.</summary>
    public void Clear(string userId)
    {
        foreach (var key in _pairs.Keys.Where(k => k.UserId == userId))
        {
            _pairs.TryRemove(key, out _);
        }
    }

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset before)
    {
        while (failures.Count > 0 && failures.Peek() <= before)
        {
            failures.Dequeue();
        }
    }

    /// <summary>Forgets accounts and addresses not seen for a day, once the memory holds many.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_pairs.Count + _addresses.Count < PruneAbove)
        {
            return;
        }
        foreach (var (key, failures) in _pairs)
        {
            if (failures.Last < now - ForgetAfter)
            {
                _pairs.TryRemove(key, out _);
            }
        }
        var window = TimeSpan.FromMinutes(options.CurrentValue.AddressWindowMinutes);
        foreach (var (key, failures) in _addresses)
        {
            lock (failures)
            {
                Expire(failures, now - window);
                if (failures.Count == 0)
                {
                    _addresses.TryRemove(key, out _);
                }
            }
        }
    }
}
