using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// The legality review package from the record (Opinion 115): assembled when the drafting unit submits, journaled with
/// the submission step, read by the justice office through the API and on the review-opinion page — the files as they
/// were sent (a later version does not change it); a package that lacks a material refuses the submission.
/// </summary>
public sealed class ReviewPackageTests
{
    private static readonly byte[] Draft = [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes("示范县政府投资项目管理办法（送审稿）\n%%EOF\n")];

    private static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(DocumentKinds.Draft), "kind" }, { new StringContent("示范县政府投资项目管理办法（送审稿）"), "title" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_package_is_assembled_from_the_record_at_submission_and_shown_to_the_justice_office(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuer = await api.ListBureauAsync();
        var id = await api.DraftAsync(issuer);
        var bare = await api.DraftAsync(issuer, "示范县价格监测管理办法");
        var drafter = await driver.As("drafter");

        // Not submitted yet: no package.
        await drafter.GetAsync($"/api/normative-documents/{id}/review-package").ExpectAsync(HttpStatusCode.NotFound, server);

        var uploaded = await drafter.PostAsync($"/api/matters/{id}/documents", Upload(Draft, "送审稿.pdf")).ExpectAsync<DocumentView>(HttpStatusCode.Created, server);
        await api.PostAsync("drafter", $"/api/normative-documents/{id}/review-submission", null);
        // The document without a draft file: a complete package is a condition of the submission (Opinion 115). Refused
        // with the material named, nothing written: still drafting, its submission step open, no package.
        var before = await DatabaseSnapshot.TakeAsync(server);
        var incomplete = await drafter.PostJsonAsync($"/api/normative-documents/{bare}/review-submission", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("review-package-incomplete", LegalityReviewPackage.Article), (incomplete.Code, incomplete.Article));
        Assert.Equal([ReviewPackageMaterials.Draft], incomplete.Json.GetProperty("refusals").EnumerateArray()
            .Select(r => r.GetProperty("arguments").GetProperty("material").GetString()));
        Assert.Contains("文件送审稿", incomplete.Detail);
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the submission of an incomplete package");
        Assert.Equal(NormativeSteps.ReviewSubmission, (await driver.OpenTaskAsync(bare, NormativeSteps.ReviewSubmission)).StepId);
        await drafter.GetAsync($"/api/normative-documents/{bare}/review-package").ExpectAsync(HttpStatusCode.NotFound, server);
        // A version uploaded after the submission is not in the package that was sent.
        await drafter.PostAsync($"/api/matters/{id}/documents/{uploaded.Id}/versions", Upload([.. Draft, .. "% 修改稿\n"u8], "送审稿（修改）.pdf"))
            .ExpectAsync<DocumentView>(HttpStatusCode.Created, server);

        var package = await api.GetAsync("reviewer", $"/api/normative-documents/{id}/review-package");
        var file = Assert.Single(package.GetProperty("files").EnumerateArray());
        var first = await server.WithDatabaseAsync(db => db.Set<DocumentVersion>().SingleAsync(v => v.DocumentId == uploaded.Id && v.Number == 1));
        Assert.Equal((DocumentKinds.Draft, 1, first.Id, first.Digest), (file.GetProperty("kind").GetString(), file.GetProperty("version").GetInt32(),
            file.GetProperty("versionId").GetGuid(), file.GetProperty("digest").GetString()));
        Assert.Equal(["《政府投资条例》"], package.GetProperty("legalBases").EnumerateArray().Select(b => b.GetString()));
        Assert.Empty(package.GetProperty("missing").EnumerateArray());
        // The steps before: no consultation or fair-competition review was due, and the package says why they were not held.
        var steps = package.GetProperty("procedures").EnumerateArray().ToDictionary(s => s.GetProperty("stepId").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal("skipped", steps[NormativeSteps.Consultation]);
        // The package is the submission step's journaled data (in the hash chain).
        var entry = (await driver.JournalAsync(id)).Single(e => e.Type == "TaskCompleted" && e.StepId == NormativeSteps.ReviewSubmission);
        Assert.Contains(first.Digest, entry.DataJson);

        // The justice office reads it on the review-opinion page.
        using var reviewer = new WebSession(server);
        await reviewer.SignInAsync("reviewer");
        var page = await reviewer.GetAsync($"/normative/documents/{id}/review-opinion");
        var row = page.QuerySelector("#package-files tr[data-kind='draft']")!;
        Assert.Contains(first.Digest, row.TextContent);
        Assert.NotNull(row.QuerySelector($"a[href='/api/documents/{first.Id}/content']"));
        Assert.Null(page.QuerySelector("#package-missing"));
        Assert.Contains("公开征求意见：未经", page.QuerySelector($"#package-steps li[data-step='{NormativeSteps.Consultation}']")!.TextContent);
        // In English: the step's English title.
        await reviewer.GetAsync($"/lang/en?returnUrl=/normative/documents/{id}/review-opinion");
        var english = await reviewer.GetAsync($"/normative/documents/{id}/review-opinion");
        Assert.StartsWith("Public consultation: not held", english.QuerySelector($"#package-steps li[data-step='{NormativeSteps.Consultation}']")!.TextContent);
    }
}
