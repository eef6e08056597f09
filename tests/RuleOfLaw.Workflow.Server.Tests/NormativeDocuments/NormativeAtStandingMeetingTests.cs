using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Web;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A government normative document at the county's standing meeting, the meeting it shares with major decisions
/// (issue 14): each agenda item brings the materials its own procedure requires and its refusals cite the rule of its
/// own procedure — the Regulation's for the major decision, Notice 37's collective deliberation for the document —
/// decided per item, not per meeting; the document's history is answered in the reader's language by the API too.
/// </summary>
public sealed class NormativeAtStandingMeetingTests
{
    private const string Notice37 = CollectiveDecision.OfficeMeetingArticle;

    private static DateTimeOffset Beijing9(int year, int month, int day) => new(year, month, day, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Each_item_of_one_standing_meeting_brings_its_procedures_materials_and_its_refusals_cite_its_procedures_rule(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);

        // A major decision awaiting its meeting, and one only just started.
        var major = await DecisionScenario.ToSchedulingAsync(driver);
        var early = await driver.StartNewAsync(title: "示范县尚在起草的决策事项");
        // The county government drafts in its own name: the demo drafter also drafts for it (after the bureau's matters above).
        await server.WithDatabaseAsync(async db =>
        {
            var drafter = await db.Users.Where(u => u.UserName == "drafter").Select(u => u.Id).SingleAsync();
            db.Memberships.Add(new Server.Data.Entities.OrganizationMembership
            {
                UserId = drafter, OrganizationId = NormativeApi.Government, Role = global::RuleOfLaw.Workflow.Organizations.Roles.DraftingOfficer,
            });
            return await db.SaveChangesAsync();
        });
        // The government document, submitted for its legality review.
        var issuer = await (await driver.As("admin")).PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Government, name = "示范县人民政府", code = "XX",
            kind = IssuingEntityKinds.Government, documentNumberPrefix = "示政规",
        }).ExpectAsync<JsonElement>(HttpStatusCode.Created, server);
        var id = (await api.PostAsync("drafter", "/api/normative-documents", new
        {
            issuerId = issuer.GetProperty("id").GetGuid(), kind = NormativeDocumentKinds.Government, title = "示范县人民政府关于规范政府投资项目管理的若干规定",
            provisional = false, validityYears = 5, affectsMarketActors = false, majorDecision = false, legalBases = new[] { "《政府投资条例》" },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var url = $"/api/normative-documents/{id}";
        await api.SubmitForReviewAsync(id);
        driver.MoveClockTo(Beijing9(2026, 3, 9));
        var meeting = await driver.CreateMeetingAsync(MeetingKinds.Standing);

        // The agenda's gates: the major decision's refusal cites the Regulation's, the document's Notice 37's (not reviewed yet).
        var notScheduling = await (await driver.As("secretary")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda", new { matterId = early.Id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("agenda-gates-unmet", "第二十五条、第二十九条"), (notScheduling.Code, notScheduling.Article));
        var notReviewed = await (await driver.As("secretary")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda", new { matterId = id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("agenda-gates-unmet", Notice37), (notReviewed.Code, notReviewed.Article));
        Assert.Contains(notReviewed.Json.GetProperty("unmet").EnumerateArray(), u => u.GetProperty("code").GetString() == "normative:reviewed-lawful");
        Assert.Empty((await (await driver.As("secretary")).GetAsync($"/api/meetings/{meeting.Id}").ExpectAsync<MeetingView>(HttpStatusCode.OK, server)).Agenda);

        // Reviewed lawful, the document goes on the agenda with a normative document's materials; the major decision with art. 29's.
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());
        var document = await driver.PlaceAsync(meeting.Id, id);
        var decision = await driver.PlaceAsync(meeting.Id, major.Id);
        Assert.Equal(NormativeArticles.NoDeliberationWithoutReview, document.MaterialsArticle);
        Assert.Equal(
            [
                ("draft", "present"), ("legal-bases", "present"), ("consultation-record", "not-applicable"),
                ("fair-competition-review", "not-applicable"), ("legality-review-opinion", "present"),
            ],
            document.Materials.Select(m => (m.Code, m.Status)));
        Assert.Equal("Legality review opinion", document.Materials.Single(m => m.Code == "legality-review-opinion").TitleEn);
        Assert.Equal(NormativeSteps.LegalityReview, document.Materials.Single(m => m.Code == "legality-review-opinion").StepId);
        Assert.Equal("第二十九条", decision.MaterialsArticle);
        Assert.Equal(
            ["draft", "drafting-explanation", "public-opinions", "group-opinions", "expert-opinions", "risk-assessment-report",
                "fair-competition-review", "legal-counsel-opinion", "legality-review-opinion"],
            decision.Materials.Select(m => m.Code));

        // The record's refusals, item by item on the same meeting: the head before the members (409), an outcome that is
        // none of the four (422), a decision by someone not the head (403) — 第三十条 for the major decision, Notice 37 for the document.
        await driver.RecordAttendanceAsync(meeting.Id);
        foreach (var (item, article) in new[] { (decision, CollectiveDecision.Article), (document, Notice37) })
        {
            var headFirst = await (await driver.As("chief")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision", new { outcome = "approved", text = "同意。" })
                .ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(("head-speaks-last", article), (headFirst.Code, headFirst.Article));
            var unknown = await (await driver.As("chief")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision", new { outcome = "maybe", text = "再议。" })
                .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(("unknown-outcome", article), (unknown.Code, unknown.Article));
            var notHead = await (await driver.As("secretary")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision", new { outcome = "approved", text = "同意。" })
                .ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(("forbidden", article), (notHead.Code, notHead.Article));
        }
        // Nothing was written by any refusal.
        Assert.All((await (await driver.As("secretary")).GetAsync($"/api/meetings/{meeting.Id}").ExpectAsync<MeetingView>(HttpStatusCode.OK, server)).Agenda,
            i => Assert.Empty(i.Statements));

        // The meeting page shows each item's materials under its own rule, and the head's hints on each item cite it.
        using var page = new WebSession(server);
        await page.SignInAsync("chief");
        var html = await page.GetAsync($"/meetings/{meeting.Id}");
        var items = html.QuerySelectorAll("article.agenda-item").ToDictionary(a => Guid.Parse(a.GetAttribute("data-item")!));
        Assert.Contains("国办发〔2018〕37号", items[document.Id].QuerySelector("details summary")!.TextContent);
        Assert.Equal(["draft", "legal-bases", "consultation-record", "fair-competition-review", "legality-review-opinion"],
            items[document.Id].QuerySelectorAll("tr[data-material]").Select(r => r.GetAttribute("data-material")));
        Assert.Contains("第二十九条", items[decision.Id].QuerySelector("details summary")!.TextContent);
        Assert.Contains("严格落实集体审议制度", items[document.Id].QuerySelector("h4 .badge")!.TextContent);
        Assert.Equal("第三十条", items[decision.Id].QuerySelector("h4 .badge")!.TextContent.Trim());
        // So do the decision's task pages: the document's cites Notice 37, the major decision's 第三十条.
        var documentHelp = (await page.GetAsync($"/meetings/tasks/{(await driver.OpenTaskAsync(id, NormativeSteps.CollectiveDecision)).Id}"))
            .QuerySelector("#meeting-step-help")!.TextContent;
        Assert.Contains("严格落实集体审议制度", documentHelp);
        Assert.DoesNotContain("第三十条", documentHelp);
        Assert.Contains("第三十条", (await page.GetAsync($"/meetings/tasks/{(await driver.OpenTaskAsync(major.Id, "collective-decision")).Id}"))
            .QuerySelector("#meeting-step-help")!.TextContent);

        // The API's history answers the stored notes in the reader's language (as the page does), the stored note beside it.
        using var english = new HttpRequestMessage(HttpMethod.Get, $"{url}/events");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var events = await (await driver.As("drafter")).SendAsync(english).ExpectAsync<List<JsonElement>>(HttpStatusCode.OK, server);
        var reviewed = events.Single(e => e.GetProperty("type").GetString() == "reviewed");
        Assert.Equal((ReviewConclusions.Lawful, "lawful"), (reviewed.GetProperty("storedNote").GetString(), reviewed.GetProperty("note").GetString()));
        var chinese = (await (await driver.As("drafter")).GetAsync($"{url}/events").ExpectAsync<List<JsonElement>>(HttpStatusCode.OK, server))
            .Single(e => e.GetProperty("type").GetString() == "reviewed");
        Assert.Equal((ReviewConclusions.Lawful, "合法"), (chinese.GetProperty("storedNote").GetString(), chinese.GetProperty("note").GetString()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_meetings_page_states_the_rule_of_each_kind_of_meeting_its_reader_arranges(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var county = new WebSession(server);
        await county.SignInAsync("secretary");
        var hints = (await county.GetAsync("/meetings")).QuerySelectorAll("p.hint[data-kind]").ToList();
        var standing = Assert.Single(hints);
        Assert.Equal(MeetingKinds.Standing, standing.GetAttribute("data-kind"));
        Assert.Contains("第三十条", standing.TextContent);

        using var bureau = new WebSession(server);
        await bureau.SignInAsync("deptsecretary");
        var office = Assert.Single((await bureau.GetAsync("/meetings")).QuerySelectorAll("p.hint[data-kind]"));
        Assert.Equal(MeetingKinds.Office, office.GetAttribute("data-kind"));
        Assert.Contains("国办发〔2018〕37号", office.TextContent);
        Assert.DoesNotContain("第三十条", office.TextContent);
    }
}
