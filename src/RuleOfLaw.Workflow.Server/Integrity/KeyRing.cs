using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Integrity;

/// <summary>
/// The deployment's secret keys, kept in a file outside the database (<c>Crypto:KeyRingFile</c>), so that whoever
/// holds only the database can neither forge the journal's MACs nor sign a checkpoint nor read encrypted data.
/// Each purpose has a list of keys; the last is current (used for new records), the earlier ones stay to verify and
/// decrypt what they protected. Every record names the key id it used, so rotating never invalidates anything.
/// </summary>
public sealed class KeyRing
{
    public const string JournalMac = "journal-mac";
    public const string CheckpointSigning = "checkpoint-sm2";
    public const string DataEncryption = "data-sm4";

    public static IReadOnlyList<string> Purposes { get; } = [JournalMac, CheckpointSigning, DataEncryption];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private KeyRingFile _file;

    public KeyRing(IOptions<CryptoOptions> options, IHostEnvironment environment, TimeProvider clock)
    {
        _clock = clock;
        Path = CryptoOptions.ResolveKeyRingFile(options.Value.KeyRingFile, environment.ContentRootPath);
        (_file, Created) = LoadOrCreate();
    }

    /// <summary>The key ring file this deployment uses.</summary>
    public string Path { get; }

    /// <summary>True when this process created the file (a new deployment, or the first start of this version).</summary>
    public bool Created { get; }

    public sealed record Key(string Id, string Purpose, string Material, DateTimeOffset CreatedAt)
    {
        [JsonIgnore] public byte[] Bytes => Convert.FromHexString(Material);
    }

    private sealed record KeyRingFile(int Version, List<Key> Keys);

    public Key Current(string purpose)
    {
        lock (_lock)
        {
            return _file.Keys.Last(k => k.Purpose == purpose);
        }
    }

    public Key? Find(string purpose, string id)
    {
        lock (_lock)
        {
            return _file.Keys.FirstOrDefault(k => k.Purpose == purpose && k.Id == id);
        }
    }

    public IReadOnlyList<Key> All(string purpose)
    {
        lock (_lock)
        {
            return _file.Keys.Where(k => k.Purpose == purpose).ToList();
        }
    }

    /// <summary>Adds a new current key for <paramref name="purpose"/> and writes the file; old keys stay for verifying and decrypting.</summary>
    public Key Rotate(string purpose)
    {
        lock (_lock)
        {
            var number = _file.Keys.Count(k => k.Purpose == purpose) + 1;
            var key = NewKey(purpose, number, _clock.GetUtcNow());
            var next = _file with { Keys = [.. _file.Keys, key] };
            Write(next, overwrite: true);
            _file = next;
            return key;
        }
    }

    private (KeyRingFile File, bool Created) LoadOrCreate()
    {
        if (!File.Exists(Path))
        {
            var now = _clock.GetUtcNow();
            var fresh = new KeyRingFile(1, [.. Purposes.Select(p => NewKey(p, 1, now))]);
            if (Write(fresh, overwrite: false))
            {
                return (fresh, true);
            }
        }
        var file = JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(Path), Json)
            ?? throw new InvalidOperationException($"The key ring {Path} is empty.");
        var missing = Purposes.Where(p => file.Keys.All(k => k.Purpose != p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The key ring {Path} has no key for {string.Join(", ", missing)}.");
        }
        return (file, false);
    }

    /// <summary>Writes atomically (a temporary file moved into place); false when another process created the file first.</summary>
    private bool Write(KeyRingFile file, bool overwrite)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(file, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, Path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(Path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private static Key NewKey(string purpose, int number, DateTimeOffset now)
    {
        var material = purpose == CheckpointSigning ? SmCrypto.NewSm2KeyPair().PrivateKey : RandomNumberGenerator.GetBytes(16 + (purpose == JournalMac ? 16 : 0));
        return new Key($"{purpose}-{number}", purpose, Convert.ToHexStringLower(material), now);
    }
}
