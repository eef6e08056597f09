using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>Filing and filing review (备案、备案审查) and citizens' review suggestions, through the API.</summary>
public sealed class FilingTests
{
    private static DateTimeOffset Beijing9(int month, int day) => new(2026, month, day, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_department_document_is_filed_returned_refiled_corrected_and_accepted_and_timeliness_keeps_the_first_date(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.InsertSignedAsync(await api.ListBureauAsync());
        await api.PublishAsync(id); // issued Mon 2026-03-02

        var filing = Assert.Single((await api.GetAsync("drafter", $"/api/normative-documents/{id}/filings")).EnumerateArray());
        Assert.Equal((FilingRecipientKinds.SameLevelGovernment, "demo-county-justice", "2026-03-17", "due"), (filing.GetProperty("recipientKind").GetString(),
            filing.GetProperty("recipientOrganizationId").GetString(), filing.GetProperty("dueOn").GetString(), filing.GetProperty("status").GetString()));
        var url = $"/api/normative-filings/{filing.GetProperty("id").GetGuid()}";

        await api.PostAsync("drafter", $"{url}/submission", null);
        var inbox = await api.GetAsync("reviewer", "/api/normative-filings");
        Assert.Equal(id, Assert.Single(inbox.EnumerateArray()).GetProperty("documentId").GetGuid());
        await api.PostAsync("reviewer", $"{url}/registration", null);
        var noReason = await (await driver.As("reviewer")).PostJsonAsync($"{url}/return", new { reason = "" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("return-reason-required", noReason.Code);
        await api.PostAsync("reviewer", $"{url}/return", new { reason = "缺少起草说明和合法性审核意见。" });

        // Re-filed after the deadline: still timely, because the time counts from the first filing.
        driver.MoveClockTo(Beijing9(3, 20));
        var refiled = await api.PostAsync("drafter", $"{url}/submission", null);
        Assert.Equal(("2026-03-02", true, 1), (refiled.GetProperty("firstFiledOn").GetString(), refiled.GetProperty("timely").GetBoolean(), refiled.GetProperty("returns").GetInt32()));
        var twice = await (await driver.As("drafter")).PostJsonAsync($"{url}/submission", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("filing-wrong-stage", twice.Code);
        Assert.Contains("有件必备、有备必审、有错必纠", twice.Article);

        await api.PostAsync("reviewer", $"{url}/registration", null);
        var bare = await (await driver.As("reviewer")).PostJsonAsync($"{url}/review", new { result = FilingReviewResults.Correction }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("correction-reason-required", bare.Code);
        var correction = await api.PostAsync("reviewer", $"{url}/review", new { result = FilingReviewResults.Correction, reasons = "第八条增设许可条件，无上位法依据。" });
        // 30 days from Fri 03-20 is Sun 04-19, a rest day: the period ends Mon 04-20.
        Assert.Equal(("correction", "2026-04-20"), (correction.GetProperty("status").GetString(), correction.GetProperty("correctionDueOn").GetString()));
        var empty = await (await driver.As("drafthead")).PostJsonAsync($"{url}/correction-answer", new { answer = " " }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("correction-answer-required", empty.Code);
        await api.PostAsync("drafthead", $"{url}/correction-answer", new { answer = "已删除第八条第二款，修改后的文件已重新公布。" });
        var accepted = await api.PostAsync("reviewer", $"{url}/review", new { result = FilingReviewResults.Accepted });
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());

        // The figures: one issued and filed, in time (the first filing counts), but returned once: material conformity 0 %.
        var figures = (await api.GetAsync("reviewer", $"/api/normative-figures?governmentId={NormativeApi.Government}&year=2026")).GetProperty("figures")
            .EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => (f.GetProperty("numerator").GetInt32(), f.GetProperty("denominator").GetInt32()));
        Assert.Equal((1, 1), figures["filing-rate"]);
        Assert.Equal((1, 1), figures["filing-timeliness-rate"]);
        Assert.Equal((0, 1), figures["material-conformity-rate"]);
        Assert.Equal((1, 1), figures["review-pass-rate"]);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_government_document_goes_to_the_higher_government_and_the_standing_committee_each_with_its_deadline(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        await server.WithDatabaseAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Id == NormativeApi.Government)).ParentId = "demo-city";
            return await db.SaveChangesAsync();
        });
        var admin = await driver.As("admin");
        var issuer = await admin.PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Government, name = "示范县人民政府", code = "XX",
            kind = IssuingEntityKinds.Government, documentNumberPrefix = "示政规",
        }).ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        var id = await api.InsertSignedAsync(issuer.GetProperty("id").GetGuid(), NormativeDocumentKinds.Government, "示范县人民政府关于规范政府投资项目管理的若干规定");
        await api.PostAsync("reviewer", $"/api/normative-documents/{id}/registration", null);

        // No standing committee in the tree: publication is refused (every document must be filed) and nothing is written.
        var missing = await (await driver.As("reviewer")).PostJsonAsync($"/api/normative-documents/{id}/publication", new { fullText = "第一条 ……" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("filing-recipient-missing", FilingRecipientKinds.PeopleCongressStandingCommittee),
            (missing.Code, missing.Json.GetProperty("refusals")[0].GetProperty("arguments").GetProperty("recipient").GetString()));
        Assert.Equal("registered", (await api.GetAsync("reviewer", $"/api/normative-documents/{id}")).GetProperty("status").GetString());
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeFiling>().CountAsync()));

        await server.WithDatabaseAsync(async db =>
        {
            db.Organizations.Add(new Organization { Id = "demo-county-npcsc", Name = "示范县人大常委会", Kind = OrganizationScopes.PeopleCongressStandingCommittee, ParentId = NormativeApi.Government });
            return await db.SaveChangesAsync();
        });
        await api.PostAsync("reviewer", $"/api/normative-documents/{id}/publication", new { fullText = "第一条 ……" });
        var filings = (await api.GetAsync("reviewer", $"/api/normative-documents/{id}/filings")).EnumerateArray()
            .Select(f => (f.GetProperty("recipientKind").GetString(), f.GetProperty("recipientOrganizationId").GetString(), f.GetProperty("dueOn").GetString())).ToList();
        Assert.Equal([(FilingRecipientKinds.HigherGovernment, "demo-city-justice", "2026-03-17"), (FilingRecipientKinds.PeopleCongressStandingCommittee, "demo-county-npcsc", "2026-03-17")], filings);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Anyone_may_submit_a_review_suggestion_with_a_receipt_and_the_recipient_replies_once(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.InsertSignedAsync(await api.ListBureauAsync());
        var portal = server.CreateAnonymousClient();
        var unpublished = await portal.PostJsonAsync($"/api/public/normative-documents/{id}/review-suggestions", new { name = "刘某", text = "第八条无上位法依据。" })
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("normative-not-found", unpublished.Code);
        await api.PublishAsync(id);

        var invalid = await portal.PostJsonAsync($"/api/public/normative-documents/{id}/review-suggestions", new { name = "刘某", text = "" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("suggestion-invalid", invalid.Code);
        Assert.Contains("审查建议", invalid.Article);
        var form = new { name = "刘某", contact = "13800000000", text = "第八条增设许可条件，无上位法依据。" };
        var receipt = await portal.PostJsonAsync($"/api/public/normative-documents/{id}/review-suggestions", form, "form-7f3a")
            .ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        // The same form sent again (a double click, a retry): the first receipt, nothing filed twice; the key with another text is refused.
        var resent = await portal.PostJsonAsync($"/api/public/normative-documents/{id}/review-suggestions", form, "form-7f3a")
            .ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        Assert.Equal(receipt.GetProperty("receipt").GetString(), resent.GetProperty("receipt").GetString());
        var reused = await portal.PostJsonAsync($"/api/public/normative-documents/{id}/review-suggestions", form with { text = "另一条建议。" }, "form-7f3a")
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotency-key-reused", reused.Code);
        // Submitted Mon 2026-03-02: 60 days later is Fri 05-01, a Labour Day holiday (05-01 to 05-05): due Wed 05-06.
        Assert.Equal("2026-05-06", receipt.GetProperty("replyDueOn").GetString());

        var suggestion = Assert.Single((await api.GetAsync("reviewer", "/api/normative-review-suggestions")).EnumerateArray());
        // The recipient's reviewer reads the contact details through the one read path, and the view is logged (issue 16 item 7).
        Assert.Equal("13800000000", suggestion.GetProperty("contact").GetString());
        var view = await server.WithDatabaseAsync(db => db.Set<Server.Participation.ContactDetailsView>().AsNoTracking().SingleAsync(v => v.SubjectId == id));
        Assert.Equal((Privacy.ContactPrivacy.Suggesters, "api", 1), (view.Purpose, view.Channel, view.Count));
        var url = $"/api/normative-review-suggestions/{suggestion.GetProperty("id").GetGuid()}/reply";
        var blank = await (await driver.As("reviewer")).PostJsonAsync(url, new { reply = "" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("suggestion-reply-required", blank.Code);
        var outsider = await (await driver.As("drafter")).PostJsonAsync(url, new { reply = "已收悉。" }).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("normative-forbidden", outsider.Code);
        await api.PostAsync("reviewer", url, new { reply = "经审查，已通知制定机关纠正。" });
        var again = await (await driver.As("reviewer")).PostJsonAsync(url, new { reply = "再次答复" }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("suggestion-already-replied", again.Code);
        var followed = await portal.GetAsync($"/api/public/review-suggestions/{receipt.GetProperty("receipt").GetString()}").ExpectAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(("经审查，已通知制定机关纠正。", true), (followed.GetProperty("reply").GetString(), followed.GetProperty("replied").GetBoolean()));
    }
}
