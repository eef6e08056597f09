using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// Comments that arrived by letter, fax, phone or at a hearing, entered by the drafting unit (issue 17 item 5): counted,
/// grouped and answered with the online ones; the period rule of art. 15 applies to the day received, not the day entered.
/// </summary>
public sealed class ReceivedCommentTests
{
    private static readonly byte[] Scan = [.. "%PDF-1.7\n"u8, .. Encoding.UTF8.GetBytes("来信扫描件\n%%EOF\n")];

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_letter_counts_groups_and_is_answered_like_an_online_comment_and_the_period_applies_to_the_day_received(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id); // 2026-03-02 to 2026-04-01 (Asia/Shanghai)
        using var citizen = server.CreateAnonymousClient();
        await CommentAsync(server, citizen, consultation.Id, "建议保留夜间免费停车。");
        driver.MoveClockTo(TestClock.DefaultStart.AddDays(10)); // 12 March
        var drafter = await driver.As("drafter");
        var url = $"/api/consultations/{consultation.Id}/received-comments";

        // The scan goes up as one of the matter's documents first; a version of another matter's document is refused.
        var form = new MultipartFormDataContent { { new StringContent(DocumentKinds.Other), "kind" }, { new StringContent("王某来信"), "title" } };
        var file = new ByteArrayContent(Scan);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "来信.pdf");
        var document = await drafter.PostAsync($"/api/matters/{matter.Id}/documents", form).ExpectAsync<DocumentView>(HttpStatusCode.Created, server);
        var scan = document.Versions.Single().Id;
        Assert.Equal("document-not-found", (await drafter.PostJsonAsync(url, Letter("2026-03-05", "建议保留夜间免费停车。", Guid.NewGuid()))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);

        // A letter with the same words as the online comment: the next receipt number, in the same group.
        using var entered = await drafter.PostJsonAsync(url, Letter("2026-03-05", "建议保留夜间免费停车。", scan)).ExpectAsync(HttpStatusCode.Created, server);
        var letter = await entered.ReadAsync<CommentView>();
        Assert.Equal(($"{matter.Number}-C000002", "letter", scan, 2), (letter.ReceiptNumber, letter.Channel, letter.DocumentVersionId, letter.GroupSize));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero), letter.ReceivedAt); // 5 March, 00:00 in Beijing
        Assert.NotNull(entered.Headers.Location);
        // The drafting head may enter too (the API's rule for the module); a reviewer may not.
        await (await driver.As("drafthead")).PostJsonAsync(url, Letter("2026-03-06", "电话反映：希望增加残疾人车位。", null, "phone"))
            .ExpectAsync(HttpStatusCode.Created, server);
        await (await driver.As("reviewer")).PostJsonAsync(url, Letter("2026-03-06", "不应登记。", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        // Not yet received (a day in the future) and the submitter rules of the public form.
        Assert.Equal("received-on-future", (await drafter.PostJsonAsync(url, Letter("2026-03-20", "未来的信。", null))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        Assert.Equal("submitter-name-required", (await drafter.PostJsonAsync(url, Letter("2026-03-05", "有意见。", null) with { Name = null })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        // An unknown channel, no day received and a day before the consultation opened (第十五条) are refused.
        Assert.Equal("invalid-channel", (await drafter.PostJsonAsync(url, Letter("2026-03-05", "电子邮件。", null, "email"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Code);
        // (The API's binding refuses a missing day itself; received-on-required is the page's empty date field.)
        Assert.Equal("validation-failed", (await drafter.PostJsonAsync(url, Letter("2026-03-05", "没有日期的信。", null) with { ReceivedOn = null })
            .ReadProblemAsync(HttpStatusCode.BadRequest)).Code);
        var early = await drafter.PostJsonAsync(url, Letter("2026-03-01", "公布之前的信。", null)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("received-before-open", "第十五条"), (early.Code, early.Article));

        // After the close: a letter received on the last day and entered now is accepted; one received the day after is not.
        driver.MoveClockTo(DefaultCloses.AddDays(2));
        drafter = await driver.As("drafter"); // signed in again after the days away
        var late = await drafter.PostJsonAsync(url, Letter("2026-04-02", "迟到的信。", null)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("received-after-close", "第十五条"), (late.Code, late.Article));
        var inTime = await drafter.PostJsonAsync(url, Letter("2026-04-01", "最后一天寄到的信。", null)).ExpectAsync<CommentView>(HttpStatusCode.Created, server);
        Assert.Equal($"{matter.Number}-C000004", inTime.ReceiptNumber);

        // Counted and answered with the online ones: the group's answer covers the letter; the guard waits for the rest.
        var comments = await drafter.GetAsync($"/api/consultations/{consultation.Id}/comments").ExpectAsync<List<CommentView>>(HttpStatusCode.OK, server);
        Assert.Equal(4, comments.Count);
        Assert.Equal(["online", "letter", "phone", "letter"], comments.OrderBy(c => c.ReceiptNumber).Select(c => c.Channel));
        await drafter.PostJsonAsync($"/api/consultations/{consultation.Id}/responses", new { groupKey = letter.GroupKey, decision = "adopted" })
            .ExpectAsync(HttpStatusCode.OK, server);
        comments = await drafter.GetAsync($"/api/consultations/{consultation.Id}/comments").ExpectAsync<List<CommentView>>(HttpStatusCode.OK, server);
        Assert.All(comments.Where(c => c.GroupKey == letter.GroupKey), c => Assert.NotNull(c.Response));
        Assert.Contains(await driver.JournalAsync(matter.Id), e => e.Type == "CommentReceivedOffline");
    }

    private static ReceivedBody Letter(string receivedOn, string text, Guid? documentVersionId, string channel = "letter") =>
        new(channel, receivedOn, "individual", "王某", "13800000000", text, documentVersionId);

    private sealed record ReceivedBody(string Channel, string? ReceivedOn, string SubmitterType, string? Name, string? Contact, string Text, Guid? DocumentVersionId);
}
