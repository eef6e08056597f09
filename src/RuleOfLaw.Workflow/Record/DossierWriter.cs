using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace RuleOfLaw.Workflow.Record;

/// <summary>A file to put in a dossier: its path in the ZIP, its bytes, and what it is.</summary>
public sealed record DossierFile(
    string Path, string Role, byte[] Content, string? Title = null,
    Guid? DocumentId = null, string? DocumentKind = null, int? Version = null, Guid? VersionId = null,
    string? RecordedDigestAlgorithm = null, string? RecordedDigest = null);

/// <summary>
/// Writes a dossier ZIP (<see cref="DossierFormat"/>): the files, the journal, then the manifest listing each with its
/// SHA-256 computed from the bytes written. The one place the layout is produced, so the export and the tests agree.
/// </summary>
public static class DossierWriter
{
    public static DossierManifest Write(
        Stream output, DossierMatter matter, DateTimeOffset exportedAt, string exportedBy,
        IReadOnlyList<DossierJournalEntry> journal, long? recordedEntries, string? recordedHead, IEnumerable<DossierFile> files)
    {
        var entries = new List<DossierFileEntry>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var journalBytes = JsonSerializer.SerializeToUtf8Bytes(journal, DossierFormat.Json);
            var all = new List<DossierFile> { new(DossierFormat.JournalPath, DossierFormat.Roles.Journal, journalBytes, "决策过程日志（哈希链）Journal") };
            all.AddRange(files);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in all)
            {
                if (!seen.Add(file.Path) || file.Path == DossierFormat.ManifestPath)
                {
                    throw new ArgumentException($"The dossier path '{file.Path}' is used twice.", nameof(files));
                }
                Add(zip, file.Path, file.Content);
                entries.Add(new DossierFileEntry(
                    file.Path, file.Role, Convert.ToHexStringLower(SHA256.HashData(file.Content)), file.Content.LongLength, file.Title,
                    file.DocumentId, file.DocumentKind, file.Version, file.VersionId, null, file.RecordedDigestAlgorithm, file.RecordedDigest));
            }
            var head = journal.Count == 0 ? Engine.Journal.JournalHash.Genesis : journal[^1].Hash;
            var manifest = new DossierManifest(
                DossierFormat.Name, matter, exportedAt, exportedBy,
                new DossierJournalInfo(DossierFormat.JournalPath, journal.Count, head, recordedEntries, recordedHead), entries,
                "每个文件的SHA-256见files；文档上传时记录的摘要及其算法见recordedDigestAlgorithm、recordedDigest（sm3或sha256）；日志每条记录的哈希算法见其hashAlgorithm（sha256或sm3）；MAC需部署密钥，离线不可验证。" +
                " Each file's SHA-256 is listed; each document version's upload digest with its algorithm (sm3 or sha256); each journal entry names its hash algorithm; MACs need the deployment's key and are not checked offline.");
            Add(zip, DossierFormat.ManifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, DossierFormat.Json));
            return manifest;
        }
    }

    private static void Add(ZipArchive zip, string path, byte[] content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
