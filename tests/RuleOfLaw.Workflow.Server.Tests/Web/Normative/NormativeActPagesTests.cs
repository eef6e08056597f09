using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Normative;

/// <summary>
/// The acts that had only an API, on pages calling the same services: the justice office's review opinion with the
/// content checklist (a "yes" forbids "lawful"), the department's office meeting, the head's signature, “三统一”
/// registration (the page shows the two numbers it got) and publication. Each refusal is shown next to its field or
/// above the form with its article and the API's status, and writes nothing; the same form sent twice acts once.
/// </summary>
public sealed class NormativeActPagesTests
{
    private static readonly DateTimeOffset ReviewDay = new(2026, 3, 9, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_justice_office_and_the_department_act_on_the_pages_from_review_to_publication(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.DraftAsync(await api.ListBureauAsync());
        await api.SubmitForReviewAsync(id);
        var page = $"/normative/documents/{id}";

        // The justice office's list: the document in review, its window, the link to the opinion.
        using var reviewer = new WebSession(server);
        var home = await reviewer.SignInAsync("reviewer");
        Assert.NotNull(home.QuerySelector("a#nav-normative-justice"));
        var queue = await reviewer.GetAsync("/normative/justice");
        var row = queue.QuerySelector($"tr[data-document='{id}']")!;
        Assert.Equal(NormativeStatuses.InReview, row.QuerySelector("td[data-status]")!.GetAttribute("data-status"));
        Assert.NotNull(row.QuerySelector($"a[href='{page}/review-opinion']"));

        // Mon 03-02: the opinion comes before the 5th working day (03-09) → 409 above the form, nothing written.
        var opinion = await reviewer.GetAsync($"{page}/review-opinion");
        Assert.Equal("2026-03-09", opinion.QuerySelector("#review-earliest")!.TextContent);
        var (status, early) = await reviewer.SubmitAsync(WebSession.Form(opinion, "#opinion-form"), Answers(ReviewConclusions.Lawful));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("2026-03-09", early.QuerySelector("#form-error")!.TextContent);
        Assert.Contains("国办发〔2018〕115号", early.QuerySelector("#form-error")!.TextContent);
        await AssertStatusAsync(server, id, NormativeStatuses.InReview);

        driver.MoveClockTo(ReviewDay);
        await reviewer.SignInAsync("reviewer");
        opinion = await reviewer.GetAsync($"{page}/review-opinion");
        // A "yes" (with its note) forbids "lawful": 422 at the conclusion, the form keeps the answers, nothing written.
        (status, var forbidden) = await reviewer.SubmitAsync(WebSession.Form(opinion, "#opinion-form"),
            Answers(ReviewConclusions.Lawful, yes: "creates-penalty", note: "第八条设定罚款"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("国办发〔2018〕37号", forbidden.QuerySelector("#Conclusion-error")!.TextContent);
        Assert.True(((IHtmlInputElement)forbidden.QuerySelector("#answer-creates-penalty-yes")!).IsChecked);
        Assert.Equal("第八条设定罚款", ((IHtmlInputElement)forbidden.QuerySelector("#note-creates-penalty")!).Value);
        // An item left unanswered (on a fresh form, nothing chosen) is named (checklist-incomplete), 422.
        var partial = Answers(ReviewConclusions.Lawful);
        partial.Remove("Answer[restricts-competition]");
        (status, var incomplete) = await reviewer.SubmitAsync(WebSession.Form(await reviewer.GetAsync($"{page}/review-opinion"), "#opinion-form"), partial);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("restricts-competition", incomplete.QuerySelector("#Checklist-error")!.TextContent);
        await AssertStatusAsync(server, id, NormativeStatuses.InReview);

        // Every item "no", lawful: recorded, to the document's page; the same form again is answered, not recorded twice.
        var form = WebSession.Form(await reviewer.GetAsync($"{page}/review-opinion"), "#opinion-form");
        (status, var reviewed) = await reviewer.SubmitAsync(form, Answers(ReviewConclusions.Lawful));
        Assert.Equal((HttpStatusCode.OK, page), (status, reviewer.Location));
        Assert.Equal(ReviewConclusions.Lawful, reviewed.QuerySelector("#review-conclusion")!.GetAttribute("data-conclusion"));
        (status, _) = await reviewer.SubmitAsync(form, Answers(ReviewConclusions.Lawful));
        Assert.Equal((HttpStatusCode.OK, page), (status, reviewer.Location));
        Assert.Single(await driver.JournalAsync(id), e => e.Type == "TaskCompleted" && e.StepId == NormativeSteps.LegalityReview);

        // The department's office meeting is the meetings module's (version 3): the bureau's secretary's document page
        // links the agenda task, the head's the decision once the document is on the agenda; no office-meeting record page.
        using var secretary = new WebSession(server);
        await secretary.SignInAsync("deptsecretary");
        var scheduling = await driver.OpenTaskAsync(id, NormativeSteps.MeetingScheduling);
        Assert.NotNull((await secretary.GetAsync(page)).QuerySelector($"#acts a[href='/meetings/tasks/{scheduling.Id}']"));
        // The task page explains the office meeting and its rule (Notice 37's collective deliberation), not the government's.
        var schedulingHelp = (await secretary.GetAsync($"/meetings/tasks/{scheduling.Id}")).QuerySelector("#meeting-step-help")!.TextContent;
        Assert.Contains("部门办公会议", schedulingHelp);
        Assert.Contains("严格落实集体审议制度", schedulingHelp);
        Assert.DoesNotContain("常务会议", schedulingHelp);
        await driver.CompleteAsync(id, NormativeSteps.MeetingScheduling, "scheduled");
        using var head = new WebSession(server);
        await head.SignInAsync("drafthead");
        var document = await head.GetAsync(page);
        Assert.Null(document.QuerySelector($"#acts a[href='{page}/office-meeting']"));
        var decision = await driver.OpenTaskAsync(id, NormativeSteps.CollectiveDecision);
        Assert.NotNull(document.QuerySelector($"#acts a[href='/meetings/tasks/{decision.Id}']"));
        var decisionHelp = (await head.GetAsync($"/meetings/tasks/{decision.Id}")).QuerySelector("#meeting-step-help")!.TextContent;
        Assert.Contains("部门负责人最后发表意见", decisionHelp);
        Assert.DoesNotContain("第三十条", decisionHelp);
        await driver.CompleteAsync(id, NormativeSteps.CollectiveDecision, "approved");
        var adopted = await head.GetAsync(page);
        Assert.Equal(NormativeStatuses.Deliberated, adopted.QuerySelector("#document-status")!.GetAttribute("data-status"));
        (status, var signed) = await head.SubmitAsync(WebSession.Form(adopted, "#sign-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(NormativeStatuses.Signed, signed.QuerySelector("#document-status")!.GetAttribute("data-status"));
        Assert.Null(signed.QuerySelector("#sign-form"));

        // Registration: the page shows the two numbers the document got (the entity's first of 2026).
        var registration = await reviewer.GetAsync($"{page}/registration");
        Assert.Null(registration.QuerySelector("#registration-number"));
        (status, var registered) = await reviewer.SubmitAsync(WebSession.Form(registration, "#register-form"));
        Assert.Equal((HttpStatusCode.OK, $"{page}/registration"), (status, reviewer.Location));
        Assert.Equal(("XFGGS—2026—1", "示发改规〔2026〕1号", "2026-03-09"),
            (registered.QuerySelector("#registration-number")!.TextContent, registered.QuerySelector("#document-number")!.TextContent,
                registered.QuerySelector("#issued-on")!.TextContent));
        // A second click of the same form takes no second number.
        (status, _) = await reviewer.SubmitAsync(WebSession.Form(registration, "#register-form"));
        Assert.Equal((HttpStatusCode.OK, $"{page}/registration"), (status, reviewer.Location));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Set<NormativeNumberCounter>().Select(c => c.Last).SingleAsync()));

        // Publication: no full text → 422 at the field, nothing written; then published, the filing due.
        (status, var noText) = await reviewer.SubmitAsync(WebSession.Form(registered, "#publish-form"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(noText.QuerySelector("#FullText-error"));
        Assert.Equal("true", noText.QuerySelector("#FullText")!.GetAttribute("aria-invalid"));
        await AssertStatusAsync(server, id, NormativeStatuses.Registered);
        (status, var published) = await reviewer.SubmitAsync(WebSession.Form(noText, "#publish-form"),
            new Dictionary<string, string[]> { ["FullText"] = ["第一条 为规范政府投资项目管理，制定本办法。"], ["EffectiveFrom"] = ["2026-04-01"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("2026-04-01", "2031-03-31"), (published.QuerySelector("#effective-from")!.TextContent, published.QuerySelector("#last-day")!.TextContent));
        await AssertStatusAsync(server, id, NormativeStatuses.Published);
        Assert.Single(await server.WithDatabaseAsync(db => db.Set<NormativeFiling>().Where(f => f.DocumentId == id).ToListAsync()));
        Assert.Equal(NormativeSteps.Filing, (await driver.OpenTaskAsync(id, NormativeSteps.Filing)).StepId);
        Assert.NotNull((await reviewer.GetAsync("/normative/justice")).QuerySelector("#no-documents"));

        // In English, the registration page names its numbers.
        await reviewer.GetAsync($"/lang/en?returnUrl={page}/registration");
        var english = await reviewer.GetAsync($"{page}/registration");
        Assert.Contains("Registration number", english.QuerySelector("#document-facts")!.TextContent);
        Assert.Contains("Uniform registration, numbering and issuance", english.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_issuer_files_and_answers_a_correction_and_the_recipient_replies_to_a_review_suggestion_on_the_pages(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.InsertSignedAsync(await api.ListBureauAsync());
        await api.PublishAsync(id);
        var filing = (await api.GetAsync("drafter", $"/api/normative-documents/{id}/filings"))[0].GetProperty("id").GetGuid();

        // The drafting unit files from its filings page.
        using var drafter = new WebSession(server);
        var home = await drafter.SignInAsync("drafter");
        Assert.NotNull(home.QuerySelector("a#nav-normative-issued"));
        var issued = await drafter.GetAsync("/normative/filings/issued");
        var row = issued.QuerySelector($"tr[data-filing='{filing}']")!;
        Assert.Equal(FilingStatuses.Due, row.QuerySelector("td[data-status]")!.GetAttribute("data-status"));
        var (status, filed) = await drafter.SubmitAsync(FormIn(row, "form[action*=File]"));
        Assert.Equal((HttpStatusCode.OK, "/normative/filings/issued"), (status, drafter.Location));
        Assert.Equal(FilingStatuses.Filed, filed.QuerySelector($"tr[data-filing='{filing}'] td[data-status]")!.GetAttribute("data-status"));

        // The recipient registers it and issues a correction notice (its pages are NormativeOfficialPagesTests').
        await api.PostAsync("reviewer", $"/api/normative-filings/{filing}/registration", null);
        await api.PostAsync("reviewer", $"/api/normative-filings/{filing}/review", new { result = FilingReviewResults.Correction, reasons = "第八条增设许可条件。" });

        // The head answers: an empty answer is refused at its field (422), nothing written; the answer is recorded; sent again, answered once.
        using var head = new WebSession(server);
        await head.SignInAsync("drafthead");
        var corrections = await head.GetAsync("/normative/filings/issued");
        (status, var empty) = await head.SubmitAsync(FormIn(corrections.QuerySelector($"tr[data-filing='{filing}']")!, "form[action*=Answer]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("须写明纠正情况", empty.QuerySelector($"#answer-error-{filing}")!.TextContent);
        Assert.Contains("国办发〔2018〕37号", empty.QuerySelector($"#answer-error-{filing}")!.TextContent);
        Assert.Equal(FilingStatuses.Correction, await FilingStatusAsync(server, filing));
        var answerForm = FormIn(empty.QuerySelector($"tr[data-filing='{filing}']")!, "form[action*=Answer]");
        var answer = new Dictionary<string, string[]> { ["Answer"] = ["已删除第八条第二款，修改后的文件已重新公布。"] };
        (status, var answered) = await head.SubmitAsync(answerForm, answer);
        Assert.Equal((HttpStatusCode.OK, "/normative/filings/issued"), (status, head.Location));
        Assert.Contains("已删除第八条第二款", answered.QuerySelector($"tr[data-filing='{filing}']")!.TextContent);
        (status, _) = await head.SubmitAsync(answerForm, answer);
        Assert.Equal((HttpStatusCode.OK, "/normative/filings/issued"), (status, head.Location));
        Assert.Equal(FilingStatuses.CorrectionAnswered, await FilingStatusAsync(server, filing));
        Assert.Single(await server.WithDatabaseAsync(db => db.Set<NormativeDocumentEvent>().Where(e => e.DocumentId == id && e.Type == "correction-answered").ToListAsync()));

        // A review suggestion from the portal; the recipient replies on its page (an empty reply: 422 at the field).
        using var portal = server.CreateClient();
        await portal.PostJsonAsync($"/api/public/normative-documents/{id}/review-suggestions", new { name = "刘某", contact = "13800000000", text = "第八条增设许可条件。" })
            .ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        using var reviewer = new WebSession(server);
        await reviewer.SignInAsync("reviewer");
        var inbox = await reviewer.GetAsync("/normative/suggestions");
        var suggestion = inbox.QuerySelector("tr[data-suggestion]")!;
        var suggestionId = suggestion.GetAttribute("data-suggestion");
        Assert.Contains("13800000000", suggestion.TextContent);
        // The contact details were read on the page: logged as such.
        Assert.Equal("web", await server.WithDatabaseAsync(db => db.Set<Server.Participation.ContactDetailsView>().Where(v => v.SubjectId == id).Select(v => v.Channel).SingleAsync()));
        (status, var blank) = await reviewer.SubmitAsync(FormIn(suggestion, "form"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(blank.QuerySelector($"#reply-error-{suggestionId}"));
        var replyForm = FormIn(blank.QuerySelector($"tr[data-suggestion='{suggestionId}']")!, "form");
        var reply = new Dictionary<string, string[]> { ["Reply"] = ["经审查，已通知制定机关纠正。"] };
        (status, var replied) = await reviewer.SubmitAsync(replyForm, reply);
        Assert.Equal((HttpStatusCode.OK, "/normative/suggestions"), (status, reviewer.Location));
        Assert.Equal("经审查，已通知制定机关纠正。", replied.QuerySelector($"tr[data-suggestion='{suggestionId}'] [data-replied]")!.TextContent);
        // The same reply sent again is answered as it stands; another text is refused (409), and nothing changes.
        (status, _) = await reviewer.SubmitAsync(replyForm, reply);
        Assert.Equal(HttpStatusCode.OK, status);
        (status, var other) = await reviewer.SubmitAsync(replyForm, new Dictionary<string, string[]> { ["Reply"] = ["再次答复"] });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.NotNull(other.QuerySelector("#form-error"));
        Assert.Equal("经审查，已通知制定机关纠正。", await server.WithDatabaseAsync(db => db.Set<NormativeReviewSuggestion>().Select(r => r.Reply).SingleAsync()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_clean_up_is_opened_answered_approved_and_published_on_the_pages(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuer = await api.ListBureauAsync();
        var kept = await api.InsertSignedAsync(issuer, title: "示范县政府投资项目管理办法");
        var repealed = await api.InsertSignedAsync(issuer, title: "示范县价格监测管理办法");
        await api.PublishAsync(kept);
        await api.PublishAsync(repealed);

        // The administrator opens it: without a subject 422 at the field, nothing written; then opened.
        using var admin = new WebSession(server);
        await admin.SignInAsync("admin");
        var list = await admin.GetAsync("/normative/cleanups");
        var open = new Dictionary<string, string[]> { ["GovernmentId"] = [NormativeApi.Government], ["Subject"] = [""], ["FromYear"] = ["2026"], ["ToYear"] = ["2026"] };
        var (status, noSubject) = await admin.SubmitAsync(WebSession.Form(list, "#open-form"), open);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(noSubject.QuerySelector("#Subject-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<NormativeCleanup>().CountAsync()));
        open["Subject"] = ["2026年度行政规范性文件全面清理"];
        (status, var opened) = await admin.SubmitAsync(WebSession.Form(noSubject, "#open-form"), open);
        Assert.Equal(HttpStatusCode.OK, status);
        var page = admin.Location;
        Assert.StartsWith("/normative/cleanups/", page, StringComparison.Ordinal);
        Assert.Equal(2, opened.QuerySelectorAll("#items tr[data-document]").Length);

        // The justice office cannot approve before every document has its result (409 above the form).
        using var reviewer = new WebSession(server);
        await reviewer.SignInAsync("reviewer");
        (status, var early) = await reviewer.SubmitAsync(WebSession.Form(await reviewer.GetAsync(page), "#approve-form"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.NotNull(early.QuerySelector("#form-error"));

        // The issuer's drafting unit: a result without its reason is refused at the field; then both results.
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        var cleanup = await drafter.GetAsync(page);
        (status, var noReason) = await drafter.SubmitAsync(FormIn(cleanup.QuerySelector($"tr[data-document='{kept}']")!, "form"),
            new Dictionary<string, string[]> { ["Result"] = [CleanupResults.Continue], ["Reason"] = [" "] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(noReason.QuerySelector($"#reason-error-{kept}"));
        (status, var continued) = await drafter.SubmitAsync(FormIn(noReason.QuerySelector($"tr[data-document='{kept}']")!, "form"),
            new Dictionary<string, string[]> { ["Result"] = [CleanupResults.Continue], ["Reason"] = ["符合上位法，继续有效。"] });
        Assert.Equal((HttpStatusCode.OK, page), (status, drafter.Location));
        (status, _) = await drafter.SubmitAsync(FormIn(continued.QuerySelector($"tr[data-document='{repealed}']")!, "form"),
            new Dictionary<string, string[]> { ["Result"] = [CleanupResults.Repeal], ["Reason"] = ["上位法已废止。"] });
        Assert.Equal(HttpStatusCode.OK, status);

        // Approved, then published: the repealed document leaves the catalogue.
        (status, var approved) = await reviewer.SubmitAsync(WebSession.Form(await reviewer.GetAsync(page), "#approve-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(CleanupStatuses.Approved, approved.QuerySelector("#cleanup-status")!.GetAttribute("data-status"));
        (status, var published) = await reviewer.SubmitAsync(WebSession.Form(approved, "#publish-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(CleanupStatuses.Published, published.QuerySelector("#cleanup-status")!.GetAttribute("data-status"));
        Assert.Equal(NormativeStatuses.Repealed, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().Where(d => d.Id == repealed).Select(d => d.Status).SingleAsync()));
        Assert.Equal(CleanupStatuses.Published, (await admin.GetAsync("/normative/cleanups")).QuerySelector("#cleanups td[data-status]")!.GetAttribute("data-status"));
    }

    private static async Task<string> FilingStatusAsync(ServerFactory server, Guid filing) =>
        await server.WithDatabaseAsync(db => db.Set<NormativeFiling>().Where(f => f.Id == filing).Select(f => f.Status).SingleAsync());

    private static IHtmlFormElement FormIn(AngleSharp.Dom.IElement row, string selector) =>
        row.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{selector}' in:{Environment.NewLine}{row.InnerHtml}");

    /// <summary>The opinion form's answers: every item "no" except <paramref name="yes"/>, with its note.</summary>
    private static Dictionary<string, string[]> Answers(string conclusion, string? yes = null, string? note = null)
    {
        var fields = new Dictionary<string, string[]>
        {
            ["Conclusion"] = [conclusion],
            ["Opinion"] = ["经审核，该文件制定主体、权限、程序和内容合法。"],
        };
        foreach (var item in LegalityReviewRules.ChecklistItems)
        {
            fields[$"Answer[{item}]"] = [item == yes ? "yes" : "no"];
            fields[$"Note[{item}]"] = [item == yes ? note ?? "" : ""];
        }
        return fields;
    }

    private static async Task AssertStatusAsync(ServerFactory server, Guid id, string status) =>
        Assert.Equal(status, await server.WithDatabaseAsync(db => db.Set<NormativeDocument>().Where(d => d.Id == id).Select(d => d.Status).SingleAsync()));
}
