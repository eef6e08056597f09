namespace RuleOfLaw.Workflow.Bench;

/// <summary>
/// The system clock plus an offset the timers benchmark can move: real seconds pass at the real rate (Hangfire
/// waits on the real clock), but the run does not have to wait a day and a half for its timers.
/// </summary>
public sealed class BenchClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
