using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using RuleOfLaw.Workflow.Server.Tests.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Web;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;
using RuleOfLaw.Workflow.Server.Calendars;

namespace RuleOfLaw.Workflow.Server.Tests.Calendars;

/// <summary>
/// Calendars never block the work (issue 16 item 6). On the real date of the report, 2026-12-06, a 30-day consultation
/// reaches 2027, for which the repository has no calendar (the State Council had not published it): the consultation
/// opens on a provisional end ("at least until 2027-01-05"), stays open past it, cannot be closed, and loading the 2027
/// calendar makes the end final, journaled. The 2027 calendar loaded here is <b>test data</b> with an invented
/// holiday, marked as such in its source; it is not the official calendar.
/// </summary>
public sealed class ProvisionalCalendarTests
{
    /// <summary>Sunday 6 December 2026, 09:00 in Beijing.</summary>
    private static readonly DateTimeOffset December6 = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Counting starts 12-07; day 30 is Tuesday 2027-01-05: the earliest end whatever 2027's holidays are.</summary>
    private static readonly DateTimeOffset AtLeastUntil = new(2027, 1, 5, 16, 0, 0, TimeSpan.Zero);

    /// <summary>Test data, not the official 2027 calendar: an invented day off on 01-05..01-07 moves the end to Friday 01-08.</summary>
    internal const string Test2027 = """
        {
          "year": 2027,
          "source": "测试数据，并非国务院办公厅公布的2027年节假日安排 / test data, not the official 2027 calendar",
          "daysOff": [ { "from": "2027-01-05", "to": "2027-01-07", "name": "测试假日 test holiday" } ],
          "makeUpWorkingDays": [ "2027-01-09" ]
        }
        """;

    private static readonly DateTimeOffset FinalEnd = new(2027, 1, 8, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_consultation_reaching_a_year_without_calendar_opens_provisionally_and_loading_the_calendar_makes_its_end_final(DatabaseProvider provider)
    {
        await using var server = await DeadlineServer.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        driver.MoveClockTo(December6);

        // /health names the missing year from 1 November; the administrators get one mail each.
        using var anonymous = server.CreateAnonymousClient();
        var health = await HealthAsync(anonymous);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("2027", CalendarCheck(health));
        await CalendarWorker.RunOnceAsync(server.Services, default);
        await CalendarWorker.RunOnceAsync(server.Services, default);
        var mails = await server.WithDatabaseAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == "calendar-missing").ToListAsync());
        var adminMail = Assert.Single(mails);
        Assert.Equal("admin@example.gov.cn", adminMail.ToAddress);
        Assert.Equal("请加载2027年节假日日历", adminMail.Subject); // the operator's language (no preference: zh), from CalendarTexts
        Assert.DoesNotContain("holiday calendar", adminMail.Body);

        // The consultation opens: its end is provisional, no close timer waits on it.
        var consultation = await PublishAsync(driver, matter.Id);
        Assert.Equal((2027, AtLeastUntil), (consultation.ProvisionalYear, consultation.ClosesAt));
        Assert.Contains("至少至2027-01-05", consultation.MinimumRule);
        Assert.Empty(await CloseTimersAsync(server, matter.Id));
        Assert.Contains("1 provisional deadline(s) wait for it", CalendarCheck(await HealthAsync(anonymous)));

        // The public portal lists it as open, "at least until".
        using (var citizen = new WebSession(server))
        {
            var list = await citizen.GetAsync("/public/consultations");
            var item = list.QuerySelector($"main a[href='/public/consultations/{consultation.Id}']")?.ParentElement;
            Assert.NotNull(item);
            Assert.Contains("至少至", item!.TextContent);
            var page = await citizen.GetAsync($"/public/consultations/{consultation.Id}");
            Assert.NotNull(page.QuerySelector("#provisional"));
        }

        // Past the earliest end the period is still running: comments are accepted, the close is refused.
        driver.MoveClockTo(AtLeastUntil.AddHours(10));
        await CommentAsync(server, anonymous, consultation.Id, "在暂定截止时间之后提交的意见。");
        Assert.Equal("open", (await GetAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}")).Status);
        var close = await ProblemAsync(driver, $"/api/consultations/{consultation.Id}/close", new { }, HttpStatusCode.Conflict);
        Assert.Equal(("consultation-period-provisional", "第十五条"), (close.Code, close.Article));

        // An administrator loads 2027 (only an administrator may); a malformed calendar is refused with its problems.
        var drafter = await driver.As("drafter");
        using (var refused = await drafter.PutAsync("/api/admin/calendars/2027", Json(Test2027)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var admin = await driver.As("admin");
        var invalid = await admin.PutAsync("/api/admin/calendars/2027", Json(Test2027.Replace("2027-01-09", "2027-01-11", StringComparison.Ordinal)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("calendar-invalid", invalid.Code);
        Assert.Contains("2027-01-11 is a Monday, not a weekend day", invalid.Detail);
        var wrongYear = await admin.PutAsync("/api/admin/calendars/2028", Json(Test2027)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("\"year\" is 2027", wrongYear.Detail);

        var loaded = await admin.PutAsync("/api/admin/calendars/2027", Json(Test2027)).ExpectAsync<CalendarYearView>(HttpStatusCode.Created, server);
        Assert.Equal(("upload", "系统管理员"), (loaded.Origin, loaded.LoadedByName));
        var again = await admin.PutAsync("/api/admin/calendars/2027", Json(Test2027)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("calendar-year-loaded", again.Code);
        var files = await admin.PutAsync("/api/admin/calendars/2026", Json(File.ReadAllText(Path.Combine(DeadlineServer.WorkflowsDirectory, "calendars", "2026.json"))))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("calendar-year-loaded", files.Code);

        // The end is final now: recounted on 2027's days (01-05..01-07 off: 01-08), journaled as the administrator, timer set.
        var final = await GetAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}");
        Assert.Equal((null, FinalEnd), (final.ProvisionalYear, final.ClosesAt));
        var entry = Assert.Single(await driver.JournalAsync(matter.Id), e => e.Type == ProvisionalPeriods.JournalType);
        using (var data = JsonDocument.Parse(entry.DataJson))
        {
            Assert.Equal(AtLeastUntil, data.RootElement.GetProperty("previousClosesAt").GetDateTimeOffset());
            Assert.Equal(FinalEnd, data.RootElement.GetProperty("closesAt").GetDateTimeOffset());
            Assert.Equal(2027, data.RootElement.GetProperty("calendarYear").GetInt32());
        }
        Assert.NotEqual("system", entry.ActorId);
        var timer = Assert.Single(await CloseTimersAsync(server, matter.Id));
        Assert.Equal(FinalEnd, timer.DueAt);
        var status = await admin.GetAsync("/api/admin/calendars").ExpectAsync<CalendarStatus>(HttpStatusCode.OK, server);
        Assert.Empty(status.Missing);
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Set<CalendarYearRecord>().Where(r => r.Year == 2027).Select(r => r.DeadlinesFinalized).SingleAsync()));
        Assert.Equal("Healthy", (await HealthAsync(anonymous)).GetProperty("status").GetString());

        // The final end closes it, once; the journal verifies.
        driver.MoveClockTo(FinalEnd);
        await DeadlineServer.ReconcileAsync(server);
        Assert.Equal(TimerRowStatus.Fired, (await DeadlineServer.WaitUntilDoneAsync(server, timer.Id)).Status);
        Assert.Equal("closed", (await GetAsync<ConsultationView>(driver, $"/api/consultations/{consultation.Id}")).Status);
        Assert.True((await driver.VerifyJournalAsync(matter.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_filing_certainly_on_time_is_accepted_before_next_years_calendar_exists(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await DecisionScenario.ToSchedulingAsync(driver);
        // Issued on 2026-12-20: "within 15 days" reaches 2027-01-04, a year without a calendar in the repository.
        driver.MoveClockTo(new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero));
        await driver.CompleteAsync(matter.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(matter.Id, "collective-decision", "approved");
        await driver.CompleteAsync(matter.Id, "party-committee-report", "reported");
        var secretary = await driver.As("secretary");
        var plan = Assert.Single(await secretary.GetAsync($"/api/matters/{matter.Id}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server));
        Assert.Equal((new DateOnly(2027, 1, 4), "pending"), (plan.DueOn!.Value, plan.Status));
        Assert.Contains("至少至2027-01-04", plan.DueRule);

        // After the earliest possible end, whether 01-05 is on time depends on 2027's holidays: refused until it is known.
        driver.MoveClockTo(new DateTimeOffset(2027, 1, 6, 1, 0, 0, TimeSpan.Zero));
        secretary = await driver.As("secretary");
        Assert.Equal("pending", Assert.Single(await secretary.GetAsync($"/api/matters/{matter.Id}/filings").ExpectAsync<List<FilingView>>(HttpStatusCode.OK, server)).Status);
        var unknown = await secretary.PostJsonAsync($"/api/matters/{matter.Id}/filings", new { recipientId = "higher-government", submittedOn = "2027-01-05" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("calendar-missing", unknown.Code);
        Assert.Contains("备案", unknown.Article);
        Assert.Contains("2027", unknown.Detail);

        // Filed on the issuance day: on time whatever 2027's holidays are.
        var filed = await secretary.PostJsonAsync($"/api/matters/{matter.Id}/filings", new { recipientId = "higher-government", submittedOn = "2026-12-20" })
            .ExpectAsync<FilingView>(HttpStatusCode.Created, server);
        Assert.Equal((true, 0), (filed.OnTime, filed.DaysLate));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_calendar_page_loads_a_year_for_administrators_only(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        server.Clock.MoveTo(December6);
        using (var drafter = new WebSession(server))
        {
            await drafter.SignInAsync("drafter");
            await drafter.GetAsync("/admin/calendars", HttpStatusCode.Forbidden);
        }
        using var admin = new WebSession(server);
        await admin.SignInAsync("admin");
        var page = await admin.GetAsync("/admin/calendars");
        Assert.Contains("2027", page.QuerySelector("#missing")!.TextContent);
        Assert.Equal("文件", page.QuerySelector("tr[data-year='2026'] td:nth-child(3)")!.TextContent);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#calendar-form")!;

        var (status, refused) = await admin.SubmitAsync(form, new Dictionary<string, string[]> { ["Year"] = ["2027"], ["Json"] = ["{ \"year\": 2027 }"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("source", refused.QuerySelector("#Json-error")!.TextContent);

        (status, page) = await admin.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)refused.QuerySelector("#calendar-form")!,
            new Dictionary<string, string[]> { ["Year"] = ["2027"], ["Json"] = [Test2027] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(page.QuerySelector("#missing"));
        Assert.Contains("系统管理员", page.QuerySelector("tr[data-year='2027']")!.TextContent);
        var stored = await server.WithDatabaseAsync(db => db.Set<CalendarYearRecord>().AsNoTracking().SingleAsync());
        Assert.Equal((2027, Test2027), (stored.Year, stored.Json));
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static string CalendarCheck(JsonElement health) =>
        health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "calendars").GetProperty("description").GetString()!;

    private static Task<List<ScheduledTimer>> CloseTimersAsync(ServerFactory server, Guid matterId) =>
        server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.MatterId == matterId && t.Kind == ConsultationCloseTimer.TimerKind).ToListAsync());
}
