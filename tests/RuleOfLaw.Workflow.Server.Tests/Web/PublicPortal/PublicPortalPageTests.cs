using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Web.PublicPortal;

/// <summary>
/// The public portal's consultation and decision pages without sign-in, and their comment and objection forms, which
/// post to the API's own handlers: the receipt, the rows written (and none on a refusal), the refusal's article, the
/// 413 next to its field, one comment for a double submit.
/// </summary>
public sealed class PublicPortalPageTests
{
    private static Dictionary<string, string[]> Comment(string text, string type = "individual", string? name = "王某") => new()
    {
        ["SubmitterType"] = [type], ["Name"] = [name ?? ""], ["Contact"] = ["13800000000"], ["Text"] = [text],
    };

    private static Task<int> CommentsAsync(ServerFactory server) => server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync());

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_citizen_comments_from_the_consultation_page_and_gets_the_receipt_and_a_double_submit_writes_one_comment(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var web = new WebSession(server);

        var list = await web.GetAsync("/public/consultations");
        var link = list.QuerySelector($"a[href='/public/consultations/{consultation.Id}']");
        Assert.NotNull(link);
        var page = await web.GetAsync(link!.GetAttribute("href")!);
        Assert.Contains("城区一类区域白天首小时收费调整为5元", page.QuerySelector("#draft")!.TextContent);
        Assert.Contains("停车资源供需矛盾突出", page.QuerySelector("#explanation")!.TextContent);
        // The deadline in the jurisdiction's local time, with its zone: the end of 1 April in Beijing.
        Assert.Equal("2026-04-01 24:00", page.QuerySelector("#deadline")!.TextContent.Trim()); // the last day's 24:00 (民法典 art. 203), not the next 00:00
        Assert.Equal("2026-04-02T00:00+08:00", page.QuerySelector("#deadline")!.GetAttribute("datetime"));
        Assert.Contains("Asia/Shanghai", page.QuerySelector("#period")!.TextContent);
        var form = WebSession.Form(page, "#comment-form");
        // A cached anonymous page carries no antiforgery token (it would be someone else's).
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));

        var (status, receipt) = await web.SubmitAsync(form, Comment("建议保留夜间免费停车。"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{matter.Number}-C000001", receipt.QuerySelector("#receipt-number")!.TextContent.Trim());
        // The second click of the same form: the same receipt, one comment.
        (status, var again) = await web.SubmitAsync(form, Comment("建议保留夜间免费停车。"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{matter.Number}-C000001", again.QuerySelector("#receipt-number")!.TextContent.Trim());
        var row = await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().SingleAsync());
        Assert.Equal(("individual", "王某", "13800000000", "建议保留夜间免费停车。"), (row.SubmitterType, row.SubmitterName, server.Services.GetRequiredService<ContactCipher>().Open(row), row.Text));

        // Another comment from the same (cached) form is another comment with the next receipt.
        (_, var other) = await web.SubmitAsync(form, Comment("反对涨价。", "anonymous", null));
        Assert.Equal($"{matter.Number}-C000002", other.QuerySelector("#receipt-number")!.TextContent.Trim());
        Assert.Equal(2, await CommentsAsync(server));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Refusals_show_on_the_form_and_write_nothing_and_a_closed_consultation_shows_its_feedback(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var web = new WebSession(server);
        var form = WebSession.Form(await web.GetAsync($"/public/consultations/{consultation.Id}"), "#comment-form");

        // Over 5000 characters: the API's 413, next to the text.
        // The page answers with the API's status, so scripts and assistive technology can tell a refusal from a receipt.
        var (status, page) = await web.SubmitAsync(form, Comment(new string('长', ParticipationLimits.CommentLength + 1)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("5000", page.QuerySelector("#Text-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Text")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#receipt-number"));
        // An individual without a name: the API's refusal under the name.
        (status, page) = await web.SubmitAsync(form, Comment("有意见。", "individual", null));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("应当填写姓名", page.QuerySelector("#Name-error")!.TextContent);
        Assert.Equal(0, await CommentsAsync(server));

        // After the period: refused with the article, nothing written.
        driver.MoveClockTo(DefaultCloses);
        (status, page) = await web.SubmitAsync(form, Comment("迟到的意见。"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        var error = page.QuerySelector("#form-error")!.TextContent;
        Assert.Contains("不再接收意见", error);
        Assert.Contains("第十五条", error);
        Assert.Null(page.QuerySelector("#receipt-number"));
        Assert.Equal(0, await CommentsAsync(server));

        // Closed, with the feedback published: the page shows the report instead of the form.
        var url = $"/api/consultations/{consultation.Id}";
        await PostAsync<ConsultationView>(driver, url + "/close", new { });
        await PostAsync<FeedbackView>(driver, url + "/feedback", new { summary = "本次未收到意见。" });
        // The cached page and list were dropped when the close and the report committed (Cluster/PublicCacheSync).
        var closed = await web.GetAsync($"/public/consultations/{consultation.Id}");
        Assert.Null(closed.QuerySelector("#comment-form"));
        Assert.Contains("本次未收到意见。", closed.QuerySelector("#feedback")!.TextContent);
        var list = await web.GetAsync("/public/consultations");
        Assert.Contains(consultation.Title, list.QuerySelector("main")!.TextContent);
        Assert.NotNull(list.QuerySelector("#no-open"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_published_decision_shows_how_opinions_were_used_and_takes_an_objection_with_a_receipt(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver);
        await driver.CompleteAsync(instance.Id, "publication", "published");
        using var web = new WebSession(server);

        var list = await web.GetAsync("/public/decisions");
        var link = list.QuerySelector($"a[href='/public/decisions/{instance.Id}']");
        Assert.NotNull(link);
        var page = await web.GetAsync(link!.GetAttribute("href")!);
        Assert.Contains("公众意见和专家意见的采纳情况已随文说明。", page.QuerySelector("#opinions-use")!.TextContent);
        Assert.Contains("政府网站", page.QuerySelector("#channels")!.TextContent);
        var form = WebSession.Form(page, "#objection-form");
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));

        var empty = await web.SubmitAsync(form, new Dictionary<string, string[]> { ["Text"] = [" "] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Contains("第三十五条", empty.Document.QuerySelector("#Text-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<PublicObjection>().CountAsync()));

        var fields = new Dictionary<string, string[]> { ["Text"] = ["收费时段应避开学校放学时间。"], ["Name"] = ["张先生"] };
        var (status, receipt) = await web.SubmitAsync(form, fields);
        Assert.Equal(HttpStatusCode.OK, status);
        var number = receipt.QuerySelector("#receipt-number")!.TextContent.Trim();
        Assert.Matches(@"^YY\d{8}-[0-9A-F]{10}$", number);
        (_, var again) = await web.SubmitAsync(form, fields);
        Assert.Equal(number, again.QuerySelector("#receipt-number")!.TextContent.Trim());
        var row = await server.WithDatabaseAsync(db => db.Set<PublicObjection>().SingleAsync());
        Assert.Equal((number, "张先生", "收费时段应避开学校放学时间。"), (row.ReceiptNumber, row.SubmitterName, row.Text));
        Assert.Contains(await driver.JournalAsync(instance.Id), e => e.Type == "PublicObjectionReceived");
    }

    [Fact]
    public async Task The_comment_form_has_the_comment_rate_limit_and_says_so_in_words()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: s =>
        {
            s.Settings["Participation:PublicComments:PermitLimit"] = "2";
            s.Settings["Participation:PublicComments:WindowSeconds"] = "600";
        });
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        using var web = new WebSession(server);
        var form = WebSession.Form(await web.GetAsync($"/public/consultations/{consultation.Id}"), "#comment-form");

        await web.SubmitAsync(form, Comment("第一条。"));
        await web.SubmitAsync(form, Comment("第二条。"));
        var (status, page) = await web.SubmitAsync(form, Comment("第三条。"));
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("秒后再试", page.QuerySelector("#rate-limited")!.TextContent);
        Assert.Equal(2, await CommentsAsync(server));
        // Reading the pages is not limited by the comment policy.
        await web.GetAsync($"/public/consultations/{consultation.Id}?again=1");
    }
}
