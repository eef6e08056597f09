using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Api;

/// <summary>
/// The input rules (issue 16 item 4, docs/security.md "Input rules"): the same 400 on every database for a control
/// character or a lone surrogate in any text (body, query, route, form) and for a date outside 1949-10-01..2100-12-31,
/// naming the field; nothing written. The cases the attack report found are here by name. The servers shared with other
/// classes, one per database (<see cref="SharedServers"/>): each test works on its own matters.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class InputRulesTests(SharedServers servers)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Nul_in_the_list_filters_and_in_sign_in_is_a_400_naming_the_parameter_on_every_database(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");

        foreach (var (url, field) in new[] { ("/api/matters?q=%00", "q"), ("/api/admin/outbox?status=%00", "status"), ("/api/matters?category=a%01b", "category") })
        {
            var problem = await admin.GetAsync(url).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("control-character", problem.Code);
            Assert.Equal(field, problem.Json.GetProperty("field").GetString());
            Assert.True(problem.Errors?.TryGetProperty(field, out _), problem.ToString());
        }

        using var anonymous = server.CreateAnonymousClient();
        var before = await DatabaseSnapshot.TakeAsync(server);
        var signIn = await anonymous.PostJsonAsync("/api/auth/login", new { userName = "admin\u0000", password = "RuleOfLaw@2026" }).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("control-character", signIn.Code);
        Assert.Equal("userName", signIn.Json.GetProperty("field").GetString());
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "a sign-in with NUL in the user name");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_control_character_in_a_body_is_refused_the_same_on_sqlite_and_postgresql(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var drafter = await server.SignInAsync("drafter");

        foreach (var title in new[] { "停车\u0000收费调整", "停车\u0007收费", "停车\u007f收费", "停车\u0085收费" })
        {
            var problem = await server.RefusedAsync(() => drafter.PostJsonAsync("/api/matters", new { title, category = "public-policy" }),
                HttpStatusCode.BadRequest, "control-character", null);
            Assert.Equal("title", problem.Json.GetProperty("field").GetString());
        }
        // Nested values are named by their path.
        var nested = await server.RefusedAsync(
            () => drafter.PostJsonAsync("/api/matters", new { title = "停车收费调整", category = "public-policy", attributes = new Dictionary<string, bool> { ["a\u0001"] = true } }),
            HttpStatusCode.BadRequest, "control-character", null);
        Assert.Equal("attributes", nested.Json.GetProperty("field").GetString());

        // Tab, line feed and carriage return are text.
        using var accepted = await drafter.PostJsonAsync("/api/matters", new { title = "停车收费调整", summary = "第一段\r\n\t第二段", category = "public-policy" });
        await accepted.ExpectAsync(HttpStatusCode.Created, server);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_lone_surrogate_is_a_400_also_where_the_endpoint_reads_the_body_itself(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = await server.SignInAsync("admin");

        var validation = await admin.PostRawAsync("/api/definitions/validate", "{\"id\": \"x\\ud800y\", \"version\": 1}").ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid-unicode", validation.Code);
        Assert.Equal("id", validation.Json.GetProperty("field").GetString());

        // Bound bodies: System.Text.Json cannot read it as a string; the framework's 400 names the field.
        var bound = await server.RefusedAsync(() => admin.PostRawAsync("/api/matters", "{\"title\": \"停车\\udc00收费\", \"category\": \"public-policy\"}"),
            HttpStatusCode.BadRequest, "invalid-request", null);
        Assert.Equal("title", bound.Json.GetProperty("field").GetString());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Dates_in_the_year_9999_are_refused_and_a_matter_holds_at_most_ten_hearings(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var drafter = await driver.As("drafter");
        object Hearing(DateTimeOffset at) => new { scheduledAt = at, place = "示范县政府第一会议室", selectionMethod = "自愿报名。", participants = new[] { "张三" } };

        var far = await server.RefusedAsync(() => drafter.PostJsonAsync($"/api/matters/{matter.Id}/hearings", Hearing(new DateTimeOffset(9999, 12, 31, 1, 0, 0, TimeSpan.Zero))),
            HttpStatusCode.BadRequest, "date-out-of-range", null);
        Assert.Equal("scheduledAt", far.Json.GetProperty("field").GetString());

        var consultation = await PublishAsync(driver, matter.Id);
        var extension = await server.RefusedAsync(
            () => drafter.PostJsonAsync($"/api/consultations/{consultation.Id}/extend", new { closesAt = new DateTimeOffset(9999, 12, 31, 15, 0, 0, TimeSpan.Zero), reason = "延长" }),
            HttpStatusCode.BadRequest, "date-out-of-range", null);
        Assert.Equal("closesAt", extension.Json.GetProperty("field").GetString());

        for (var i = 0; i < 10; i++)
        {
            await PostAsync<HearingView>(driver, $"/api/matters/{matter.Id}/hearings", Hearing(new DateTimeOffset(2026, 4, 20 + i, 1, 0, 0, TimeSpan.Zero)), HttpStatusCode.Created);
        }
        var eleventh = await server.RefusedAsync(
            () => drafter.PostJsonAsync($"/api/matters/{matter.Id}/hearings", Hearing(new DateTimeOffset(2026, 5, 20, 1, 0, 0, TimeSpan.Zero))),
            HttpStatusCode.UnprocessableEntity, "too-many-hearings", "第十六条");
        Assert.Contains("10", eleventh.Detail);
        Assert.Equal(10, await server.WithDatabaseAsync(db => db.Set<Hearing>().CountAsync(h => h.MatterId == matter.Id)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_form_post_with_a_control_character_is_refused_before_the_page_handler(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var matter = await AtParticipationAsync(driver);
        var consultation = await PublishAsync(driver, matter.Id);

        using var citizen = new WebSession(server);
        var page = await citizen.GetAsync($"/public/consultations/{consultation.Id}");
        var before = await DatabaseSnapshot.TakeAsync(server);
        var (status, refused) = await citizen.SubmitAsync(WebSession.Form(page, "#comment-form"),
            new Dictionary<string, string[]> { ["Text"] = ["建议\u0000降低收费"], ["SubmitterType"] = ["anonymous"] });
        Assert.True(status == HttpStatusCode.BadRequest, $"{status}{server.DescribeServerLog()}");
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "a comment form with NUL");
        // The citizen gets the form again with the error, not a problem document (issue 16 item 4). ASP.NET's form
        // decoder refuses a percent-encoded NUL without naming its field, so the error is the form's, above it.
        Assert.Contains("控制字符", refused.QuerySelector("#form-error")?.TextContent ?? refused.Body?.TextContent);
        Assert.DoesNotContain("Failed to read the request form", refused.Body!.TextContent);
        Assert.NotNull(refused.QuerySelector("#comment-form"));

        // A control character the decoder lets through is named, and shown at its field.
        var (status2, atField) = await citizen.SubmitAsync(WebSession.Form(page, "#comment-form"),
            new Dictionary<string, string[]> { ["Text"] = ["建议\u0007降低收费"], ["SubmitterType"] = ["anonymous"] });
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.Contains("控制字符", atField.QuerySelector("#Text-error")?.TextContent ?? atField.Body?.TextContent);
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "a comment form with BEL");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_page_form_refused_by_the_input_rules_is_the_page_again_with_the_error_at_the_field(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var admin = new WebSession(server);
        await admin.SignInAsync("admin");
        var page = await admin.GetAsync("/admin/calendars");
        var before = await DatabaseSnapshot.TakeAsync(server);

        var (status, refused) = await admin.SubmitAsync(WebSession.Form(page, "#calendar-form"),
            new Dictionary<string, string[]> { ["Year"] = ["2027"], ["Json"] = ["{ \"year\": 2027, \"source\": \"\u0001\" }"] });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(refused.QuerySelector("#Json-error")?.TextContent), refused.Body?.TextContent);
        Assert.NotNull(refused.QuerySelector("#calendar-form"));
        Assert.NotNull(refused.QuerySelector("tr[data-year='2026']")); // the page's data, loaded as on GET
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "a calendar form with a control character");
    }
}
