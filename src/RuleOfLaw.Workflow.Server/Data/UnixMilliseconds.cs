using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RuleOfLaw.Workflow.Server.Data;

/// <summary>
/// Instants that are compared and ordered in queries (due times, next attempts) are stored as UTC milliseconds:
/// SQLite cannot compare or order DateTimeOffset text, and an integer orders the same on both databases.
/// </summary>
/// <remarks><see cref="DateTimeOffset.MaxValue"/> (the engine's "cannot compute") reads back as itself, not 0.9999 ms short of it.</remarks>
public sealed class UnixMilliseconds() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(), v => FromMilliseconds(v))
{
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMilliseconds(long v) => v >= Max ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeMilliseconds(v);
}
