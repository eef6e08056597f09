using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// Issue 14's "done means" through the API: one department document tied to market actors runs the whole procedure —
/// drafting, fair-competition review, a 30-day public consultation with a comment from the portal, the legality review
/// on a complete package, the office meeting, signature, "三统一" registration, publication on the portal, filing and
/// the filing review — each step by the module that owns it, and the procedure ends with a sound journal.
/// </summary>
public sealed class NormativeEndToEndTests
{
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

        // The department's office meeting, the head's signature, "三统一" registration and publication.
        Assert.Equal(NormativeSteps.OfficeMeeting, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);
        await api.PostAsync("drafthead", $"{url}/deliberation", new { meetingDate = earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), adopted = true, attendees = "李局长、王副局长" });
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
            NormativeSteps.OfficeMeeting, NormativeSteps.Registration, NormativeSteps.Publication, NormativeSteps.Filing], completed);
        Assert.True((await driver.VerifyJournalAsync(id)).Valid);
        var history = (await api.GetAsync("drafter", $"{url}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["drafted", "submitted-for-review", "reviewed", "deliberated", "signed", "registered", "published", "filed"], history.Take(8));
        Assert.Contains("filing-accepted", history);
        Assert.Equal("published", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
    }
}
