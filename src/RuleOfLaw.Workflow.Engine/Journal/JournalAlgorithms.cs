using System.Security.Cryptography;

namespace RuleOfLaw.Workflow.Engine.Journal;

/// <summary>
/// The hash algorithms a journal entry may record (algorithm agility): each entry names the one its hash was computed
/// with, so entries written before a switch keep verifying with theirs. New entries use the engine's
/// <see cref="Execution.WorkflowEngine.JournalAlgorithm"/>.
/// </summary>
public static class JournalAlgorithms
{
    /// <summary>SHA-256 (FIPS 180-4): every entry written before algorithms were recorded.</summary>
    public const string Sha256 = "sha256";

    /// <summary>SM3 (GB/T 32905-2016), the commercial-cryptography hash (《密码法》, GB/T 39786-2021).</summary>
    public const string Sm3 = "sm3";

    public static IReadOnlyList<string> All { get; } = [Sha256, Sm3];

    public static bool IsKnown(string? algorithm) => algorithm is Sha256 or Sm3;

    /// <exception cref="ArgumentOutOfRangeException">The algorithm is not one of <see cref="All"/>.</exception>
    public static byte[] Digest(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        Sha256 => SHA256.HashData(data),
        Sm3 => Journal.Sm3.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, $"Unknown hash algorithm; known: {string.Join(", ", All)}."),
    };
}
