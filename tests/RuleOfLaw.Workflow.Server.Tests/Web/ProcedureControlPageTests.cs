using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web;

/// <summary>Suspending (art. 37), resuming and cancelling from the dossier, through the API's control handler.</summary>
public sealed class ProcedureControlPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_drafting_head_suspends_with_a_reason_tasks_wait_and_resuming_lets_them_go_on(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        var task = await driver.OpenTaskAsync(instance.Id, "initiation");
        using var web = new WebSession(server);
        await web.SignInAsync("drafthead");

        var dossier = await web.GetAsync($"/matters/{instance.MatterId}");
        var (status, refused) = await web.SubmitAsync(WebSession.Form(dossier, "#control-form"), new Dictionary<string, string[]> { ["operation"] = ["suspend"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(refused.QuerySelector("#ControlReason-error"));
        Assert.Equal("true", refused.QuerySelector("#ControlReason")!.GetAttribute("aria-invalid"));
        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(instance.Id)).Status);

        (status, var suspended) = await web.SubmitAsync(WebSession.Form(refused, "#control-form"),
            new Dictionary<string, string[]> { ["operation"] = ["suspend"], ["ControlReason"] = ["上级机关要求暂缓，待政策明确后恢复。"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        Assert.Equal(InstanceStatus.Suspended, (await driver.GetInstanceAsync(instance.Id)).Status);
        Assert.NotNull(suspended.QuerySelector("#resume-procedure"));
        Assert.Contains("上级机关要求暂缓", suspended.QuerySelector("#journal")!.TextContent);

        // The drafter's task page no longer offers the form, and says why (art. 37).
        using var drafter = new WebSession(server);
        await drafter.SignInAsync("drafter");
        var taskPage = await drafter.GetAsync($"/tasks/{task.Id}");
        Assert.Null(taskPage.QuerySelector("#task-form"));
        Assert.Contains("第三十七条", taskPage.QuerySelector("#cannot-act")!.TextContent);

        (status, _) = await web.SubmitAsync(WebSession.Form(suspended, "#control-form"), new Dictionary<string, string[]> { ["operation"] = ["resume"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(instance.Id)).Status);
        Assert.NotNull((await drafter.GetAsync($"/tasks/{task.Id}")).QuerySelector("#task-form"));
    }

    [Fact]
    public async Task The_drafting_officer_is_not_offered_the_controls_and_a_forged_post_is_refused_with_nothing_changed()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");

        var dossier = await web.GetAsync($"/matters/{instance.MatterId}");
        Assert.Null(dossier.QuerySelector("#control-form"));
        var token = dossier.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var response = await web.Client.PostAsync($"/matters/{instance.MatterId}?handler=Control", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("operation", "cancel"), new("ControlReason", "不想办了")]));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("第三十七条", html);
        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(instance.Id)).Status);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Journal.CountAsync(j => j.Type == "InstanceCancelled")));
    }
}
