using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Matters;

/// <summary>
/// A matter's number, shared by every path that creates a matter (<c>POST /api/matters</c>, a sub-procedure's child, a
/// replacing matter after the decision, a normative document).
/// </summary>
public static class MatterNumbers
{
    /// <summary>
    /// How many numbers one creation may draw before it answers 409. Each lost draw means another request stored its
    /// matter meanwhile, so of N requests at once the last one draws N times: the limit is for a runaway, not a race.
    /// </summary>
    public const int MaxDraws = 64;

    /// <summary>
    /// Numbers like 2026-0007, per local year of creation: one above the year's highest number (not the year's count:
    /// a number skipped in a race would otherwise be drawn again and again until creation fails); the unique index
    /// catches a race. Highest as a number, not as a string, so 2026-10000 follows 2026-9999: the longest, then the
    /// greatest of that length (the part after the year is digits only).
    /// </summary>
    public static async Task<string> NextAsync(WorkflowDbContext db, int localYear, CancellationToken ct)
    {
        var prefix = $"{localYear}-";
        var highest = await db.Matters.AsNoTracking().Where(m => m.Number.StartsWith(prefix))
            .OrderByDescending(m => m.Number.Length).ThenByDescending(m => m.Number).Select(m => m.Number).FirstOrDefaultAsync(ct);
        var value = highest is not null && int.TryParse(highest.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return $"{prefix}{value + 1:D4}";
    }

    /// <summary>
    /// A short random pause after a lost draw, growing with the attempts, so that the losers of one race do not all
    /// read the same highest number again at once.
    /// </summary>
    public static Task BackOffAsync(int attempt, CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * Math.Min(attempt, 16))), ct);
}
