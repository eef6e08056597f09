namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>
/// The server's clock under the test's control: it stands still until a test moves it, so "now" in a test is exact
/// (task creation, minimum periods, token expiry). Only wall-clock time is faked; timestamps and timers stay real, so
/// timeouts inside the framework still work.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing: a working day well inside the 2026 holiday calendar.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private long _utcTicks = start.UtcTicks;

    public TestClock() : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _utcTicks, by.Ticks);
    }

    /// <summary>Moves the clock to <paramref name="instant"/>; never backwards, like real time.</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        var now = GetUtcNow();
        if (instant < now)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"The clock cannot go back from {now:O}.");
        }
        Interlocked.Exchange(ref _utcTicks, instant.UtcTicks);
    }
}
