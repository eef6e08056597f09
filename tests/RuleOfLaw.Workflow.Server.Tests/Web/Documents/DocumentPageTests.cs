using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Documents;

/// <summary>
/// The dossier's documents page: real multipart forms with the antiforgery token, through the API's upload rules. Each
/// test counts only its own matter's rows, so they share one server per database (<see cref="SharedServers"/>, issue 17 item 8).
/// </summary>
public sealed class DocumentPageTests(SharedServers servers) : IClassFixture<SharedServers>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes("示范县停车收费调整方案（征求意见稿）\n%%EOF\n")];

    /// <summary>Posts <paramref name="form"/> as multipart/form-data with its hidden fields, <paramref name="fields"/> and one file.</summary>
    private static async Task<(HttpStatusCode Status, IHtmlDocument Page, string Location)> UploadAsync(
        WebSession web, IHtmlFormElement form, Dictionary<string, string> fields, byte[] file, string fileName)
    {
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(bytes, "file", fileName);
        using var response = await web.Client.PostAsync(form.GetAttribute("action"), content);
        var location = response.RequestMessage!.RequestUri!.PathAndQuery;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            location = response.Headers.Location!.ToString();
            return (HttpStatusCode.Redirect, await new HtmlParser().ParseDocumentAsync(await web.Client.GetStringAsync(location)), location);
        }
        return (response.StatusCode, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()), location);
    }

    /// <summary>The stored versions of the matter's documents (the tests share a server: only their own matter's count).</summary>
    private static Task<int> VersionsAsync(ServerFactory server, string matterId)
    {
        var id = Guid.Parse(matterId);
        return server.WithDatabaseAsync(db => db.Set<DocumentVersion>().CountAsync(v => db.Set<MatterDocument>().Any(d => d.Id == v.DocumentId && d.MatterId == id)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_drafter_uploads_a_draft_and_a_new_version_and_a_second_click_adds_nothing(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        var page = await web.GetAsync($"/matters/{instance.MatterId}/documents");
        Assert.NotNull(page.QuerySelector("#no-documents"));
        var form = WebSession.Form(page, "#upload-form");
        var (status, listed, location) = await UploadAsync(web, form, new() { ["kind"] = "draft", ["title"] = "决策草案" }, Pdf, "草案.pdf");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/matters/{instance.MatterId}/documents", location);
        Assert.Contains("决策草案", listed.QuerySelector("section.document h2")!.TextContent);
        Assert.Equal("v1", listed.QuerySelector("table.versions tbody tr th")!.TextContent.Trim());

        // The same form submitted again (a second click: same form key) is answered from the first time.
        (status, _, _) = await UploadAsync(web, form, new() { ["kind"] = "draft", ["title"] = "决策草案" }, Pdf, "草案.pdf");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(1, await VersionsAsync(server, instance.MatterId));

        var versionForm = WebSession.Form(listed, "section.document form");
        (status, listed, _) = await UploadAsync(web, versionForm, new() { ["note"] = "根据座谈会意见修改" }, [.. Pdf, .. "% 修改稿\n"u8], "草案（修改稿）.pdf");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(["v2", "v1"], listed.QuerySelectorAll("table.versions tbody tr th").Select(th => th.TextContent.Trim()));
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.Journal.CountAsync(j => j.InstanceId == instance.Id && j.Type == "DocumentVersionAdded")));
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_next_to_the_file_field_and_nothing_is_written()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        var form = WebSession.Form(await web.GetAsync($"/matters/{instance.MatterId}/documents"), "#upload-form");
        var (status, page, _) = await UploadAsync(web, form, new() { ["kind"] = "draft", ["title"] = "决策草案" }, [0x4D, 0x5A, 0x90, 0x00, 0x03], "草案.pdf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("草案.pdf", page.QuerySelector("#file-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#file")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await VersionsAsync(server, instance.MatterId));
    }

    [Fact]
    public async Task A_reviewer_cannot_file_the_draft_and_is_told_who_does()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        using var web = new WebSession(server);
        await web.SignInAsync("reviewer");

        var page = await web.GetAsync($"/matters/{instance.MatterId}/documents");
        Assert.DoesNotContain("draft", page.QuerySelectorAll("#kind option").Select(o => ((IHtmlOptionElement)o).Value));
        // A forged post of the drafting unit's kind gets the API's refusal and writes nothing.
        var (status, answer, _) = await UploadAsync(web, WebSession.Form(page, "#upload-form"), new() { ["kind"] = "draft", ["title"] = "决策草案" }, Pdf, "草案.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("承办单位", answer.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(0, await VersionsAsync(server, instance.MatterId));
    }

    [Fact]
    public async Task A_form_whose_upload_was_cut_off_is_a_400_and_nothing_is_written()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var form = WebSession.Form(await web.GetAsync($"/matters/{instance.MatterId}/documents"), "#upload-form");
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        // The fields and the antiforgery token arrive whole; the file part's closing boundary never does (a dropped
        // connection, a proxy that cut the body): the form cannot be read, which is the sender's fault, not a 500.
        var body = "--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n" + token +
            "\r\n--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ndraft" +
            "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"draft.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var response = await web.Client.PostAsync(form.GetAttribute("action"), content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}{server.DescribeServerLog()}");
        Assert.Equal(0, await VersionsAsync(server, instance.MatterId));
    }
}
