using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web;

/// <summary>The Razor pages' handlers through their real forms (antiforgery token included), on both databases.</summary>
public sealed class PageFormTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_drafting_officer_creates_starts_and_completes_a_step_through_the_forms(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        var form = WebSession.Form(await web.GetAsync("/matters/new"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        // The help under each attribute is read from the definition: "technical" adds expert argumentation (art. 19).
        Assert.Contains("第十九条", form.QuerySelector("#attr-technical-help")!.TextContent);
        var (status, dossier) = await web.SubmitAsync(form, new Dictionary<string, string[]>
        {
            ["Title"] = ["关于调整城区公共交通票价的决定"], ["Category"] = ["public-policy"], ["Attributes"] = ["technical"],
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("^/matters/[0-9a-f-]{36}$", web.Location);
        var matterId = Guid.Parse(web.Location["/matters/".Length..]);
        var matter = await server.WithDatabaseAsync(db => db.Matters.SingleAsync(m => m.Id == matterId));
        Assert.Equal("{\"technical\":true}", matter.AttributesJson);
        Assert.Equal("demo-county-drc", matter.DraftingUnitId);

        (status, dossier) = await web.SubmitAsync(WebSession.Form(dossier, "form:has(#start-procedure)"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("step step-current", dossier.QuerySelector("svg g[data-step=initiation]")!.ClassName);
        var taskLink = dossier.QuerySelector("a[data-task-step=initiation]")!.GetAttribute("href")!;

        var taskPage = await web.GetAsync(taskLink);
        // Only the step's own outcome is offered.
        var outcomes = taskPage.QuerySelectorAll("input[name=Outcome]").Select(i => ((IHtmlInputElement)i).Value).ToList();
        Assert.Equal(["draft-prepared"], outcomes);
        (status, dossier) = await web.SubmitAsync(WebSession.Form(taskPage, "#task-form"), new Dictionary<string, string[]> { ["Comment"] = ["草案已起草"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{matterId}", web.Location);

        // The page wrote what the API reads: same instance state, journaled with the officer's name.
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.MatterId == matterId)).StateJson));
        Assert.Equal(StepStatus.Completed, state.Steps["initiation"].Status);
        Assert.Equal(StepStatus.Active, state.Steps["expert-argumentation"].Status);
        Assert.Equal(StepStatus.Skipped, state.Steps["risk-assessment"].Status);
        Assert.Equal("step step-done", dossier.QuerySelector("svg g[data-step=initiation]")!.ClassName);
        Assert.Equal("step step-current", dossier.QuerySelector("svg g[data-step=expert-argumentation]")!.ClassName);
        var skipped = dossier.QuerySelector("svg g[data-step=risk-assessment]")!;
        Assert.Equal("step step-skipped", skipped.ClassName);
        Assert.Contains("第二十二条", skipped.QuerySelector("title")!.TextContent); // why it was skipped
        Assert.Contains("草案已起草", dossier.QuerySelector("#journal")!.TextContent);
        Assert.Contains("王承办", dossier.QuerySelector("#journal")!.TextContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_empty_title_is_shown_next_to_the_field_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        var (status, page) = await web.SubmitAsync(WebSession.Form(await web.GetAsync("/matters/new")), new Dictionary<string, string[]> { ["Title"] = ["  "] });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("/matters/new", web.Location);
        Assert.Equal("请填写事项名称。", page.QuerySelector("#Title-error")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#Title")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Matters.CountAsync()));
    }

    [Fact]
    public async Task A_comment_required_refusal_is_shown_next_to_the_comment_with_the_engine_s_message()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["stabilityRisk"] = true });
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var task = await driver.OpenTaskAsync(instance.Id, "risk-assessment");
        // The risk module's own guard (a referenced assessment, art. 22) is met, so what is left is the engine's rule.
        await driver.SatisfyGuardAsync(instance.Id, "risk-assessment", "already-assessed");

        using var web = new WebSession(server);
        await web.SignInAsync("assessor");
        // The step has its own page (the risk assessment's report form and the shared completion form).
        var page = await web.GetAsync($"/assessments/risk/{task.Id}");
        Assert.Equal(["controllable", "not-controllable", "already-assessed"],
            page.QuerySelectorAll("input[name=Outcome]").Select(i => ((IHtmlInputElement)i).Value));
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#task-form"), new Dictionary<string, string[]> { ["Outcome"] = ["already-assessed"] });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal($"/assessments/risk/{task.Id}?handler=Complete", web.Location); // the form again, not the dossier
        Assert.Contains("第二十二条", answer.QuerySelector("#Comment-error")!.TextContent);
        Assert.Equal("true", answer.QuerySelector("#Comment")!.GetAttribute("aria-invalid"));
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "risk-assessment")).Status);
    }

    [Fact]
    public async Task The_form_is_not_offered_to_someone_without_the_role_and_a_forged_post_changes_nothing()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = await driver.OpenTaskAsync(instance.Id, "initiation");

        using var web = new WebSession(server);
        await web.SignInAsync("drafthead"); // same unit, not the officer's role
        var page = await web.GetAsync($"/tasks/{task.Id}");
        Assert.Null(page.QuerySelector("#task-form"));
        Assert.NotNull(page.QuerySelector("#cannot-act"));

        // A hand-made post with a valid token (taken from the sign-out form) is refused the same way.
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var response = await web.Client.PostAsync($"/tasks/{task.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Outcome", "draft-prepared")]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "initiation")).Status);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        using var response = await web.Client.PostAsync("/matters/new", new FormUrlEncodedContent([new("Title", "无令牌")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Matters.CountAsync()));
    }

    [Fact]
    public async Task A_wrong_password_is_shown_on_the_sign_in_page_with_the_apis_401()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var web = new WebSession(server);
        var (status, page) = await web.SubmitAsync(WebSession.Form(await web.GetAsync("/account/login")),
            new Dictionary<string, string[]> { ["UserName"] = ["drafter"], ["Password"] = ["wrong-password"] });
        // The status POST /api/auth/login answers (invalid-credentials), not 200 with an error only a reader sees.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("用户名或密码不正确，或该账户暂时不能登录。", page.QuerySelector("#login-error")!.TextContent.Trim());
        // Both fields point at the one answer (which of them was wrong is not said).
        foreach (var field in new[] { "#username", "#password" })
        {
            Assert.Equal("true", page.QuerySelector(field)!.GetAttribute("aria-invalid"));
            Assert.Equal("login-error", page.QuerySelector(field)!.GetAttribute("aria-describedby"));
        }
        Assert.Equal("drafter", page.QuerySelector<IHtmlInputElement>("#username")!.Value);
        await web.GetAsync("/", HttpStatusCode.OK);
        Assert.StartsWith("/account/login", web.Location); // still not signed in
    }

    [Fact]
    public async Task A_sign_in_with_an_empty_field_answers_400_with_the_error_next_to_that_field()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var web = new WebSession(server);
        var (status, page) = await web.SubmitAsync(WebSession.Form(await web.GetAsync("/account/login")),
            new Dictionary<string, string[]> { ["UserName"] = ["drafter"], ["Password"] = [""] });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("请输入密码。", page.QuerySelector("#password-error")!.TextContent.Trim());
        Assert.Equal("password-error", page.QuerySelector("#password")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.QuerySelector("#password")!.GetAttribute("aria-invalid"));
        Assert.Equal("false", page.QuerySelector("#username")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#username-error"));
        Assert.Null(page.QuerySelector("#login-error"));

        // Fixed, the same form signs in.
        (status, _) = await web.SubmitAsync(WebSession.Form(page),
            new Dictionary<string, string[]> { ["UserName"] = ["drafter"], ["Password"] = [DemoData.Password] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/", web.Location);
    }
}
