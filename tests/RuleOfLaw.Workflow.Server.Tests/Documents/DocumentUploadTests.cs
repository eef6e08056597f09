using System.Net;
using System.Net.Http.Headers;
using RuleOfLaw.Workflow.Engine.Journal;
using System.Text;
using System.Text.Json;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Documents;

/// <summary>The dossier's documents: versions are kept, uploads are journaled with their hash, bad files are refused.</summary>
public sealed class DocumentUploadTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes("示范县停车收费调整方案（征求意见稿）\n%%EOF\n")];

    private static MultipartFormDataContent Form(byte[] content, string fileName, string? kind = "draft", string? title = "决策草案", string? note = null)
    {
        var form = new MultipartFormDataContent();
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        if (title is not null) form.Add(new StringContent(title), "title");
        if (note is not null) form.Add(new StringContent(note), "note");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Versions_are_kept_journaled_with_their_hash_and_a_retry_adds_nothing(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var drafter = await driver.As("drafter");

        var first = await drafter.PostAsync($"/api/matters/{instance.MatterId}/documents", Form(Pdf, "草案.pdf"))
            .ExpectAsync<DocumentView>(HttpStatusCode.Created, server);
        Assert.Equal((DocumentKinds.Draft, 1, "application/pdf"), (first.Kind, first.LatestVersion, first.Versions[0].ContentType));

        var revised = Pdf.Concat("% 修改稿\n"u8.ToArray()).ToArray();
        using var secondRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/matters/{instance.MatterId}/documents/{first.Id}/versions")
        {
            Content = Form(revised, "草案（修改稿）.pdf", kind: null, title: null, note: "根据座谈会意见修改"),
        };
        secondRequest.Headers.Add("Idempotency-Key", "upload-v2");
        var second = await drafter.SendAsync(secondRequest).ExpectAsync<DocumentView>(HttpStatusCode.Created, server);
        Assert.Equal(2, second.LatestVersion);

        // A retry of the same upload (same key) is answered from the first time and adds no third version.
        using var retryRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/matters/{instance.MatterId}/documents/{first.Id}/versions")
        {
            Content = Form(revised, "草案（修改稿）.pdf", kind: null, title: null, note: "根据座谈会意见修改"),
        };
        retryRequest.Headers.Add("Idempotency-Key", "upload-v2");
        using var retry = await drafter.SendAsync(retryRequest);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());

        var list = await drafter.GetAsync($"/api/matters/{instance.MatterId}/documents").ExpectAsync<List<DocumentView>>(HttpStatusCode.OK, server);
        var document = Assert.Single(list);
        Assert.Equal([2, 1], document.Versions.Select(v => v.Number));
        Assert.Equal("根据座谈会意见修改", document.Versions[0].Note);

        // Both files come back byte for byte, and the journal holds each one's SM3 digest (issue 20 item 2), naming it.
        var reviewer = await driver.As("reviewer");
        Assert.Equal(Pdf, await reviewer.GetByteArrayAsync(document.Versions[1].ContentUrl));
        Assert.Equal(revised, await reviewer.GetByteArrayAsync(document.Versions[0].ContentUrl));
        var journaled = (await driver.JournalAsync(instance.Id)).Where(e => e.Type == "DocumentVersionAdded")
            .Select(e => JsonDocument.Parse(e.DataJson).RootElement)
            .Select(d => (d.GetProperty("digestAlgorithm").GetString(), d.GetProperty("digest").GetString())).ToList();
        Assert.Equal([("sm3", Convert.ToHexStringLower(Sm3.HashData(Pdf))), ("sm3", Convert.ToHexStringLower(Sm3.HashData(revised)))], journaled);
        Assert.Equal([("sm3", journaled[0].Item2), ("sm3", journaled[1].Item2)], document.Versions.Select(v => (v.DigestAlgorithm, (string?)v.Digest)).Reverse());
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Fact]
    public async Task Bad_uploads_are_refused_with_a_reason_and_write_nothing()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var drafter = await driver.As("drafter");
        var url = $"/api/matters/{instance.MatterId}/documents";

        // An executable renamed to .pdf: the content decides, not the name.
        var renamed = await drafter.PostAsync(url, Form([0x4D, 0x5A, 0x90, 0x00, 0x03], "草案.pdf")).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("file-type-not-allowed", renamed.Code);
        var script = await drafter.PostAsync(url, Form(Pdf, "草案.exe")).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("file-type-not-allowed", script.Code);

        var incomplete = await drafter.PostAsync(url, Form(Pdf, "草案.pdf", kind: "memo", title: " ")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("validation-failed", incomplete.Code);
        var errors = incomplete.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("title", out _), incomplete.Json.ToString());

        // The draft is the drafting unit's; the reviewer may file other kinds, not this one.
        var reviewer = await driver.As("reviewer");
        var notTheirs = await reviewer.PostAsync(url, Form(Pdf, "草案.pdf")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", notTheirs.Code);

        var tooLarge = new byte[(int)FileTypes.MaxLength + 1];
        "%PDF-"u8.CopyTo(tooLarge);
        var large = await drafter.PostAsync(url, Form(tooLarge, "草案.pdf")).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("file-too-large", large.Code);

        var notStarted = await driver.CreateMatterAsync("另一事项");
        var early = await drafter.PostAsync($"/api/matters/{notStarted.Id}/documents", Form(Pdf, "草案.pdf")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("procedure-not-started", early.Code);

        Assert.Empty(await drafter.GetAsync(url).ExpectAsync<List<DocumentView>>(HttpStatusCode.OK, server));
        Assert.DoesNotContain(await driver.JournalAsync(instance.Id), e => e.Type == "DocumentVersionAdded");
    }
}
