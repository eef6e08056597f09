using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>Configuration section <c>Crypto</c>: the algorithms of new records (docs/security.md).</summary>
public sealed class CryptoOptions
{
    public const string Section = "Crypto";

    /// <summary>
    /// Hash algorithm of new journal entries and document digests: <c>sm3</c> (default) or <c>sha256</c>. Records
    /// keep the algorithm they were written with, so changing this never invalidates what is stored.
    /// </summary>
    public string HashAlgorithm { get; set; } = JournalAlgorithms.Sm3;

    /// <summary>The problem with these settings, or null.</summary>
    public string? Problem() =>
        JournalAlgorithms.IsKnown(HashAlgorithm) ? null
            : $"Crypto:HashAlgorithm \"{HashAlgorithm}\" is not one of {string.Join(", ", JournalAlgorithms.All)}.";
}
