using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web.Participation;

/// <summary>
/// Expert argumentation through the pages (arts. 19-21): the drafting unit's panel page refuses an interested expert
/// and one from the drafting unit next to the field with art. 20 and writes nothing; the expert signs the opinion
/// through her own task's page (definition version 6), the signature verifies, the adoption is recorded and the drafting
/// unit completes the step. The tests work on their own matters and read only those rows, so they share one server per
/// database (<see cref="SharedServers"/>, issue 17 item 8).
/// </summary>
public sealed class ExpertPageTests(SharedServers servers) : IClassFixture<SharedServers>
{
    private static Dictionary<string, string[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new[] { f.Value });

    private static async Task<(Guid MatterId, Guid TaskId)> AtExpertsAsync(ProcedureDriver driver)
    {
        var matter = await Tests.Participation.ParticipationApi.AtParticipationAsync(driver, new Dictionary<string, bool> { ["technical"] = true });
        return (matter.Id, (await driver.OpenTaskAsync(matter.Id, "expert-argumentation")).Id);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_interested_expert_or_one_from_the_drafting_unit_is_refused_with_article_20_and_nothing_is_written(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, _) = await AtExpertsAsync(driver);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var dossier = await web.GetAsync($"/matters/{matterId}");
        Assert.Equal($"/matters/{matterId}/experts", dossier.QuerySelector("#experts-link")!.GetAttribute("href"));
        var page = await web.GetAsync($"/matters/{matterId}/experts");

        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#add-expert-form"), Fields(
            ("ExpertId", ExpertDemoData.LinkedExpertId.ToString()), ("DirectInterest", "true"), ("InterestStatement", "本人为停车场经营企业股东。")));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第二十条", answer.QuerySelector("#DirectInterest-error")!.TextContent);
        Assert.Equal("true", answer.QuerySelector("#DirectInterest")!.GetAttribute("aria-invalid"));

        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, "#add-expert-form"), Fields(
            ("ExpertId", ExpertDemoData.DraftingUnitEmployeeId.ToString()), ("DirectInterest", "false"), ("InterestStatement", "本人与该事项无直接利害关系。")));
        Assert.Contains("第二十条", answer.QuerySelector("#ExpertId-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ExpertPanelMember>().CountAsync(m => m.MatterId == matterId)));
        Assert.DoesNotContain(await driver.JournalAsync(matterId), e => e.Type == "ExpertChosen");

        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, "#add-expert-form"), Fields(
            ("ExpertId", ExpertDemoData.LinkedExpertId.ToString()), ("DirectInterest", "false"), ("InterestStatement", "本人与该事项无直接利害关系。")));
        Assert.Equal("已将专家加入论证专家组。", answer.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.NotNull(answer.QuerySelector($"article.member[data-expert='{ExpertDemoData.LinkedExpertId}']"));
        Assert.Equal(ExpertDemoData.LinkedExpertId, (await server.WithDatabaseAsync(db => db.Set<ExpertPanelMember>().SingleAsync(m => m.MatterId == matterId))).ExpertId);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_expert_signs_the_opinion_through_the_form_and_the_step_completes_once_its_use_is_recorded(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, taskId) = await AtExpertsAsync(driver);
        var drafter = await driver.As("drafter");
        using (var added = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel",
            new { expertId = ExpertDemoData.LinkedExpertId, directInterest = false, interestStatement = "本人与该事项无直接利害关系。" }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        // Version 6: the expert chosen has her own task of the step (a party task), which her dossier links to.
        var expertUserId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "expert").Select(u => u.Id).SingleAsync());
        var partyTaskId = Assert.Single((await driver.GetInstanceAsync(matterId)).OpenTasks, t => t.PartyId == expertUserId).Id;
        using var expert = new WebSession(server);
        await expert.SignInAsync("expert");
        var dossier = await expert.GetAsync($"/matters/{matterId}");
        Assert.Equal($"/experts/tasks/{partyTaskId}", dossier.QuerySelector("a[data-task-step=expert-argumentation]")!.GetAttribute("href"));
        var page = await expert.GetAsync($"/experts/tasks/{partyTaskId}");
        // Her signed opinion completes her task: no generic completion form on it.
        Assert.Null(page.QuerySelector("#task-form"));
        Assert.NotNull(page.QuerySelector("#party-task-hint"));

        // Without the declaration of no direct interest: refused next to it (art. 20), nothing signed.
        var (_, answer) = await expert.SubmitAsync(WebSession.Form(page, "#opinion-form"), Fields(("OpinionText", "方案必要、可行。")));
        Assert.Contains("第二十条", answer.QuerySelector("#DeclaresNoDirectInterest-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ExpertOpinion>().CountAsync(o => o.MatterId == matterId)));

        (_, answer) = await expert.SubmitAsync(WebSession.Form(answer, "#opinion-form"), Fields(
            ("OpinionText", "方案必要、可行；建议分时段收费。"), ("DeclaresNoDirectInterest", "true")));
        Assert.Equal($"/experts/tasks/{partyTaskId}", expert.Location);
        Assert.Equal("true", answer.QuerySelector("#my-opinion .signature")!.GetAttribute("data-valid"));
        var opinion = await server.WithDatabaseAsync(db => db.Set<ExpertOpinion>().SingleAsync(o => o.MatterId == matterId));
        Assert.Equal("方案必要、可行；建议分时段收费。", opinion.Text);
        Assert.Equal(expertUserId, opinion.SignedBy);
        Assert.Equal(partyTaskId, Assert.Single(await driver.JournalAsync(matterId), e => e.Type == "PartyTaskCompleted").TaskId);

        // The drafting unit records how the opinion was used: not adopted needs the reason, next to the field.
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var panel = await web.GetAsync($"/matters/{matterId}/experts");
        Assert.Equal("true", panel.QuerySelector($"article.member .signature")!.GetAttribute("data-valid"));
        (_, panel) = await web.SubmitAsync(WebSession.Form(panel, $"#adopt-{opinion.Id}"), Fields(("Adoption", "not-adopted"), ("Reason", "")));
        Assert.NotNull(panel.QuerySelector($"#Reason-{opinion.Id}-error"));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ExpertOpinionAdoption>().CountAsync(a => a.MatterId == matterId)));
        (_, panel) = await web.SubmitAsync(WebSession.Form(panel, $"#adopt-{opinion.Id}"), Fields(("Adoption", "adopted"), ("Reason", "")));
        Assert.Equal("adopted", panel.QuerySelector("p.adoption")!.GetAttribute("data-adoption"));

        // The drafting unit closes the argumentation on the step's own task.
        var (status, after) = await web.SubmitAsync(WebSession.Form(await web.GetAsync($"/experts/tasks/{taskId}"), "#task-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{matterId}", web.Location);
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.MatterId == matterId)).StateJson));
        Assert.Equal(StepStatus.Completed, state.Steps["expert-argumentation"].Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_drafting_unit_removes_an_expert_who_has_not_signed_with_the_reason_next_to_the_field(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matterId, _) = await AtExpertsAsync(driver);
        var drafter = await driver.As("drafter");
        var member = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel",
                new { expertId = ExpertDemoData.LinkedExpertId, directInterest = false, interestStatement = "本人与该事项无直接利害关系。" })
            .ExpectAsync<PanelMemberView>(HttpStatusCode.Created, server);
        using var web = new WebSession(server);
        await web.SignInAsync("drafter");
        var page = await web.GetAsync($"/matters/{matterId}/experts");

        // Without a reason: refused next to the field (第二十条), nothing journaled.
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, $"#remove-{member.Id}"), Fields(("RemovalReason", "")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("第二十条", answer.QuerySelector($"#RemovalReason-{member.Id}-error")!.TextContent);
        Assert.DoesNotContain(await driver.JournalAsync(matterId), e => e.Type == "PartyRemoved");

        (_, answer) = await web.SubmitAsync(WebSession.Form(answer, $"#remove-{member.Id}"), Fields(("RemovalReason", "与决策事项有直接利害关系，应当回避")));
        Assert.Equal("已将专家调整出论证专家组。", answer.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.Contains("应当回避", answer.QuerySelector($"#removed-experts li[data-expert='{ExpertDemoData.LinkedExpertId}']")!.TextContent);
        Assert.Null(answer.QuerySelector($"article.member[data-expert='{ExpertDemoData.LinkedExpertId}']"));
        Assert.Equal("与决策事项有直接利害关系，应当回避", Assert.Single(await driver.JournalAsync(matterId), e => e.Type == "PartyRemoved").Comment);
    }
}
