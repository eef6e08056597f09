using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Record;

/// <summary>The dossier export (第三十三条, issue 15 item 5) and its offline verification, on both databases.</summary>
public sealed class DossierExportTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes("示范县停车收费调整方案（送审稿）\n%%EOF\n")];

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_decided_matter_exports_a_dossier_that_verifies_and_a_changed_byte_or_entry_is_named(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var drafter = await driver.As("drafter");
        var document = await drafter.PostAsync($"/api/matters/{instance.MatterId}/documents", Form(Pdf, "送审稿.pdf"))
            .ExpectAsync<DocumentView>(HttpStatusCode.Created, server);
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");

        var zip = await ExportAsync(drafter, instance.Id, server);
        var verdict = DossierVerifier.Verify(new MemoryStream(zip));
        Assert.True(verdict.Valid, verdict.ToString());
        var journal = await driver.JournalAsync(instance.Id);
        Assert.Equal(journal.Count, verdict.JournalEntriesChecked);
        Assert.Equal(journal[^1].Hash, verdict.JournalHead);

        // What the dossier holds: the document as uploaded, the records, the summary.
        var files = Read(zip);
        var manifest = JsonSerializer.Deserialize<DossierManifest>(files[DossierFormat.ManifestPath], DossierFormat.Json)!;
        var draft = Assert.Single(manifest.Files, f => f.Role == DossierFormat.Roles.Document);
        Assert.Equal((document.Id, 1, "sm3", document.Versions[0].Digest), (draft.DocumentId!.Value, draft.Version!.Value, draft.RecordedDigestAlgorithm, draft.RecordedDigest));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), draft.Sha256);
        Assert.Equal(Pdf, files[draft.Path]);
        foreach (var record in new[] { "records/compliance-report.json", "records/meeting-minutes.json", "records/legality-opinion.json", "records/expert-opinions.json", DossierFormat.SummaryPath })
        {
            Assert.Contains(manifest.Files, f => f.Path == record);
        }
        var minutes = JsonNode.Parse(files["records/meeting-minutes.json"])!.AsArray();
        Assert.Equal("approved", (string?)Assert.Single(minutes)!["outcome"]);
        Assert.NotEmpty(JsonNode.Parse(files["records/legality-opinion.json"])!["findings"]!.AsArray());
        Assert.NotEmpty(JsonNode.Parse(files["records/legality-opinion.json"])!["counselOpinions"]!.AsArray());
        var summary = Encoding.UTF8.GetString(files[DossierFormat.SummaryPath]);
        Assert.Equal(instance.Id, manifest.Matter.Id);
        Assert.Contains(manifest.Matter.Number, summary);
        Assert.Contains(draft.Sha256, summary);

        // One byte of the document changed: the verifier names the document.
        var changedDocument = Change(zip, draft.Path, bytes => { bytes[^3] ^= 0x20; return bytes; });
        var documentVerdict = DossierVerifier.Verify(new MemoryStream(changedDocument));
        Assert.Equal((false, draft.Path), (documentVerdict.Valid, documentVerdict.Item));

        // One journal entry changed (the legality review's outcome): the verifier names that entry.
        var reviewed = journal.First(j => j.Type == "TaskCompleted" && j.StepId == "legality-review");
        var changedJournal = Change(zip, DossierFormat.JournalPath, bytes =>
        {
            var entries = JsonNode.Parse(bytes)!.AsArray();
            entries.Single(e => (long)e!["sequence"]! == reviewed.Sequence)!["outcome"] = "unlawful";
            return Encoding.UTF8.GetBytes(entries.ToJsonString());
        });
        var journalVerdict = DossierVerifier.Verify(new MemoryStream(changedJournal));
        Assert.Equal((false, $"journal entry {reviewed.Sequence}"), (journalVerdict.Valid, journalVerdict.Item));
        Assert.Contains("content does not match its hash", journalVerdict.Problem);

        // Someone who may not see the matter (the city's drafter) gets no dossier.
        var outsider = await driver.As("citydrafter");
        await outsider.GetAsync($"/api/matters/{instance.MatterId}/dossier").ReadProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The verifier as an archivist runs it: the server executable's <c>verify-dossier</c> command in its own process,
    /// with no configuration and no database, on the intact file and on the two changed ones.
    /// </summary>
    [Fact]
    public async Task The_verify_dossier_command_runs_offline_and_exits_non_zero_naming_the_failure()
    {
        string directory;
        byte[] zip;
        string documentPath;
        await using (var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite))
        {
            using var driver = new ProcedureDriver(server);
            var instance = await driver.StartNewAsync();
            var drafter = await driver.As("drafter");
            await drafter.PostAsync($"/api/matters/{instance.MatterId}/documents", Form(Pdf, "草案.pdf")).ExpectAsync(HttpStatusCode.Created, server);
            zip = await ExportAsync(drafter, instance.Id, server);
            documentPath = Read(zip).Keys.Single(k => k.StartsWith("documents/", StringComparison.Ordinal));
        }
        directory = Directory.CreateTempSubdirectory("rolw-dossier-").FullName;
        try
        {
            var good = Path.Combine(directory, "good.zip");
            var bad = Path.Combine(directory, "bad.zip");
            await File.WriteAllBytesAsync(good, zip);
            await File.WriteAllBytesAsync(bad, Change(zip, documentPath, bytes => { bytes[0] ^= 0x01; return bytes; }));

            var (okCode, okOutput) = await RunVerifierAsync(good);
            Assert.True(okCode == 0, okOutput);
            Assert.Contains("OK:", okOutput);
            var (badCode, badOutput) = await RunVerifierAsync(good, bad);
            Assert.True(badCode == 1, badOutput);
            Assert.Contains($"bad.zip: FAILED: {documentPath}:", badOutput);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> RunVerifierAsync(params string[] zips)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "RuleOfLaw.Workflow.Server.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { serverDll, VerifyDossierCommandName }.Concat(zips))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    private const string VerifyDossierCommandName = Server.Record.VerifyDossierCommand.Name;

    internal static async Task<byte[]> ExportAsync(HttpClient client, Guid matterId, ServerFactory server)
    {
        using var response = await client.GetAsync($"/api/matters/{matterId}/dossier");
        await response.ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(DocumentKinds.Draft), "kind" }, { new StringContent("决策草案"), "title" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private static Dictionary<string, byte[]> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
    }

    private static byte[] Change(byte[] zip, string path, Func<byte[], byte[]> change)
    {
        var files = Read(zip);
        files[path] = change(files[path]);
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
