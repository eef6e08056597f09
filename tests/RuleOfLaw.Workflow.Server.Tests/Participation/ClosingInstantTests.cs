using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Participation;

/// <summary>
/// The end of a consultation period is exclusive (第十五条; the period runs to its last day's 24:00): one tick before
/// it every write path sees the consultation open, at it every path sees it ended — the public API, the web form,
/// and the officials' close and extend. Times are kept to the millisecond, so one tick before the end is received as
/// the end's last millisecond.
/// </summary>
public sealed class ClosingInstantTests
{
    private static Dictionary<string, string[]> WebComment(string text) => new()
    {
        ["SubmitterType"] = ["anonymous"], ["Name"] = [""], ["Contact"] = [""], ["Text"] = [text],
    };

    private static Task<int> CommentsAsync(ServerFactory server) => server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync());

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task One_tick_before_the_end_every_write_path_sees_the_consultation_open_and_at_the_end_every_path_sees_it_ended(DatabaseProvider provider)
    {
        // No scheduler: the automatic close at the end (ConsultationCloseTimer) would seal the consultation, and the
        // refusals at the end instant must come from the time rule itself.
        await using var server = await ServerFactory.StartAsync(provider, configure: f => f.Settings["Scheduling:Enabled"] = "false");
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);
        var end = consultation.ClosesAt;
        Assert.Equal(DefaultCloses, end);
        var url = $"/api/consultations/{consultation.Id}";
        using var anonymous = server.CreateAnonymousClient();
        using var web = new WebSession(server);
        var form = WebSession.Form(await web.GetAsync($"/public/consultations/{consultation.Id}"), "#comment-form");

        // One tick before the end: the API and the web form receive, the close is too early, an extension still possible.
        driver.MoveClockTo(end.AddTicks(-1));
        Assert.Equal(end.AddMilliseconds(-1), (await CommentAsync(server, anonymous, consultation.Id, "最后一刻的意见。")).ReceivedAt);
        var (status, page) = await web.SubmitAsync(form, WebComment("网页上最后一刻的意见。"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{matter.Number}-C000002", page.QuerySelector("#receipt-number")?.TextContent.Trim());
        var drafter = await driver.As("drafter");
        await server.RefusedAsync(() => drafter.PostJsonAsync(url + "/close", new { }), HttpStatusCode.Conflict, "consultation-still-open", "第十五条");
        var newEnd = end.AddDays(7);
        Assert.Equal(newEnd, (await PostAsync<ConsultationView>(driver, url + "/extend", new { closesAt = newEnd, reason = "意见较多，延长7日。" })).ClosesAt);

        // One tick before the extended end: the same.
        driver.MoveClockTo(newEnd.AddTicks(-1));
        Assert.Equal(newEnd.AddMilliseconds(-1), (await CommentAsync(server, anonymous, consultation.Id, "延长期最后一刻的意见。")).ReceivedAt);
        (status, page) = await web.SubmitAsync(form, WebComment("网页上延长期最后一刻的意见。"));
        Assert.Equal($"{matter.Number}-C000004", page.QuerySelector("#receipt-number")?.TextContent.Trim());
        drafter = await driver.As("drafter");
        await server.RefusedAsync(() => drafter.PostJsonAsync(url + "/close", new { }), HttpStatusCode.Conflict, "consultation-still-open", "第十五条");

        // Exactly at the end: already too late on every path, and by the time rule itself (nothing has sealed it yet).
        driver.MoveClockTo(newEnd);
        drafter = await driver.As("drafter");
        await server.RefusedAsync(() => CommentRawAsync(anonymous, consultation.Id, "恰好在截止时刻的意见。"), HttpStatusCode.Conflict, "consultation-closed", "第十五条");
        var before = await DatabaseSnapshot.TakeAsync(server);
        (status, page) = await web.SubmitAsync(form, WebComment("网页上恰好在截止时刻的意见。"));
        // The refused form answers the API's status (issue 17), the error still shown next to the field.
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Null(page.QuerySelector("#receipt-number"));
        var error = page.QuerySelector("#form-error")?.TextContent ?? "";
        Assert.Contains("不再接收意见", error);
        Assert.Contains("第十五条", error);
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "the comment form at the end instant");
        await server.RefusedAsync(() => drafter.PostJsonAsync(url + "/extend", new { closesAt = newEnd.AddDays(1), reason = "再延长。" }),
            HttpStatusCode.Conflict, "consultation-ended", "第十五条");
        var stored = await server.WithDatabaseAsync(db => db.Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == consultation.Id));
        Assert.Null(stored.SealedAt);
        Assert.Null(stored.ClosedAt);

        var closed = await PostAsync<ConsultationView>(driver, url + "/close", new { });
        Assert.Equal("closed", closed.Status);
        Assert.Equal(4, closed.CommentCountAtClose);
        Assert.Equal(4, await CommentsAsync(server));
    }
}
