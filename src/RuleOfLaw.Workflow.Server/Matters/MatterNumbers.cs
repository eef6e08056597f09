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
    /// Numbers like 2026-0007, per local year of creation: one above the year's highest number (not the year's count:
    /// a number skipped in a race would otherwise be drawn again and again until creation fails); the unique index
    /// catches a race. Compared as numbers, not strings, so 2026-10000 follows 2026-9999.
    /// </summary>
    public static async Task<string> NextAsync(WorkflowDbContext db, int localYear, CancellationToken ct)
    {
        var prefix = $"{localYear}-";
        var numbers = await db.Matters.AsNoTracking().Where(m => m.Number.StartsWith(prefix)).Select(m => m.Number).ToListAsync(ct);
        var highest = numbers.Select(n => int.TryParse(n.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0)
            .DefaultIfEmpty(0).Max();
        return $"{prefix}{highest + 1:D4}";
    }
}
