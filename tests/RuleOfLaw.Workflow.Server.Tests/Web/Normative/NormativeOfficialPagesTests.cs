using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Normative;

/// <summary>
/// The officials' normative-document pages call the API's services: the drafting unit records a document and requests
/// its legality review; the recipient registers the filing (receipt) and the justice office records the review result.
/// Refusals are shown next to the field with their article and the API's status, and write nothing.
/// </summary>
public sealed class NormativeOfficialPagesTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_drafting_unit_records_and_submits_and_the_recipient_registers_and_reviews_on_the_pages(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        await api.ListBureauAsync();
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        // Drafting: no legal basis → 422, the error at the field with Notice 37, nothing written.
        var list = await web.GetAsync("/normative/documents");
        Assert.NotNull(list.QuerySelector("a#nav-normative"));
        var draft = new Dictionary<string, string[]> { ["Title"] = ["示范县政府投资项目管理办法"], ["ValidityYears"] = ["5"], ["LegalBases"] = [""] };
        var (status, refused) = await web.SubmitAsync(WebSession.Form(list, "#draft-form"), draft);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("国办发〔2018〕37号", refused.QuerySelector("#LegalBases-error")!.TextContent);
        Assert.Equal("true", refused.QuerySelector("#LegalBases")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().CountAsync()));

        draft["LegalBases"] = ["《政府投资条例》"];
        (status, var opened) = await web.SubmitAsync(WebSession.Form(refused, "#draft-form"), draft);
        Assert.Equal(HttpStatusCode.OK, status);
        var id = await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().Select(d => d.Id).SingleAsync());
        Assert.Equal($"/normative/documents/{id}", web.Location);
        Assert.Equal("drafting", opened.QuerySelector("#document-status")!.GetAttribute("data-status"));
        Assert.NotNull(opened.QuerySelector($"#open-steps li[data-step={NormativeSteps.ReviewSubmission}]"));
        // The same form sent again (its form key): the same document, not a second one.
        (status, _) = await web.SubmitAsync(WebSession.Form(refused, "#draft-form"), draft);
        Assert.Equal((HttpStatusCode.OK, $"/normative/documents/{id}"), (status, web.Location));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().CountAsync()));

        // The request for legality review without the draft in the record: refused (409, Opinion 115, the material named above
        // the form), nothing written; with the draft uploaded the procedure moves on, the window is shown (Mon 03-02 →
        // earliest 03-09, latest 03-23).
        Assert.NotNull(opened.QuerySelector("#package-lacks li[data-missing='draft']"));
        var beforeSubmission = await DatabaseSnapshot.TakeAsync(server);
        (status, var incomplete) = await web.SubmitAsync(WebSession.Form(opened, "#submit-form"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("文件送审稿", incomplete.QuerySelector("#form-error")!.TextContent);
        Assert.Contains("国办发〔2018〕115号", incomplete.QuerySelector("#form-error")!.TextContent);
        Assert.Equal("drafting", incomplete.QuerySelector("#document-status")!.GetAttribute("data-status"));
        beforeSubmission.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the submission without the draft");
        await api.UploadDraftAsync(id);
        var complete = await web.GetAsync($"/normative/documents/{id}");
        Assert.Null(complete.QuerySelector("#package-lacks"));
        (status, var submitted) = await web.SubmitAsync(WebSession.Form(complete, "#submit-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("in-review", submitted.QuerySelector("#document-status")!.GetAttribute("data-status"));
        Assert.Equal(("2026-03-09", "2026-03-23"), (submitted.QuerySelector("#review-earliest")!.TextContent, submitted.QuerySelector("#review-latest")!.TextContent));
        Assert.NotNull(submitted.QuerySelector($"#open-steps li[data-step={NormativeSteps.LegalityReview}]"));
        Assert.Null(submitted.QuerySelector("#submit-form"));

        var url = $"/api/normative-documents/{id}";
        driver.MoveClockTo(new DateTimeOffset(2026, 3, 9, 1, 0, 0, TimeSpan.Zero));
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());
        await api.DeliberateAtOfficeMeetingAsync(id);
        await api.PostAsync("drafthead", $"{url}/signature", null);
        await api.PublishAsync(id);
        var filing = (await api.GetAsync("drafter", $"{url}/filings"))[0].GetProperty("id").GetGuid();
        await api.PostAsync("drafter", $"/api/normative-filings/{filing}/submission", null);

        // The recipient: a return without its reason is refused at the field; the receipt registers the filing.
        using var recipient = new WebSession(server);
        await recipient.SignInAsync("reviewer");
        var received = await recipient.GetAsync("/normative/filings/received");
        var row = received.QuerySelector($"tr[data-filing='{filing}']")!;
        (status, var noReason) = await recipient.SubmitAsync(FormIn(row, "form[action*=Return]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("有件必备", noReason.QuerySelector($"#reason-error-{filing}")!.TextContent);
        (status, _) = await recipient.SubmitAsync(FormIn(noReason.QuerySelector($"tr[data-filing='{filing}']")!, "form[action*=Register]"));
        Assert.Equal((HttpStatusCode.OK, "/normative/filings/received"), (status, recipient.Location));
        Assert.Equal(FilingStatuses.Registered, await server.WithDatabaseAsync(db => db.Set<NormativeFiling>().Select(f => f.Status).SingleAsync()));

        // The review: a correction needs its reasons; accepted concludes the filing review and the procedure.
        var review = await recipient.GetAsync("/normative/filings/review");
        Assert.NotNull(review.QuerySelector("a#nav-normative-filings"));
        var reviewRow = review.QuerySelector($"tr[data-filing='{filing}']")!;
        (status, var noReasons) = await recipient.SubmitAsync(FormIn(reviewRow, "form"), new Dictionary<string, string[]> { ["Result"] = ["correction"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(noReasons.QuerySelector($"#reasons-error-{filing}"));
        Assert.Equal(FilingStatuses.Registered, await server.WithDatabaseAsync(db => db.Set<NormativeFiling>().Select(f => f.Status).SingleAsync()));
        (status, var accepted) = await recipient.SubmitAsync(FormIn(noReasons.QuerySelector($"tr[data-filing='{filing}']")!, "form"),
            new Dictionary<string, string[]> { ["Result"] = ["accepted"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accepted", accepted.QuerySelector($"tr[data-filing='{filing}'] td[data-status]")!.GetAttribute("data-status"));
        Assert.Equal(InstanceStatus.Completed, (await driver.GetInstanceAsync(id)).Status);

        // The drafting unit's page shows where it stands: no open step, the filing accepted; in English too.
        // (A week later on the test clock: the drafter's session has ended.)
        await web.SignInAsync("drafter");
        var done = await web.GetAsync($"/normative/documents/{id}");
        Assert.NotNull(done.QuerySelector("#no-open-steps"));
        Assert.Contains("审查通过", done.QuerySelector("#filings")!.TextContent);
        await web.GetAsync($"/lang/en?returnUrl=/normative/documents/{id}");
        var english = await web.GetAsync($"/normative/documents/{id}");
        Assert.Contains("Accepted", english.QuerySelector("#filings")!.TextContent);
        Assert.Contains("Where it stands", english.QuerySelector("#steps-heading")!.TextContent);
    }

    private static AngleSharp.Html.Dom.IHtmlFormElement FormIn(AngleSharp.Dom.IElement row, string selector) =>
        row.QuerySelector(selector) as AngleSharp.Html.Dom.IHtmlFormElement ?? throw new InvalidOperationException($"No form '{selector}' in:{Environment.NewLine}{row.InnerHtml}");
}
