using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// Issue 14's "done means" through the API: one department document tied to market actors runs the whole procedure —
/// drafting, fair-competition review, a 30-day public consultation with a comment from the portal, the legality review
/// on a complete package, the office meeting (the meetings module, definition version 3), signature, "三统一" registration, publication on the portal, filing and
/// the filing review — each step by the module that owns it, and the procedure ends with a sound journal.
/// </summary>
public sealed class NormativeEndToEndTests : IDisposable
{
    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-normative-v2-").FullName;

    public void Dispose() => Directory.Delete(_workflows, recursive: true);

    /// <summary>The end of a Beijing day (24:00 local) as UTC.</summary>
    private static DateTimeOffset EndOfBeijingDay(int year, int month, int day) => new(year, month, day, 16, 0, 0, TimeSpan.Zero);

    /// <summary>09:00 Beijing on a local day.</summary>
    private static DateTimeOffset Beijing9(DateOnly day) => new(day.Year, day.Month, day.Day, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_department_document_runs_from_drafting_through_consultation_review_meeting_registration_publication_and_filing_review(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuer = await api.ListBureauAsync();

        // Drafting, Mon 2026-03-02 09:00 Beijing: tied to market actors, so the fair-competition review and a 30-day consultation.
        var drafted = await api.PostAsync("drafter", "/api/normative-documents", new
        {
            issuerId = issuer, kind = NormativeDocumentKinds.Department, title = "示范县招商引资优惠政策管理办法", provisional = false, validityYears = 5,
            affectsMarketActors = true, majorDecision = false, legalBases = new[] { "《优化营商环境条例》", "《政府投资条例》" }, publicConsultation = true,
        }, HttpStatusCode.Created);
        var id = drafted.GetProperty("id").GetGuid();
        var url = $"/api/normative-documents/{id}";
        Assert.Equal(NormativeSteps.FairCompetition, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);

        // Fair-competition review (the fair-competition module, same step id).
        await (await driver.As("drafter")).PostJsonAsync($"/api/matters/{id}/fair-competition/reviews", new { conclusion = "compliant" })
            .ExpectAsync(HttpStatusCode.Created, server);
        await driver.CompleteAsync(id, NormativeSteps.FairCompetition, "reviewed");

        // Consultation on the portal (the participation module): 30 days, through Wed 04-01 24:00; a citizen comments.
        var consultation = await PublishAsync(driver, id, Participation.ParticipationApi.Draft(EndOfBeijingDay(2026, 4, 1)));
        using var anonymous = server.CreateAnonymousClient();
        await CommentAsync(server, anonymous, consultation.Id, "建议明确优惠政策的兑现时限。", "individual", "王某");
        driver.MoveClockTo(EndOfBeijingDay(2026, 4, 1));
        var consultationUrl = $"/api/consultations/{consultation.Id}";
        await PostAsync<ConsultationView>(driver, consultationUrl + "/close", new { });
        var comment = Assert.Single(await GetAsync<List<CommentView>>(driver, consultationUrl + "/comments"));
        await PostAsync<GroupView>(driver, consultationUrl + "/responses", new { commentId = comment.Id, decision = "adopted" });
        await PostAsync<FeedbackView>(driver, consultationUrl + "/feedback", new { summary = "共收到意见1条，已采纳。" });
        await driver.CompleteAsync(id, NormativeSteps.Consultation, "opinions-heard");

        // Submission for legality review, Thu 04-02: without the draft in the record it is refused (Opinion 115), nothing written.
        var before = await DatabaseSnapshot.TakeAsync(server);
        var incomplete = await (await driver.As("drafter")).PostJsonAsync($"{url}/review-submission", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("review-package-incomplete", LegalityReviewPackage.Article), (incomplete.Code, incomplete.Article));
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the submission without the draft");
        var submitted = await api.SubmitForReviewAsync(id);
        Assert.Equal("in-review", submitted.GetProperty("status").GetString());

        // The package carries the consultation with its period in local time; the justice office reads it on its page.
        var package = await api.GetAsync("reviewer", $"{url}/review-package");
        Assert.Empty(package.GetProperty("missing").EnumerateArray());
        var held = Assert.Single(package.GetProperty("consultations").EnumerateArray());
        Assert.Equal(("2026-03-02 09:00", "2026-04-01 24:00", 1), (held.GetProperty("opens").GetString(), held.GetProperty("closes").GetString(),
            held.GetProperty("comments").GetInt32()));
        using (var reviewerPage = new WebSession(server))
        {
            await reviewerPage.SignInAsync("reviewer");
            var opinionPage = await reviewerPage.GetAsync($"/normative/documents/{id}/review-opinion");
            var line = opinionPage.QuerySelector("#package-consultations li")!;
            Assert.Contains("2026-03-02 09:00", line.TextContent);
            Assert.Contains("2026-04-01 24:00", line.TextContent);
            Assert.NotNull(opinionPage.QuerySelector("#opinion-form"));
        }

        // Legality review: the opinion on the earliest day the review window allows, "lawful" with every item answered.
        var earliest = DateOnly.Parse((await api.GetAsync("drafter", url)).GetProperty("reviewEarliestOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        driver.MoveClockTo(Beijing9(earliest));
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());

        // The department's office meeting through the meetings module (version 3): the bureau's secretary arranges it
        // and places the document on its agenda, records who is present; the member speaks, the head decides last.
        Assert.Equal(NormativeSteps.MeetingScheduling, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);
        var meeting = await driver.CreateMeetingAsync(MeetingKinds.Office, organ: NormativeApi.Bureau, secretary: "deptsecretary");
        Assert.Equal(("部门办公会议", NormativeApi.Bureau), (meeting.KindName, meeting.DecisionOrganId));
        var item = await driver.PlaceAsync(meeting.Id, id, "deptsecretary");
        Assert.Equal(NormativeSteps.CollectiveDecision, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);
        var participants = await driver.ParticipantsAsync(meeting.Id, "deptsecretary");
        Assert.Equal([("刘副局长（发改局领导班子成员）", "member"), ("李局长（发改局负责人）", "head")], participants.Select(p => (p.Name, p.Capacity)));
        await driver.RecordAttendanceAsync(meeting.Id, secretary: "deptsecretary");
        await (await driver.As("deputyhead")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions",
            new { position = "agree", text = "同意，建议明确兑现时限。" }).ExpectAsync(HttpStatusCode.Created, server);
        var decided = await (await driver.As("drafthead")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision",
            new { outcome = "approved", text = "审议通过。" }).ExpectAsync<AgendaItemView>(HttpStatusCode.Created, server);
        Assert.Equal(["member", "head"], decided.Statements.Select(st => st.Capacity));
        Assert.Equal("deliberated", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());

        // The head's signature, "三统一" registration and publication.
        await api.PostAsync("drafthead", $"{url}/signature", null);
        var registered = await api.PostAsync("reviewer", $"{url}/registration", null);
        Assert.Equal(("XFGGS—2026—1", "示发改规〔2026〕1号"), (registered.GetProperty("registrationNumber").GetString(), registered.GetProperty("documentNumber").GetString()));
        await api.PostAsync("reviewer", $"{url}/publication", new { fullText = "第一条 为规范招商引资优惠政策……" });

        // On the portal: the current-documents catalogue and the document with its numbers and full text.
        var catalogue = await anonymous.GetStringAsync("/api/public/normative-documents");
        Assert.Contains(id.ToString(), catalogue);
        var published = await anonymous.GetStringAsync($"/api/public/normative-documents/{id}");
        Assert.Contains("XFGGS—2026—1", published);
        Assert.Contains("第一条 为规范招商引资优惠政策", published);

        // Filing with the same-level government (one recipient for a department document), and the filing review.
        var filing = Assert.Single((await api.GetAsync("drafter", $"{url}/filings")).EnumerateArray()).GetProperty("id").GetGuid();
        await api.PostAsync("drafter", $"/api/normative-filings/{filing}/submission", null);
        await api.PostAsync("reviewer", $"/api/normative-filings/{filing}/registration", null);
        await api.PostAsync("reviewer", $"/api/normative-filings/{filing}/review", new { result = "accepted" });

        var instance = await driver.GetInstanceAsync(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var completed = (await driver.JournalAsync(id)).Where(e => e.Type == "TaskCompleted").Select(e => e.StepId).ToList();
        Assert.Equal([NormativeSteps.FairCompetition, NormativeSteps.Consultation, NormativeSteps.ReviewSubmission, NormativeSteps.LegalityReview,
            NormativeSteps.MeetingScheduling, NormativeSteps.CollectiveDecision, NormativeSteps.Registration, NormativeSteps.Publication, NormativeSteps.Filing], completed);
        Assert.True((await driver.VerifyJournalAsync(id)).Valid);
        var history = (await api.GetAsync("drafter", $"{url}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["drafted", "submitted-for-review", "reviewed", "deliberated", "signed", "registered", "published", "filed"], history.Take(8));
        Assert.Contains("filing-accepted", history);
        Assert.Equal("published", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
    }

    /// <summary>
    /// A document drafted while version 2 was the current version stays pinned to it when version 3 is installed: its
    /// department's office meeting is still its head's record (<c>POST …/deliberation</c>, the step <c>office-meeting</c>),
    /// with its refusals, while a document drafted afterwards goes through the meetings module and is refused that record.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_document_pinned_to_version_2_keeps_its_heads_office_meeting_record_after_version_3_is_installed(DatabaseProvider provider)
    {
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        foreach (var folder in new[] { "calendars", "jurisdictions" })
        {
            Directory.CreateDirectory(Path.Combine(_workflows, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, Path.Combine(_workflows, folder, Path.GetFileName(file)));
            }
        }
        File.Copy(Path.Combine(source, "major-administrative-decision.json"), Path.Combine(_workflows, "major-administrative-decision.json"));
        var two = File.ReadAllText(Path.Combine(DefinitionEndpointTests.RepositoryRoot, "tests", "RuleOfLaw.Workflow.Server.Tests", "NormativeDocuments", "Fixtures",
            "normative-document-v2.json"));
        Assert.Contains("\"version\": 2,", two, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, "normative-document.json"), two);

        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid pinned;
        Guid issuer;
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
            using var starter = new ProcedureDriver(first);
            var before = new NormativeApi(starter);
            issuer = await before.ListBureauAsync();
            pinned = await before.DraftAsync(issuer);
        }

        // Version 3 replaces the file: the running document stays on version 2.
        File.Copy(DefinitionEndpointTests.NormativeDefinitionPath, Path.Combine(_workflows, "normative-document.json"), overwrite: true);
        await using var server = new ServerFactory(database, _workflows);
        server.StartServer();
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        Assert.Equal(2, (await driver.GetInstanceAsync(pinned)).DefinitionVersion);
        var url = $"/api/normative-documents/{pinned}";

        // Not reviewed: the head's record is refused (Notice 37), nothing written.
        var record = new { meetingDate = "2026-03-09", adopted = true, attendees = "李局长、刘副局长" };
        var unreviewed = await (await driver.As("drafthead")).PostJsonAsync($"{url}/deliberation", record).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-reviewed", unreviewed.Code);
        Assert.Contains("未经合法性审核或者经审核不合法的，不得提交集体审议", unreviewed.Article);
        await api.SubmitForReviewAsync(pinned);
        driver.MoveClockTo(Beijing9(new DateOnly(2026, 3, 9)));
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());

        // Reviewed lawful: the step is its head's office meeting, not the meetings module's agenda.
        Assert.Equal(NormativeSteps.OfficeMeeting, Assert.Single((await driver.GetInstanceAsync(pinned)).OpenTasks).StepId);
        var meeting = await driver.CreateMeetingAsync(MeetingKinds.Office, organ: NormativeApi.Bureau, secretary: "deptsecretary");
        var notAwaiting = await (await driver.As("deptsecretary")).PostJsonAsync($"/api/meetings/{meeting.Id}/agenda", new { matterId = pinned })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("step:meeting-scheduling", notAwaiting.Json.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("deliberated", (await api.PostAsync("drafthead", $"{url}/deliberation", record)).GetProperty("status").GetString());
        Assert.Equal(NormativeSteps.Registration, Assert.Single((await driver.GetInstanceAsync(pinned)).OpenTasks).StepId);
        var completed = (await driver.JournalAsync(pinned)).Where(e => e.Type == "TaskCompleted").Select(e => e.StepId).ToList();
        Assert.Equal([NormativeSteps.ReviewSubmission, NormativeSteps.LegalityReview, NormativeSteps.OfficeMeeting], completed);

        // A document drafted now runs on the current version (4): its deliberation is the meetings module's.
        var current = await api.DraftAsync(issuer, "示范县政府投资项目后评价办法");
        Assert.Equal(4, (await driver.GetInstanceAsync(current)).DefinitionVersion);
        Assert.True((await driver.VerifyJournalAsync(pinned)).Valid);
    }
}
