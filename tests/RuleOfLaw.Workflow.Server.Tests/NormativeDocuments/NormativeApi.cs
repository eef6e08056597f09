using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>Drives the normative-document API with the demo users (示范县: 发改局 drafts, 司法局 reviews and registers).</summary>
internal sealed class NormativeApi(ProcedureDriver driver)
{
    public const string Government = "demo-county";
    public const string Bureau = "demo-county-drc";

    public ProcedureDriver Driver => driver;

    public async Task<Guid> ListBureauAsync(string code = "XFG")
    {
        var admin = await driver.As("admin");
        var issuer = await admin.PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = Government, organizationId = Bureau, name = "示范县发展和改革局", code, kind = IssuingEntityKinds.Department, documentNumberPrefix = "示发改规",
        }).ExpectAsync<JsonElement>(HttpStatusCode.Created, driver.Server);
        return issuer.GetProperty("id").GetGuid();
    }

    public static object Draft(Guid issuerId, string title = "示范县政府投资项目管理办法", int years = 5, bool provisional = false) => new
    {
        issuerId, kind = NormativeDocumentKinds.Department, title, provisional, validityYears = years, affectsMarketActors = false,
        majorDecision = false, legalBases = new[] { "《政府投资条例》" },
    };

    public async Task<Guid> DraftAsync(Guid issuerId, string title = "示范县政府投资项目管理办法")
    {
        var drafter = await driver.As("drafter");
        var document = await drafter.PostJsonAsync("/api/normative-documents", Draft(issuerId, title)).ExpectAsync<JsonElement>(HttpStatusCode.Created, driver.Server);
        return document.GetProperty("id").GetGuid();
    }

    /// <summary>A draft file (文件送审稿) as the documents module takes it: kind <c>draft</c>, a title, a small PDF.</summary>
    public static MultipartFormDataContent DraftUpload(string title = "送审稿", byte[]? content = null, string fileName = "送审稿.pdf")
    {
        var form = new MultipartFormDataContent { { new StringContent(DocumentKinds.Draft), "kind" }, { new StringContent(title), "title" } };
        var file = new ByteArrayContent(content ?? [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes(title + "\n%%EOF\n")]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>The drafting officer uploads the draft to the document's record (the review package's first material).</summary>
    public async Task<DocumentView> UploadDraftAsync(Guid id) =>
        await (await driver.As("drafter")).PostAsync($"/api/matters/{id}/documents", DraftUpload()).ExpectAsync<DocumentView>(HttpStatusCode.Created, driver.Server);

    /// <summary>The draft uploaded, then the document submitted for legality review (a complete package: Opinion 115).</summary>
    public async Task<JsonElement> SubmitForReviewAsync(Guid id)
    {
        await UploadDraftAsync(id);
        return await PostAsync("drafter", $"/api/normative-documents/{id}/review-submission", null);
    }

    public static object Checklist(string conclusion = ReviewConclusions.Lawful, string? yesItem = null) => new
    {
        conclusion,
        checklist = LegalityReviewRules.ChecklistItems.Select(i => new { item = i, yes = i == yesItem, note = i == yesItem ? "第八条设定罚款" : null }),
        opinion = "经审核，该文件制定主体、权限、程序和内容合法。",
    };

    /// <summary>
    /// The department's office meeting (部门办公会议) through the meetings module (definition version 3): the bureau's
    /// secretary arranges it today and places the document on its agenda; everyone is recorded present; each member
    /// gives her opinion; the head decides last (<see cref="ProcedureDriver.MeetingPeople"/>).
    /// </summary>
    public async Task DeliberateAtOfficeMeetingAsync(Guid id, string outcome = "approved", string? text = null)
    {
        await driver.CompleteAsync(id, NormativeSteps.MeetingScheduling, "scheduled");
        await driver.CompleteAsync(id, NormativeSteps.CollectiveDecision, outcome, text);
    }

    /// <summary>A signed document straight in the database (the steps before signature are the lifecycle test's).</summary>
    public async Task<Guid> InsertSignedAsync(Guid issuerId, string kind = NormativeDocumentKinds.Department, string title = "示范县政府投资项目管理办法", string government = Government)
    {
        var id = Guid.NewGuid();
        await driver.Server.WithDatabaseAsync(async db =>
        {
            db.Set<RuleOfLaw.Workflow.Server.NormativeDocuments.NormativeDocument>().Add(new RuleOfLaw.Workflow.Server.NormativeDocuments.NormativeDocument
            {
                Id = id, IssuerId = issuerId, GovernmentId = government, Kind = kind, Title = title, ValidityYears = 5, LegalBases = "《政府投资条例》",
                Status = RuleOfLaw.Workflow.Server.NormativeDocuments.NormativeStatuses.Signed, ReviewConclusion = ReviewConclusions.Lawful,
                CreatedAt = driver.Server.Clock.GetUtcNow(), CreatedBy = "test",
            });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>Registered and published by the justice office, in force from the issue day.</summary>
    public async Task PublishAsync(Guid id)
    {
        await PostAsync("reviewer", $"/api/normative-documents/{id}/registration", null);
        await PostAsync("reviewer", $"/api/normative-documents/{id}/publication", new { fullText = "第一条 ……" });
    }

    public async Task<JsonElement> PostAsync(string user, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await driver.As(user)).PostJsonAsync(url, body).ExpectAsync<JsonElement>(expected, driver.Server);

    public async Task<JsonElement> GetAsync(string user, string url) =>
        await (await driver.As(user)).GetAsync(url).ExpectAsync<JsonElement>(HttpStatusCode.OK, driver.Server);
}
