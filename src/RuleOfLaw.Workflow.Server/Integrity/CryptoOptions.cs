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

    /// <summary>
    /// The key ring file (journal MAC keys, the checkpoint signing key, data encryption keys). Empty:
    /// <c>keys/keyring.json</c> under the content root. Created with fresh keys when missing. Keep it out of the
    /// database's backups and readable only by the server's account (docs/security.md).
    /// </summary>
    public string? KeyRingFile { get; set; }

    /// <summary>A signed checkpoint of every journal head is made when the latest is older than this (hours; 0: only on request).</summary>
    public int CheckpointHours { get; set; } = 24;

    /// <summary>Mail addresses of the supervising bodies that receive each checkpoint (through the outbox).</summary>
    public List<string> CheckpointRecipients { get; set; } = [];

    public static string ResolveKeyRingFile(string? configured, string contentRoot) =>
        string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, "keys", "keyring.json") : Path.GetFullPath(configured, contentRoot);

    /// <summary>The problem with these settings, or null.</summary>
    public string? Problem() =>
        !JournalAlgorithms.IsKnown(HashAlgorithm) ? $"Crypto:HashAlgorithm \"{HashAlgorithm}\" is not one of {string.Join(", ", JournalAlgorithms.All)}."
        : CheckpointHours is < 0 or > 24 * 7 ? "Crypto:CheckpointHours must be 0-168 (at least daily is what the anchoring promises; 0 turns the timer off)."
        : null;
}
