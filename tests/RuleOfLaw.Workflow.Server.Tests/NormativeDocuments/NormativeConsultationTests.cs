using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A normative document's consultation runs on the participation module (same step id, portal and comment intake), with
/// the normative minimum in its snapshot: 7 working days, 30 days when the document is tied to market actors, which
/// also go through the fair-competition review first (issue 14 item 2).
/// </summary>
public sealed class NormativeConsultationTests
{
    /// <summary>
    /// The article the jurisdiction's 30-day setting carries (<c>normativeDocuments.periods.consultationMinimumMarketActors</c>):
    /// the definition's <c>minimum</c> on <c>public-participation</c> names no article of its own (version 2), so the
    /// engine cites the setting's, the rule of the draft's own minimum, not a generic one.
    /// </summary>
    private static readonly string SettingArticle =
        NormativeDocumentSettings.Default.Period(NormativeDocumentSettings.ConsultationMinimumMarketActors).Article!;

    /// <summary>The end of a Beijing day (24:00 local) as UTC.</summary>
    private static DateTimeOffset EndOfBeijingDay(int year, int month, int day) => new DateTimeOffset(year, month, day, 16, 0, 0, TimeSpan.Zero);

    private static object Draft(Guid issuerId, bool affectsMarketActors, string title) => new
    {
        issuerId, kind = NormativeDocumentKinds.Department, title, provisional = false, validityYears = 5, affectsMarketActors,
        majorDecision = false, legalBases = new[] { "《政府投资条例》" }, publicConsultation = true,
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_document_tied_to_market_actors_needs_the_fair_competition_review_and_a_consultation_of_30_days(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        // Drafted Mon 2026-03-02 09:00 Beijing (the test clock's start).
        var id = (await api.PostAsync("drafter", "/api/normative-documents", Draft(await api.ListBureauAsync(), true, "示范县招商引资优惠政策管理办法"),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var url = $"/api/normative-documents/{id}";
        var instance = await driver.GetInstanceAsync(id);
        var matterId = Guid.Parse(instance.MatterId);

        // Fair-competition review comes first: submission for legality review is not open yet, and is refused.
        var fairCompetition = Assert.Single(instance.OpenTasks);
        Assert.Equal(NormativeSteps.FairCompetition, fairCompetition.StepId);
        var notYet = await (await driver.As("drafter")).PostJsonAsync($"{url}/review-submission", null).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("step-not-open", notYet.Code);
        Assert.Equal("drafting", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
        // The step needs the review's conclusion (the fair-competition module's guard, same step id).
        // A normative document's review rests on the fair-competition review rules its procedure names, not on the
        // major-decision Regulation's 第二十九条第一项: the refusal cites them.
        var none = await driver.CompleteRawAsync("drafter", fairCompetition.Id, "reviewed").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("fair-competition-conclusion-missing", "《公平竞争审查条例》"), (none.Code, none.Article));
        // The compliance report's line for the review cites the same rule: pending before a conclusion, unmet while the
        // latest conclusion is "not compliant", met once the step is done with its conclusion (in the reader's language).
        async Task<ComplianceItem> FairCompetitionLine(string language = "zh-CN")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/matters/{matterId}/compliance");
            request.Headers.AcceptLanguage.ParseAdd(language);
            var report = await (await driver.As("drafter")).SendAsync(request).ExpectAsync<ComplianceReport>(HttpStatusCode.OK, server);
            return report.Items.Single(i => i.Code == "normative:fair-competition");
        }
        var pending = await FairCompetitionLine();
        Assert.Equal((ComplianceStatus.Pending, "《公平竞争审查条例》", "涉及市场主体经济活动，尚未完成公平竞争审查。"), (pending.Status, pending.Article, pending.Detail));
        Assert.Equal([NormativeSteps.ReviewSubmission, NormativeSteps.CollectiveDecision], pending.RequiredBefore);
        await (await driver.As("drafter")).PostJsonAsync($"/api/matters/{matterId}/fair-competition/reviews", new { conclusion = "not-compliant", detail = "第五条限定本地企业参与。" })
            .ExpectAsync(HttpStatusCode.Created, server);
        var unmet = await FairCompetitionLine("en");
        Assert.Equal((ComplianceStatus.Unmet, "《公平竞争审查条例》"), (unmet.Status, unmet.Article));
        Assert.Equal(("Fair-competition review (a document affecting market actors)",
            "The fair-competition review found the document not compliant: it must be adjusted and reviewed again."), (unmet.TitleEn, unmet.Detail));
        await (await driver.As("drafter")).PostJsonAsync($"/api/matters/{matterId}/fair-competition/reviews", new { conclusion = "compliant" })
            .ExpectAsync(HttpStatusCode.Created, server);
        instance = await driver.CompleteAsync(id, NormativeSteps.FairCompetition, "reviewed");
        var met = await FairCompetitionLine();
        Assert.Equal((ComplianceStatus.Met, "《公平竞争审查条例》"), (met.Status, met.Article));
        Assert.EndsWith("记录公平竞争审查结论：符合公平竞争审查标准。", met.Detail);
        Assert.EndsWith("recorded the fair-competition review's conclusion on 2026-03-02 09:00: compliant with the fair-competition standards.",
            (await FairCompetitionLine("en")).Detail);
        var participation = Assert.Single(instance.OpenTasks);
        Assert.Equal(NormativeSteps.Consultation, participation.StepId);

        // 30 calendar days from Mon 03-02 run through Wed 04-01. A consultation closing at the end of Tue 03-31 is refused,
        // citing the normative rule, and nothing is written; closing at the end of 04-01 is accepted.
        using (var tooShort = await PublishRawAsync(driver, matterId, Participation.ParticipationApi.Draft(EndOfBeijingDay(2026, 3, 31))))
        {
            var refusal = await tooShort.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(("consultation-period-too-short", SettingArticle), (refusal.Code, refusal.Article));
            Assert.Contains("与市场主体生产经营活动密切相关的，征求意见一般不少于30日", refusal.Article);
            Assert.Equal("公开征求意见的期限不得少于30日（本次应至2026-04-01 24:00届满）；只有情况紧急的事项才能缩短。", refusal.Detail);
        }
        Assert.Empty((await GetAsync<ParticipationOverview>(driver, $"/api/matters/{matterId}/participation")).Consultations);
        var consultation = await PublishAsync(driver, matterId, Participation.ParticipationApi.Draft(EndOfBeijingDay(2026, 4, 1)));
        Assert.Equal((EndOfBeijingDay(2026, 4, 1), EndOfBeijingDay(2026, 4, 1)), (consultation.ClosesAt, consultation.MinimumClosesAt));
        Assert.False(consultation.Shortened);

        // Closing before the published end is refused on the last day itself (the period runs through 24:00) ...
        var close = $"/api/consultations/{consultation.Id}/close";
        driver.MoveClockTo(EndOfBeijingDay(2026, 4, 1).AddTicks(-1));
        Assert.Equal("consultation-still-open", (await ProblemAsync(driver, close, new { }, HttpStatusCode.Conflict)).Code);
        var early = await driver.CompleteRawAsync("drafter", participation.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("consultation-not-closed", early.Code);
        // ... and accepted once it has ended; with the (empty) feedback published the document moves on to legality review.
        driver.MoveClockTo(EndOfBeijingDay(2026, 4, 1));
        Assert.Equal("closed", (await PostAsync<ConsultationView>(driver, close, new { })).Status);
        await PostAsync<FeedbackView>(driver, $"/api/consultations/{consultation.Id}/feedback", new { summary = "征求意见期间未收到意见。" });
        instance = await driver.CompleteAsync(id, NormativeSteps.Consultation, "opinions-heard");
        Assert.Equal(NormativeSteps.ReviewSubmission, Assert.Single(instance.OpenTasks).StepId);
        await api.SubmitForReviewAsync(id);
        Assert.Equal("in-review", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Comments_from_the_public_intake_count_on_the_documents_consultation_and_must_be_answered_before_it_moves_on(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = (await api.PostAsync("drafter", "/api/normative-documents", Draft(await api.ListBureauAsync(), false, "示范县城市道路占用挖掘管理办法"),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var instance = await driver.GetInstanceAsync(id);
        var matterId = Guid.Parse(instance.MatterId);
        // Not tied to market actors: no fair-competition review, the consultation is open at once.
        var participation = Assert.Single(instance.OpenTasks);
        Assert.Equal(NormativeSteps.Consultation, participation.StepId);

        // Without a closing date the consultation runs for the general minimum: 7 working days from Mon 03-02, through Wed 03-11.
        var consultation = await PublishAsync(driver, matterId, Participation.ParticipationApi.Draft());
        Assert.Equal(EndOfBeijingDay(2026, 3, 11), consultation.ClosesAt);
        using var anonymous = server.CreateAnonymousClient();
        Assert.Contains(consultation.Id, (await anonymous.GetAsync("/api/public/consultations")
            .ExpectAsync<List<PublicConsultationView>>(HttpStatusCode.OK, server)).Select(c => c.Id));
        await CommentAsync(server, anonymous, consultation.Id, "建议明确占道施工的夜间作业时间。", "individual", "王某");
        await CommentAsync(server, anonymous, consultation.Id, "挖掘修复保证金标准过高。", "organization", "示范县建筑业协会");

        var url = $"/api/consultations/{consultation.Id}";
        var view = await GetAsync<ConsultationView>(driver, url);
        Assert.Equal((matterId, 2, 2), (view.MatterId, view.Comments, view.Unanswered));
        Assert.Equal(consultation.Id, Assert.Single((await GetAsync<ParticipationOverview>(driver, $"/api/matters/{matterId}/participation")).Consultations).Id);

        driver.MoveClockTo(consultation.ClosesAt);
        var closed = await PostAsync<ConsultationView>(driver, url + "/close", new { });
        Assert.Equal(2, closed.CommentCountAtClose);

        // Closed, but both comments unanswered and no feedback: the step is refused (art. 18), the procedure stays put.
        var unanswered = await driver.CompleteRawAsync("drafter", participation.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["comments-unanswered", "feedback-not-published"],
            unanswered.Json.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        var comments = await GetAsync<List<CommentView>>(driver, url + "/comments");
        Assert.Equal(2, comments.Count);
        await PostAsync<GroupView>(driver, url + "/responses", new { commentId = comments[0].Id, decision = "adopted" });
        // One still unanswered: the feedback report cannot be published and the step still cannot complete.
        Assert.Equal(1, (await GetAsync<ConsultationView>(driver, url)).Unanswered);
        Assert.Equal("comments-unanswered", (await ProblemAsync(driver, url + "/feedback", new { summary = "采纳情况如下。" }, HttpStatusCode.Conflict)).Code);
        var oneLeft = await driver.CompleteRawAsync("drafter", participation.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("comments-unanswered", oneLeft.Code);
        Assert.Equal(NormativeSteps.Consultation, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);

        await PostAsync<GroupView>(driver, url + "/responses", new { commentId = comments[1].Id, decision = "not-adopted", reason = "保证金标准按省定标准执行。" });
        await PostAsync<FeedbackView>(driver, url + "/feedback", new { summary = "共收到意见2条，采纳1条。" });
        instance = await driver.CompleteAsync(id, NormativeSteps.Consultation, "opinions-heard");
        Assert.Equal(NormativeSteps.ReviewSubmission, Assert.Single(instance.OpenTasks).StepId);

        // Submitted for legality review: the package from the record carries the consultation with its period in local
        // time (opened Mon 03-02 09:00, its end the last day's 24:00), its comments and the step that held it; with the
        // draft uploaded it lacks nothing.
        await api.SubmitForReviewAsync(id);
        var package = await api.GetAsync("reviewer", $"/api/normative-documents/{id}/review-package");
        var held = Assert.Single(package.GetProperty("consultations").EnumerateArray());
        Assert.Equal((2, "2026-03-02 09:00", "2026-03-11 24:00"), (held.GetProperty("comments").GetInt32(),
            held.GetProperty("opens").GetString(), held.GetProperty("closes").GetString()));
        Assert.Equal(JsonValueKind.String, held.GetProperty("feedbackPublishedAt").ValueKind);
        Assert.Equal("completed", package.GetProperty("procedures").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == NormativeSteps.Consultation)
            .GetProperty("status").GetString());
        Assert.Empty(package.GetProperty("missing").EnumerateArray());
        Assert.True((await driver.VerifyJournalAsync(id)).Valid);
    }
}
