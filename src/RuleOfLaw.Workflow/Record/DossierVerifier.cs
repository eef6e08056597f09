using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Journal;

namespace RuleOfLaw.Workflow.Record;

/// <summary>
/// The verdict on a dossier: valid, or the first thing that fails (<see cref="Item"/>: a file path or
/// <c>journal entry N</c>) and why. <see cref="JournalHead"/> is the head the journal verified to, for comparison with
/// a published checkpoint (docs/security.md).
/// </summary>
public sealed record DossierVerification(
    bool Valid, string? Item, string? Problem, int FilesChecked, long JournalEntriesChecked, string? JournalHead, string? MatterNumber,
    int? SignaturesVerified = null, int Unsigned = 0)
{
    public override string ToString() => Valid
        ? $"OK: {MatterNumber}: {FilesChecked} files and {JournalEntriesChecked} journal entries verified; {Signatures}; journal head {JournalHead}"
        : $"FAILED: {Item}: {Problem}";

    private string Signatures => SignaturesVerified is { } verified
        ? $"{verified} SM2 signature{(verified == 1 ? "" : "s")} verified, {Unsigned} statement{(Unsigned == 1 ? "" : "s")} unsigned (recorded before signatures)"
        : "no signatures file (exported before signatures were exported)";
}

/// <summary>
/// Checks an exported dossier without the server or its database, in this order, and stops at the first failure:
/// the manifest; the journal's hash chain entry by entry (each with the algorithm it names, SHA-256 or SM3) and its
/// length and head against what the instance recorded; every listed file's SHA-256; every document version against the
/// digest (SM3 or SHA-256, as named) its upload wrote into the journal (<c>DocumentVersionAdded</c>), so a document replaced together with its
/// manifest line is still caught; every signed statement's SM2 signature (<see cref="DossierSignatureCheck"/>); and no
/// file in the ZIP that the manifest does not list. The journal comes before
/// the file hashes so that a changed entry is named by its sequence rather than as a changed journal file.
/// </summary>
public static class DossierVerifier
{
    public static DossierVerification Verify(Stream zipStream)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            return Fail("(zip)", $"not a readable ZIP file: {e.Message}");
        }
        using (zip)
        {
            return Verify(zip);
        }
    }

    private static DossierVerification Verify(ZipArchive zip)
    {
        var byPath = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (!byPath.TryAdd(entry.FullName, entry))
            {
                return Fail(entry.FullName, "appears twice in the ZIP");
            }
        }
        if (!byPath.TryGetValue(DossierFormat.ManifestPath, out var manifestEntry))
        {
            return Fail(DossierFormat.ManifestPath, "missing");
        }
        DossierManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DossierManifest>(Read(manifestEntry), DossierFormat.Json);
        }
        catch (JsonException e)
        {
            return Fail(DossierFormat.ManifestPath, $"not valid JSON: {e.Message}");
        }
        if (manifest?.Files is null || manifest.Journal is null || manifest.Matter is null)
        {
            return Fail(DossierFormat.ManifestPath, "incomplete (matter, journal or files missing)");
        }
        if (manifest.Format != DossierFormat.Name)
        {
            return Fail(DossierFormat.ManifestPath, $"format \"{manifest.Format}\" is not {DossierFormat.Name}");
        }

        // 1. The journal chain.
        if (!byPath.TryGetValue(manifest.Journal.Path, out var journalEntry))
        {
            return Fail(manifest.Journal.Path, "missing");
        }
        List<DossierJournalEntry>? journal;
        try
        {
            journal = JsonSerializer.Deserialize<List<DossierJournalEntry>>(Read(journalEntry), DossierFormat.Json);
        }
        catch (JsonException e)
        {
            return Fail(manifest.Journal.Path, $"not valid JSON: {e.Message}");
        }
        if (journal is null)
        {
            return Fail(manifest.Journal.Path, "empty");
        }
        var chain = JournalVerifier.Verify(journal.Select(j => j.ToEntry()), manifest.Journal.RecordedEntries, manifest.Journal.RecordedHead);
        if (!chain.Valid)
        {
            return Fail($"journal entry {chain.FirstBrokenSequence}", chain.Problem!, journalChecked: chain.EntriesChecked);
        }
        var head = journal.Count == 0 ? JournalHash.Genesis : journal.OrderBy(j => j.Sequence).Last().Hash;
        if (journal.Count != manifest.Journal.Entries || head != manifest.Journal.Head)
        {
            return Fail(manifest.Journal.Path,
                $"holds {journal.Count} entries ending in {head}, but the manifest says {manifest.Journal.Entries} ending in {manifest.Journal.Head}",
                journalChecked: journal.Count);
        }

        // 2. Every listed file's hash.
        var uploads = UploadHashes(journal);
        var files = 0;
        foreach (var file in manifest.Files)
        {
            if (!byPath.TryGetValue(file.Path, out var entry))
            {
                return Fail(file.Path, "listed in the manifest but missing from the ZIP", files, journal.Count);
            }
            var actual = Convert.ToHexStringLower(SHA256.HashData(Read(entry)));
            if (actual != file.Sha256)
            {
                return Fail(file.Path, $"its SHA-256 is {actual}, the manifest says {file.Sha256} (the file was changed after export)", files, journal.Count);
            }
            // 3. A document version against the digest its upload wrote into the journal, each with the algorithm it names.
            if (file.Role == DossierFormat.Roles.Document)
            {
                var content = Read(entry);
                if (file.Recorded is var (algorithm, digest))
                {
                    if (!DocumentDigest.IsKnown(algorithm))
                    {
                        return Fail(file.Path, $"its recorded digest names the unknown algorithm \"{algorithm}\"", files, journal.Count);
                    }
                    var recomputed = DocumentDigest.Compute(algorithm, content);
                    if (recomputed != digest)
                    {
                        return Fail(file.Path, $"its {Label(algorithm)} is {recomputed}, but {digest} was recorded at upload", files, journal.Count);
                    }
                }
                if (file.VersionId is { } versionId && uploads.TryGetValue(versionId, out var journaled))
                {
                    if (!DocumentDigest.IsKnown(journaled.Algorithm))
                    {
                        return Fail(file.Path, $"journal entry {journaled.Sequence} names the unknown digest algorithm \"{journaled.Algorithm}\"", files, journal.Count);
                    }
                    var recomputed = DocumentDigest.Compute(journaled.Algorithm, content);
                    if (journaled.Digest != recomputed)
                    {
                        return Fail(file.Path,
                            $"its {Label(journaled.Algorithm)} is {recomputed}, but journal entry {journaled.Sequence} recorded {journaled.Digest} when it was uploaded", files, journal.Count);
                    }
                }
                else if (file.VersionId is not null)
                {
                    return Fail(file.Path, "no DocumentVersionAdded entry in the journal records this version", files, journal.Count);
                }
            }
            files++;
        }

        // 4. The signed statements (SM2), against the keys the dossier publishes and the journal's record of each signature.
        int? signed = null;
        var unsigned = 0;
        if (manifest.Files.FirstOrDefault(f => f.Role == DossierFormat.Roles.Signatures) is { } signaturesFile)
        {
            DossierSignatures? signatures;
            try
            {
                signatures = JsonSerializer.Deserialize<DossierSignatures>(Read(byPath[signaturesFile.Path]), DossierFormat.Json);
            }
            catch (JsonException e)
            {
                return Fail(signaturesFile.Path, $"not valid JSON: {e.Message}", files, journal.Count);
            }
            if (signatures?.Keys is null || signatures.Statements is null)
            {
                return Fail(signaturesFile.Path, "incomplete (keys or statements missing)", files, journal.Count);
            }
            var checkedSignatures = DossierSignatureCheck.Check(signaturesFile.Path, signatures, journal);
            if (checkedSignatures.Failure is var (item, problem))
            {
                return Fail(item, problem, files, journal.Count);
            }
            (signed, unsigned) = (checkedSignatures.Signed, checkedSignatures.Unsigned);
        }

        // 5. Nothing unlisted.
        var listed = manifest.Files.Select(f => f.Path).Append(DossierFormat.ManifestPath).ToHashSet(StringComparer.Ordinal);
        if (byPath.Keys.FirstOrDefault(p => !listed.Contains(p)) is { } extra)
        {
            return Fail(extra, "in the ZIP but not listed in the manifest", files, journal.Count);
        }
        return new DossierVerification(true, null, null, files, journal.Count, head, manifest.Matter.Number, signed, unsigned);
    }

    private static string Label(string algorithm) => algorithm == JournalAlgorithms.Sm3 ? "SM3" : "SHA-256";

    /// <summary>
    /// The digest each <c>DocumentVersionAdded</c> entry recorded, by version id: <c>digestAlgorithm</c> and
    /// <c>digest</c>, or <c>sha256</c> in the entries written before digests named their algorithm.
    /// </summary>
    private static Dictionary<Guid, (long Sequence, string Algorithm, string Digest)> UploadHashes(IEnumerable<DossierJournalEntry> journal)
    {
        var result = new Dictionary<Guid, (long, string, string)>();
        foreach (var entry in journal.Where(j => j.Type == DossierFormat.DocumentVersionAdded))
        {
            try
            {
                using var data = JsonDocument.Parse(entry.DataJson);
                if (!data.RootElement.TryGetProperty("versionId", out var id) || !id.TryGetGuid(out var versionId))
                {
                    continue;
                }
                if (data.RootElement.TryGetProperty("digest", out var digest) && digest.GetString() is { } value)
                {
                    var algorithm = data.RootElement.TryGetProperty("digestAlgorithm", out var named) ? named.GetString() ?? "" : "";
                    result[versionId] = (entry.Sequence, algorithm, value);
                }
                else if (data.RootElement.TryGetProperty("sha256", out var sha) && sha.GetString() is { } hash)
                {
                    result[versionId] = (entry.Sequence, JournalAlgorithms.Sha256, hash);
                }
            }
            catch (JsonException)
            {
                // The chain already proved the entry is as written; an entry whose data is not an upload record is not one.
            }
        }
        return result;
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static DossierVerification Fail(string item, string problem, int files = 0, long journalChecked = 0) =>
        new(false, item, problem, files, journalChecked, null, null);
}
