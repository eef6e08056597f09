using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// An open consultation from publication to the completed step (arts. 14, 15, 18): the period from the jurisdiction's
/// minimum, public comments with receipts, the close journaling count and hash, responses, the feedback report, and
/// the guard refusing completion at each stage with its article.
/// </summary>
public sealed class ConsultationLifecycleTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Happy_path_from_publication_to_the_completed_step_with_the_guard_refusing_each_missing_piece(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);

        var consultation = await PublishAsync(driver, matter.Id);
        Assert.Equal(TestClock.DefaultStart, consultation.OpensAt);
        Assert.Equal(DefaultCloses, consultation.ClosesAt);
        Assert.Equal(DefaultCloses, consultation.MinimumClosesAt);
        Assert.False(consultation.Shortened);
        Assert.Equal("open", consultation.Status);
        Assert.Contains("2026-04-01", consultation.MinimumRule);

        // The public sees it without signing in.
        using var anonymous = server.CreateAnonymousClient();
        var open = await anonymous.GetAsync("/api/public/consultations").ExpectAsync<List<PublicConsultationView>>(HttpStatusCode.OK, server);
        Assert.Equal(consultation.Id, Assert.Single(open).Id);
        // How to comment, in the reader's language with the end in Beijing time as the last day's 24:00, never UTC (issue 12 item 5).
        Assert.Equal($"POST /api/public/consultations/{consultation.Id}/comments，截止时间 2026-04-01 24:00。", open[0].HowToComment);
        using (var english = new HttpRequestMessage(HttpMethod.Get, $"/api/public/consultations/{consultation.Id}"))
        {
            english.Headers.AcceptLanguage.ParseAdd("en");
            var inEnglish = await anonymous.SendAsync(english).ExpectAsync<PublicConsultationView>(HttpStatusCode.OK, server);
            Assert.Equal($"POST /api/public/consultations/{consultation.Id}/comments; comments until 2026-04-01 24:00.", inEnglish.HowToComment);
        }

        var first = await CommentAsync(server, anonymous, consultation.Id, "建议保留夜间免费停车。", "individual", "王某");
        Assert.Equal($"{matter.Number}-C000001", first.ReceiptNumber);
        Assert.Equal(TestClock.DefaultStart, first.ReceivedAt);
        var second = await CommentAsync(server, anonymous, consultation.Id, "反对涨价！", "organization", "某业主委员会");
        Assert.Equal($"{matter.Number}-C000002", second.ReceiptNumber);
        await CommentAsync(server, anonymous, consultation.Id, "反对 涨价");

        // Completing now: the consultation is still running (art. 15), nothing is answered (art. 18).
        var task = await driver.OpenTaskAsync(matter.Id, "public-participation");
        var early = await driver.CompleteRawAsync("drafter", task.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("consultation-not-closed", early.Code);
        Assert.Equal("第十五条", early.Article);

        // Closing before the end is refused: the published period may not be cut short.
        var url = $"/api/consultations/{consultation.Id}";
        var tooSoon = await ProblemAsync(driver, url + "/close", new { }, HttpStatusCode.Conflict);
        Assert.Equal("consultation-still-open", tooSoon.Code);

        driver.MoveClockTo(DefaultCloses);
        var closed = await PostAsync<ConsultationView>(driver, url + "/close", new { });
        Assert.Equal("closed", closed.Status);
        Assert.Equal(3, closed.CommentCountAtClose);
        Assert.Equal(2, closed.Groups);
        var journal = await driver.JournalAsync(matter.Id);
        var close = Assert.Single(journal, e => e.Type == "ConsultationClosed");
        using (var data = JsonDocument.Parse(close.DataJson))
        {
            Assert.Equal(3, data.RootElement.GetProperty("commentCount").GetInt32());
            Assert.Equal(closed.CommentsHash, data.RootElement.GetProperty("commentsHash").GetString());
        }
        Assert.Single(journal, e => e.Type == "ConsultationPublished");
        Assert.DoesNotContain(journal, e => e.Type.Contains("Comment", StringComparison.Ordinal) && e.Type != "ConsultationClosed");

        var unanswered = await driver.CompleteRawAsync("drafter", task.Id, "opinions-heard").ReadProblemAsync(HttpStatusCode.Conflict);
        var codes = unanswered.Json.GetProperty("refusals").EnumerateArray().Select(r => (r.GetProperty("code").GetString(), r.GetProperty("article").GetString())).ToList();
        Assert.Equal([("comments-unanswered", "第十八条"), ("feedback-not-published", "第十八条")], codes);

        // Feedback cannot be published while comments are unanswered.
        var notYet = await ProblemAsync(driver, url + "/feedback", new { summary = "采纳情况如下。" }, HttpStatusCode.Conflict);
        Assert.Equal("comments-unanswered", notYet.Code);

        var groups = await GetAsync<List<GroupView>>(driver, url + "/groups");
        var campaign = Assert.Single(groups, g => g.Count == 2);
        var single = Assert.Single(groups, g => g.Count == 1);
        // Not adopted needs a reason (art. 18); adopted does not.
        var reasonless = await ProblemAsync(driver, url + "/responses", new { groupKey = campaign.GroupKey, decision = "not-adopted" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason-required", reasonless.Code);
        Assert.Equal("第十八条", reasonless.Article);
        await PostAsync<GroupView>(driver, url + "/responses", new { groupKey = campaign.GroupKey, decision = "partly-adopted", reason = "首小时标准下调为4元。" });
        var answered = await PostAsync<GroupView>(driver, url + "/responses", new { groupKey = single.GroupKey, decision = "adopted" });
        Assert.Equal("adopted", answered.Response!.Decision);

        var feedback = await PostAsync<FeedbackView>(driver, url + "/feedback", new { summary = "共收到意见3条，采纳情况如下。" });
        Assert.Equal(2, feedback.Items.Count);
        var published = await anonymous.GetAsync(url.Replace("/api/", "/api/public/", StringComparison.Ordinal) + "/feedback")
            .ExpectAsync<FeedbackView>(HttpStatusCode.OK, server);
        Assert.Equal("共收到意见3条，采纳情况如下。", published.Summary);
        Assert.Contains(published.Items, i => i.Count == 2 && i.Decision == "partly-adopted" && i.Reason == "首小时标准下调为4元。");

        var done = await driver.CompleteRawAsync("drafter", task.Id, "opinions-heard");
        await done.ExpectAsync(HttpStatusCode.OK, server);
        Assert.True((await driver.VerifyJournalAsync(matter.Id)).Valid);

        var report = await GetAsync<ComplianceReport>(driver, $"/api/matters/{matter.Id}/compliance");
        var lines = report.Items.Where(i => i.Code.StartsWith("participation:", StringComparison.Ordinal)).ToList();
        Assert.All(lines.Where(i => i.Code != "participation:specific-group"), i => Assert.Equal(ComplianceStatus.Met, i.Status));
        Assert.Equal(ComplianceStatus.NotApplicable, Assert.Single(lines, i => i.Code == "participation:specific-group").Status);
        Assert.Contains(lines, i => i.Code == "participation:method" && i.Article == "第十四条" && i.Detail!.Contains("向社会公开征求意见", StringComparison.Ordinal));
        // Times in the lines are Beijing time, the period's end its last day's 24:00 (issue 12 item 5), never UTC.
        var period = Assert.Single(lines, i => i.Code == $"participation:consultation-period:{consultation.Id}");
        Assert.StartsWith("2026-03-02 09:00至2026-04-01 24:00，不少于法定最短期限（", period.Detail);
        var received = Assert.Single(lines, i => i.Code == $"participation:comments:{consultation.Id}").Detail!;
        Assert.StartsWith("收到意见3条，归为2组，隐藏0条（保留并可导出）。已于2026-04-02 00:00结束，结束时3条，哈希", received);
        Assert.DoesNotContain("UTC", string.Join(" ", lines.Select(i => i.Detail)), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_comment_one_millisecond_after_the_close_is_refused_on_first_try_and_on_retry_while_an_earlier_retry_gets_its_receipt(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var anonymous = server.CreateAnonymousClient();

        driver.MoveClockTo(DefaultCloses.AddMilliseconds(-1));
        var inTime = await CommentAsync(server, anonymous, consultation.Id, "最后一刻的意见。", key: "k-in-time");
        Assert.Equal(DefaultCloses.AddMilliseconds(-1), inTime.ReceivedAt);

        driver.MoveClockTo(DefaultCloses.AddMilliseconds(1));
        foreach (var attempt in new[] { 1, 2 })
        {
            using var late = await CommentRawAsync(anonymous, consultation.Id, "迟到的意见。", key: "k-late");
            var problem = await late.ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.True(problem.Code == "consultation-closed", $"attempt {attempt}: {problem}");
            Assert.Equal("第十五条", problem.Article);
        }
        // Exactly at the end is already too late (the period ends at 24:00, exclusive).
        using (var atEnd = await CommentRawAsync(anonymous, consultation.Id, "没有幂等键的迟到意见。"))
        {
            Assert.Equal("consultation-closed", (await atEnd.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        }

        // The retry of the comment that arrived in time: the same receipt, marked as a replay, no second comment.
        using (var retry = await CommentRawAsync(anonymous, consultation.Id, "最后一刻的意见。", key: "k-in-time"))
        {
            await retry.ExpectAsync(HttpStatusCode.Created, server);
            Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
            var again = await retry.ReadAsync<CommentReceipt>();
            Assert.Equal(inTime, again);
        }
        // The same key with another text is not a retry.
        using (var reused = await CommentRawAsync(anonymous, consultation.Id, "另一条意见。", key: "k-in-time"))
        {
            Assert.Equal("idempotency-key-reused", (await reused.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        }

        var stored = await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ConsultationComment>().Count(c => c.ConsultationId == consultation.Id)));
        Assert.Equal(1, stored);
        var closed = await PostAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}/close", new { });
        Assert.Equal(1, closed.CommentCountAtClose);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_shorter_period_needs_an_urgent_matter_and_the_reason_at_publication(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var shortEnd = new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero);

        var ordinary = await AtParticipationAsync(driver);
        using (var refused = await PublishRawAsync(driver, ordinary.Id, Draft(shortEnd, "防汛形势紧急。")))
        {
            var problem = await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("consultation-period-too-short", problem.Code);
            Assert.Equal("第十五条", problem.Article);
            Assert.Contains("2026-04-01", problem.Detail);
        }
        // Nothing was written by the refusal.
        Assert.DoesNotContain(await driver.JournalAsync(ordinary.Id), e => e.Type == "ConsultationPublished");
        Assert.Equal(0, await server.WithDatabaseAsync(db => Task.FromResult(db.Set<Consultation>().Count())));

        var urgent = await AtParticipationAsync(driver, new Dictionary<string, bool> { ["urgent"] = true });
        using (var noReason = await PublishRawAsync(driver, urgent.Id, Draft(shortEnd)))
        {
            var problem = await noReason.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("urgency-reason-required", problem.Code);
            Assert.Equal("第十五条", problem.Article);
        }
        var shortened = await PublishAsync(driver, urgent.Id, Draft(shortEnd, "汛期临近，须在主汛期前实施。"));
        Assert.True(shortened.Shortened);
        Assert.Equal(shortEnd, shortened.ClosesAt);
        Assert.Equal(DefaultCloses, shortened.MinimumClosesAt);
        Assert.Equal("汛期临近，须在主汛期前实施。", shortened.UrgencyReason);
        var published = Assert.Single(await driver.JournalAsync(urgent.Id), e => e.Type == "ConsultationPublished");
        using var data = JsonDocument.Parse(published.DataJson);
        Assert.True(data.RootElement.GetProperty("shortened").GetBoolean());
        Assert.Equal("汛期临近，须在主汛期前实施。", data.RootElement.GetProperty("urgencyReason").GetString());

        // A second consultation while one runs is refused.
        using var twice = await PublishRawAsync(driver, urgent.Id, Draft());
        Assert.Equal("consultation-already-open", (await twice.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_extension_is_journaled_with_its_reason_and_moves_the_end_for_comments_and_the_close(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        var url = $"/api/consultations/{consultation.Id}";
        var newEnd = DefaultCloses.AddDays(7);

        var reasonless = await ProblemAsync(driver, url + "/extend", new { closesAt = newEnd, reason = " " }, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", reasonless.Code);
        Assert.Equal(["reason"], reasonless.Errors!.Value.EnumerateObject().Select(e => e.Name.ToLowerInvariant()));
        var earlier = await ProblemAsync(driver, url + "/extend", new { closesAt = DefaultCloses.AddDays(-1), reason = "误操作" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("extension-not-later", earlier.Code);
        var extended = await PostAsync<ConsultationView>(driver, url + "/extend", new { closesAt = newEnd, reason = "意见较多，延长7日。" });
        Assert.Equal(newEnd, extended.ClosesAt);
        var entry = Assert.Single(await driver.JournalAsync(matter.Id), e => e.Type == "ConsultationExtended");
        Assert.Equal("意见较多，延长7日。", entry.Comment);
        Assert.Equal("public-participation", entry.StepId);

        driver.MoveClockTo(DefaultCloses.AddHours(1));
        using var anonymous = server.CreateAnonymousClient();
        await CommentAsync(server, anonymous, consultation.Id, "延长期内的意见。");
        Assert.Equal("consultation-still-open", (await ProblemAsync(driver, url + "/close", new { }, HttpStatusCode.Conflict)).Code);

        driver.MoveClockTo(newEnd);
        using (var late = await CommentRawAsync(anonymous, consultation.Id, "迟到。"))
        {
            Assert.Equal("consultation-closed", (await late.ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        }
        var ended = await ProblemAsync(driver, url + "/extend", new { closesAt = newEnd.AddDays(1), reason = "再延长" }, HttpStatusCode.Conflict);
        Assert.Equal("consultation-ended", ended.Code);
        Assert.Equal(1, (await PostAsync<ConsultationView>(driver, url + "/close", new { })).CommentCountAtClose);
    }
}
