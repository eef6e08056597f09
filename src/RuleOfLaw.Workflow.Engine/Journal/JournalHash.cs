using System.Globalization;
using System.Text;

namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>
/// The hash that chains journal entries, computed with the entry's own <see cref="JournalEntry.HashAlgorithm"/>.
/// Changing what goes in here invalidates every stored journal; a new algorithm is added, never swapped in.
/// </summary>
public static class JournalHash
{
    /// <summary>The previous hash of an instance's first entry (the same for every algorithm: both digests are 32 bytes).</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(JournalEntry e)
    {
        // One field per line, absent values as empty lines: unambiguous because no field may contain a raw newline
        // except Comment and DataJson, which are length-prefixed.
        var text = string.Join('\n',
            e.InstanceId.ToString("D"),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.Type,
            e.StepId ?? "",
            e.Iteration?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.TaskId?.ToString("D") ?? "",
            e.ActorId,
            e.ActorName,
            e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            e.Outcome ?? "",
            LengthPrefixed(e.Comment),
            LengthPrefixed(e.DataJson),
            e.PreviousHash);
        return Convert.ToHexStringLower(JournalAlgorithms.Digest(e.HashAlgorithm, Encoding.UTF8.GetBytes(text)));
    }

    private static string LengthPrefixed(string? value) =>
        value is null ? "-" : $"{value.Length.ToString(CultureInfo.InvariantCulture)}:{value}";
}
