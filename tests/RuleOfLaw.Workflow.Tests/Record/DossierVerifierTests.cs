using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Record;

namespace RuleOfLaw.Workflow.Tests.Record;

/// <summary>The offline dossier verifier names the first thing that fails (issue 15 item 5); no server, no database.</summary>
public sealed class DossierVerifierTests
{
    private static readonly Guid Instance = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid Version1 = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Version2 = Guid.Parse("0193a000-0000-7000-8000-0000000000a2");
    private static readonly byte[] Draft = Encoding.UTF8.GetBytes("示范县城区停车收费调整方案（草案）");
    private static readonly byte[] Revised = Encoding.UTF8.GetBytes("示范县城区停车收费调整方案（修改稿）");
    private const string DraftPath = "documents/draft/v1-draft.txt";
    private const string RevisedPath = "documents/draft/v2-draft.txt";

    [Fact]
    public void An_untouched_dossier_verifies_and_reports_its_head()
    {
        var (zip, journal) = Build();
        var result = DossierVerifier.Verify(new MemoryStream(zip));
        Assert.True(result.Valid, result.ToString());
        Assert.Equal(4, result.FilesChecked);
        Assert.Equal(5, result.JournalEntriesChecked);
        Assert.Equal(journal[^1].Hash, result.JournalHead);
    }

    [Fact]
    public void One_changed_byte_in_a_document_names_the_document()
    {
        var (zip, _) = Build();
        var changed = Rewrite(zip, DraftPath, bytes => { bytes[3] ^= 0x01; return bytes; });
        var result = DossierVerifier.Verify(new MemoryStream(changed));
        Assert.False(result.Valid);
        Assert.Equal(DraftPath, result.Item);
        Assert.Contains("the manifest says", result.Problem);
    }

    [Fact]
    public void One_changed_journal_entry_names_the_entry()
    {
        var (zip, _) = Build();
        var changed = Rewrite(zip, DossierFormat.JournalPath, bytes =>
        {
            var array = JsonNode.Parse(bytes)!.AsArray();
            array[2]!["comment"] = "同意（改）";
            return Encoding.UTF8.GetBytes(array.ToJsonString());
        });
        var result = DossierVerifier.Verify(new MemoryStream(changed));
        Assert.False(result.Valid);
        Assert.Equal("journal entry 3", result.Item);
        Assert.Contains("content does not match its hash", result.Problem);
    }

    [Fact]
    public void A_document_replaced_together_with_its_manifest_line_is_caught_by_the_journal()
    {
        var (zip, _) = Build();
        var forged = Encoding.UTF8.GetBytes("另一份草案");
        var forgedHash = Convert.ToHexStringLower(SHA256.HashData(forged));
        var changed = Rewrite(zip, DraftPath, _ => forged);
        changed = Rewrite(changed, DossierFormat.ManifestPath, bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            var file = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == DraftPath)!;
            file["sha256"] = forgedHash;
            file["recordedDigest"] = forgedHash;
            file["length"] = forged.Length;
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        var result = DossierVerifier.Verify(new MemoryStream(changed));
        Assert.False(result.Valid);
        Assert.Equal(DraftPath, result.Item);
        Assert.Contains("journal entry 2 recorded", result.Problem);
    }

    [Fact]
    public void An_SM3_document_replaced_together_with_its_manifest_line_is_caught_by_the_journal()
    {
        var (zip, _) = Build();
        var forged = Encoding.UTF8.GetBytes("另一份修改稿");
        var changed = Rewrite(zip, RevisedPath, _ => forged);
        changed = Rewrite(changed, DossierFormat.ManifestPath, bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            var file = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == RevisedPath)!;
            Assert.Equal("sm3", (string?)file["recordedDigestAlgorithm"]);
            file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(forged));
            file["recordedDigest"] = Convert.ToHexStringLower(Sm3.HashData(forged));
            file["length"] = forged.Length;
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        var result = DossierVerifier.Verify(new MemoryStream(changed));
        Assert.False(result.Valid);
        Assert.Equal(RevisedPath, result.Item);
        Assert.Contains("its SM3 is", result.Problem);
        Assert.Contains("journal entry 5 recorded", result.Problem);
    }

    [Fact]
    public void A_dossier_exported_before_digests_named_their_algorithm_still_verifies()
    {
        var (zip, _) = Build();
        // The old manifest line: recordedSha256 instead of recordedDigestAlgorithm and recordedDigest.
        var old = Rewrite(zip, DossierFormat.ManifestPath, bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            var file = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == DraftPath)!.AsObject();
            file["recordedSha256"] = (string?)file["recordedDigest"];
            file.Remove("recordedDigest");
            file.Remove("recordedDigestAlgorithm");
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        Assert.True(DossierVerifier.Verify(new MemoryStream(old)).Valid);

        // ... and a recorded SHA-256 that does not match still fails, as it did.
        var wrong = Rewrite(old, DossierFormat.ManifestPath, bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == DraftPath)!["recordedSha256"] = new string('0', 64);
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        var result = DossierVerifier.Verify(new MemoryStream(wrong));
        Assert.Equal(DraftPath, result.Item);
        Assert.Contains("was recorded at upload", result.Problem);
    }

    [Fact]
    public void An_unknown_digest_algorithm_is_named_not_thrown()
    {
        var (zip, _) = Build();
        var changed = Rewrite(zip, DossierFormat.ManifestPath, bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == RevisedPath)!["recordedDigestAlgorithm"] = "md5";
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        var result = DossierVerifier.Verify(new MemoryStream(changed));
        Assert.Equal(RevisedPath, result.Item);
        Assert.Contains("unknown algorithm \"md5\"", result.Problem);
    }

    [Fact]
    public void A_journal_cut_at_the_end_fails_against_the_head_the_instance_recorded()
    {
        var (zip, journal) = Build();
        var cut = journal.Take(3).ToList();
        var changed = Rewrite(zip, DossierFormat.JournalPath, _ => JsonSerializer.SerializeToUtf8Bytes(cut, DossierFormat.Json));
        var result = DossierVerifier.Verify(new MemoryStream(changed));
        Assert.False(result.Valid);
        Assert.Equal("journal entry 4", result.Item);
        Assert.Contains("the instance recorded 5 entries", result.Problem);
    }

    [Fact]
    public void A_file_missing_or_added_is_named()
    {
        var (zip, _) = Build();
        var removed = Rewrite(zip, "records/compliance-report.json", _ => null);
        Assert.Equal("records/compliance-report.json", DossierVerifier.Verify(new MemoryStream(removed)).Item);

        var added = Rewrite(zip, "documents/extra.txt", _ => [1, 2, 3]);
        var result = DossierVerifier.Verify(new MemoryStream(added));
        Assert.Equal("documents/extra.txt", result.Item);
        Assert.Contains("not listed", result.Problem);
    }

    [Fact]
    public void Not_a_zip_and_no_manifest_are_named()
    {
        Assert.Equal("(zip)", DossierVerifier.Verify(new MemoryStream([1, 2, 3, 4])).Item);
        var (zip, _) = Build();
        Assert.Equal(DossierFormat.ManifestPath, DossierVerifier.Verify(new MemoryStream(Rewrite(zip, DossierFormat.ManifestPath, _ => null))).Item);
    }

    /// <summary>
    /// A five-entry journal (SHA-256, then SM3 after the algorithm switch, docs/security.md) with two uploads: one
    /// recorded as the server did before issue 20 (<c>sha256</c>), one with its SM3 digest and algorithm named.
    /// </summary>
    private static (byte[] Zip, List<DossierJournalEntry> Journal) Build()
    {
        var at = new DateTimeOffset(2026, 3, 2, 1, 2, 3, 456, TimeSpan.Zero);
        var draftHash = Convert.ToHexStringLower(SHA256.HashData(Draft));
        var upload = JsonSerializer.Serialize(new { documentId = Guid.Empty, versionId = Version1, kind = "draft", sha256 = draftHash });
        var revisedDigest = DocumentDigest.Compute(JournalAlgorithms.Sm3, Revised);
        var revision = JsonSerializer.Serialize(new { documentId = Guid.Empty, versionId = Version2, kind = "draft", digestAlgorithm = "sm3", digest = revisedDigest });
        var entries = new List<JournalEntry>();
        var previous = JournalHash.Genesis;
        (string Type, string? Step, string? Comment, string Data, string Algorithm)[] rows =
        [
            ("InstanceStarted", null, null, "{}", JournalAlgorithms.Sha256),
            ("DocumentVersionAdded", null, null, upload, JournalAlgorithms.Sha256),
            ("TaskCompleted", "initiation", "同意", "{}", JournalAlgorithms.Sm3),
            ("TaskOpened", "public-participation", null, "{}", JournalAlgorithms.Sm3),
            ("DocumentVersionAdded", null, null, revision, JournalAlgorithms.Sm3),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var entry = new JournalEntry(Instance, i + 1, rows[i].Type, rows[i].Step, rows[i].Step is null ? null : 1, null, "u1", "王承办",
                at.AddMinutes(i), null, rows[i].Comment, rows[i].Data, previous, "") { HashAlgorithm = rows[i].Algorithm };
            entry = entry with { Hash = JournalHash.Compute(entry) };
            previous = entry.Hash;
            entries.Add(entry);
        }
        var journal = entries.Select(e => DossierJournalEntry.From(e)).ToList();
        var matter = new DossierMatter(Instance, "2026-001", "示范县城区停车收费调整方案", "gov", "示范县人民政府", "drc", "示范县发展和改革局",
            "major-administrative-decision", 4, "running");
        using var output = new MemoryStream();
        DossierWriter.Write(output, matter, at.AddDays(1), "档案员", journal, 5, previous,
        [
            new DossierFile(DraftPath, DossierFormat.Roles.Document, Draft, "草案", Guid.Empty, "draft", 1, Version1, JournalAlgorithms.Sha256, draftHash),
            new DossierFile(RevisedPath, DossierFormat.Roles.Document, Revised, "修改稿", Guid.Empty, "draft", 2, Version2, JournalAlgorithms.Sm3, revisedDigest),
            new DossierFile("records/compliance-report.json", DossierFormat.Roles.Record, Encoding.UTF8.GetBytes("{\"items\":[]}")),
        ]);
        return (output.ToArray(), journal);
    }

    /// <summary>The ZIP with <paramref name="path"/> replaced (or added) by what <paramref name="change"/> returns, or removed on null.</summary>
    private static byte[] Rewrite(byte[] zip, string path, Func<byte[], byte[]?> change)
    {
        var files = new List<(string Path, byte[] Content)>();
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                files.Add((entry.FullName, memory.ToArray()));
            }
        }
        var index = files.FindIndex(f => f.Path == path);
        var replaced = change(index >= 0 ? files[index].Content : []);
        if (index >= 0)
        {
            files.RemoveAt(index);
        }
        if (replaced is not null)
        {
            files.Add((path, replaced));
        }
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }
}
