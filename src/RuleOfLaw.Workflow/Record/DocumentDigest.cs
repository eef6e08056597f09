using System.Security.Cryptography;
using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// The digest an uploaded document version is recorded with (issue 20 item 2): SM3 (GB/T 32905) for new uploads by
/// default, SHA-256 for those uploaded before, each row and journal entry naming its algorithm, so both verify, online
/// and in an exported dossier.
/// </summary>
public static class DocumentDigest
{
    public static bool IsKnown(string? algorithm) => JournalAlgorithms.IsKnown(algorithm);

    /// <summary>Lower-case hex of <paramref name="algorithm"/> (<c>sm3</c> or <c>sha256</c>) over <paramref name="content"/>.</summary>
    public static string Compute(string algorithm, ReadOnlySpan<byte> content) => algorithm switch
    {
        JournalAlgorithms.Sm3 => Convert.ToHexStringLower(Sm3.HashData(content)),
        JournalAlgorithms.Sha256 => Convert.ToHexStringLower(SHA256.HashData(content)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, $"Not a document digest algorithm; known: {string.Join(", ", JournalAlgorithms.All)}."),
    };
}
