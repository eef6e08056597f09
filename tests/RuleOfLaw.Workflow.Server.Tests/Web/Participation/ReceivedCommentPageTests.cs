using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Participation;

/// <summary>
/// The participation page for the drafting head (who may publish and answer through the API) and the form for comments
/// received on paper: the API's rule of art. 15 next to the day received, the entry counted with the online comments.
/// </summary>
public sealed class ReceivedCommentPageTests
{
    private static Dictionary<string, string[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new[] { f.Value });

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_drafting_head_gets_the_forms_and_enters_a_letter_received_in_time_after_the_close(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var taskId = (await driver.OpenTaskAsync(matter.Id, "public-participation")).Id;
        using var web = new WebSession(server);
        await web.SignInAsync("drafthead");

        // The head does not hold the task (the officer's) but organizes participation: the forms are offered, not the completion.
        var page = await web.GetAsync($"/participation/{taskId}");
        Assert.NotNull(page.QuerySelector("#publish-form"));
        Assert.NotNull(page.QuerySelector("#activity-form"));
        var (status, published) = await web.SubmitAsync(WebSession.Form(page, "#publish-form"), Fields(
            ("PubTitle", "关于调整城区停车收费标准的公告（征求意见稿）"), ("DraftText", "一、城区一类区域白天首小时收费调整为5元。"),
            ("Explanation", "起草说明：现行标准制定于2015年。"), ("ClosesOn", "2026-04-01")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("李局长", (await server.WithDatabaseAsync(db => db.Set<Consultation>().SingleAsync())).PublishedByName);

        // Two days after the close: a letter received the day after the last day is refused next to its date, with the article.
        driver.MoveClockTo(DefaultCloses.AddDays(2));
        await web.SignInAsync("drafthead"); // the session lapsed over the days away
        page = await web.GetAsync($"/participation/{taskId}");
        var form = WebSession.Form(page, "#received-form");
        var letter = Fields(("ReceivedChannel", "letter"), ("ReceivedOn", "2026-04-02"), ("ReceivedType", "individual"), ("ReceivedName", "王某"),
            ("ReceivedText", "来信建议保留夜间免费停车。"));
        (_, var refused) = await web.SubmitAsync(form, letter);
        Assert.Contains("第十五条", refused.QuerySelector("#ReceivedOn-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().CountAsync()));

        // Received on the last day: entered, shown among the comments with its channel.
        letter["ReceivedOn"] = ["2026-04-01"];
        (status, var entered) = await web.SubmitAsync(WebSession.Form(refused, "#received-form"), letter);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("已登记收到的意见。", entered.QuerySelector("[role=status]")!.TextContent.Trim());
        var row = await server.WithDatabaseAsync(db => db.Set<ConsultationComment>().SingleAsync());
        Assert.Equal(("letter", $"{matter.Number}-C000001"), (row.Channel, row.ReceiptNumber));
        Assert.NotNull(entered.QuerySelector($"li.comment[data-receipt='{row.ReceiptNumber}'] [data-channel=letter]"));
    }
}
