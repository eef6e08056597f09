using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>The hash that chains journal entries. Changing what goes in here invalidates every stored journal.</summary>
public static class JournalHash
{
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string LengthPrefixed(string? value) =>
        value is null ? "-" : $"{value.Length.ToString(CultureInfo.InvariantCulture)}:{value}";
}
