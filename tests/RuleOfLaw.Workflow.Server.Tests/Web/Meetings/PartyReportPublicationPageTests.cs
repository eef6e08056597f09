using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Meetings;

/// <summary>The Party committee report (第三十一条) and publication (第三十二条) task pages through their real forms.</summary>
public sealed class PartyReportPublicationPageTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_party_committee_report_is_recorded_before_the_step_is_completed(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");
        var task = await driver.OpenTaskAsync(instance.Id, "party-committee-report");

        using var web = new WebSession(server);
        await web.SignInAsync("secretary");
        var dossier = await web.GetAsync($"/matters/{instance.Id}");
        Assert.Equal($"/after-decision/party-report/{task.Id}", dossier.QuerySelector("a[data-task-step=party-committee-report]")!.GetAttribute("href"));
        var page = await web.GetAsync($"/after-decision/party-report/{task.Id}");

        // Completing without the report: the guard's refusal (the API's words), the task stays open.
        var (_, refused) = await web.SubmitAsync(WebSession.Form(page, "#task-form"));
        Assert.Contains("第三十一条", refused.QuerySelector("#form-error")!.TextContent);
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "party-committee-report")).Status);

        // No form of the report: refused next to the field, nothing written.
        var (_, noForm) = await web.SubmitAsync(WebSession.Form(refused, "#party-report-form"), new Dictionary<string, string[]> { ["Form"] = [""] });
        Assert.NotNull(noForm.QuerySelector("#Form-error"));
        Assert.Equal("true", noForm.QuerySelector("#Form")!.GetAttribute("aria-invalid"));
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<PartyCommitteeReport>().ToListAsync()));

        var (status, recorded) = await web.SubmitAsync(WebSession.Form(noForm, "#party-report-form"),
            new Dictionary<string, string[]> { ["Form"] = ["书面请示"], ["ReplyNote"] = ["同意印发。"] });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("书面请示", recorded.QuerySelector("#party-recorded")!.TextContent);
        var report = await server.WithDatabaseAsync(db => db.Set<PartyCommitteeReport>().SingleAsync());
        Assert.Equal((task.Id, "书面请示", driver.Today), (report.TaskId, report.Form, report.ReportedOn));

        await web.SubmitAsync(WebSession.Form(recorded, "#task-form"));
        Assert.Equal($"/matters/{instance.Id}", web.Location);
        Assert.Single((await driver.GetInstanceAsync(instance.Id)).OpenTasks, t => t.StepId == "publication");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Publication_without_the_use_of_opinions_is_refused_next_to_the_field(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver); // went through public participation
        var task = await driver.OpenTaskAsync(instance.Id, "publication");

        using var web = new WebSession(server);
        await web.SignInAsync("secretary");
        var page = await web.GetAsync($"/after-decision/publication/{task.Id}");
        Assert.Contains("必填", page.QuerySelector("label[for=OpinionsUse]")!.TextContent);

        var (status, refused) = await web.SubmitAsync(WebSession.Form(page, "#publication-form"),
            new Dictionary<string, string[]> { ["Channels"] = ["gazette", "website"], ["OpinionsUse"] = ["  "] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = refused.QuerySelector("#OpinionsUse-error")!;
        Assert.Contains("采纳情况", error.TextContent);
        Assert.Contains("第三十二条", error.TextContent);
        Assert.Equal("true", refused.QuerySelector("#OpinionsUse")!.GetAttribute("aria-invalid"));
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<DecisionPublication>().ToListAsync()));
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "publication")).Status);

        // No channel: next to the channels.
        var (_, noChannel) = await web.SubmitAsync(WebSession.Form(refused, "#publication-form"),
            new Dictionary<string, string[]> { ["Channels"] = [], ["OpinionsUse"] = ["已说明。"] });
        Assert.NotNull(noChannel.QuerySelector("#Channels-error"));
        Assert.Empty(await server.WithDatabaseAsync(db => db.Set<DecisionPublication>().ToListAsync()));

        var (_, recorded) = await web.SubmitAsync(WebSession.Form(noChannel, "#publication-form"),
            new Dictionary<string, string[]> { ["Channels"] = ["gazette", "website"], ["OpinionsUse"] = ["公众意见和专家意见的采纳情况已随文说明。"] });
        Assert.NotNull(recorded.QuerySelector("#publication-recorded"));
        var publication = await server.WithDatabaseAsync(db => db.Set<DecisionPublication>().SingleAsync());
        Assert.Equal((task.Id, "[\"gazette\",\"website\"]", driver.Today), (publication.TaskId, publication.ChannelsJson, publication.PublishedOn));

        await web.SubmitAsync(WebSession.Form(recorded, "#task-form"));
        Assert.Equal($"/matters/{instance.Id}", web.Location);
        Assert.DoesNotContain((await driver.GetInstanceAsync(instance.Id)).OpenTasks, t => t.StepId == "publication");
    }
}
