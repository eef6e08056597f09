using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Experts;

/// <summary>
/// Expert argumentation (第十九条至第二十一条): neutral panel, local panel rules, signed opinions, adoption. The tests that
/// work on their own matters share one server per database (<see cref="SharedServers"/>, issue 17 item 8); one that
/// changes the jurisdiction's rules or the expert pool starts its own.
/// </summary>
public sealed class ExpertArgumentationTests(SharedServers servers) : IClassFixture<SharedServers>
{
    private static async Task<(Guid InstanceId, Guid MatterId, Guid TaskId)> AtArgumentationAsync(ProcedureDriver driver)
    {
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        return (instance.Id, Guid.Parse(instance.MatterId), Assert.Single(instance.OpenTasks, t => t.StepId == "expert-argumentation").Id);
    }

    private static object Choose(Guid expertId, bool directInterest = false) =>
        new { expertId, directInterest, interestStatement = directInterest ? "本人配偶经营停车场。" : "本人与该决策事项无直接利害关系。" };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_interested_expert_or_one_employed_by_the_drafting_unit_is_refused_and_nothing_is_written(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instanceId, matterId, _) = await AtArgumentationAsync(driver);
        var before = await driver.GetInstanceAsync(instanceId);
        var drafter = await driver.As("drafter");

        var interested = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.LinkedExpertId, directInterest: true))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-direct-interest", "第二十条"), (interested.Code, interested.Article));
        var employee = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.DraftingUnitEmployeeId))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-employed-by-drafting-unit", "第二十条"), (employee.Code, employee.Article));

        Assert.Equal(before.JournalHead, (await driver.GetInstanceAsync(instanceId)).JournalHead);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ExpertPanelMember>().CountAsync(m => m.MatterId == matterId)));

        // The expert's own declaration when signing: an expert who does not declare no direct interest is refused too.
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.LinkedExpertId)).ExpectAsync(HttpStatusCode.Created, server);
        var expert = await driver.As("expert");
        var undeclared = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text = "意见", declaresNoDirectInterest = false })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-direct-interest", "第二十条"), (undeclared.Code, undeclared.Article));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<ExpertOpinion>().CountAsync(o => o.MatterId == matterId)));
        // Only a panel expert signs, with their own account.
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text = "代签", declaresNoDirectInterest = true })
            .ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_panel_member_signs_the_signature_verifies_and_adoption_needs_a_reason_unless_adopted(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instanceId, matterId, taskId) = await AtArgumentationAsync(driver);
        var drafter = await driver.As("drafter");

        // The drafting unit closes the argumentation (version 6): refused while the panel is empty or an expert has not signed.
        var empty = await driver.CompleteRawAsync("drafter", taskId, "opinion-submitted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("expert-panel-invalid", empty.Code);

        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.LinkedExpertId)).ExpectAsync(HttpStatusCode.Created, server);
        var unsigned = await driver.CompleteRawAsync("drafter", taskId, "opinion-submitted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-opinion-missing", "第十九条"), (unsigned.Code, unsigned.Article));

        var expert = await driver.As("expert");
        const string text = "方案总体可行；建议补充高峰时段交通流量测算，并对周边小区停车外溢进行评估。";
        var opinion = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text, declaresNoDirectInterest = true })
            .ExpectAsync<ExpertOpinionView>(HttpStatusCode.Created, server);
        // An SM2 signature over the exact text and metadata, checkable offline with the signer's public key.
        var check = await drafter.GetAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal("sm2-sm3", check.Algorithm);
        Assert.Equal(opinion.Signature, check.Stored);
        var expertId = await server.WithDatabaseAsync(db => db.Set<ExpertOpinion>().Where(o => o.Id == opinion.Id).Select(o => o.ExpertId).SingleAsync());
        var message = OpinionSignatures.Message("expert-opinion", opinion.Id, matterId, expertId.ToString("D"), opinion.SignedBy, opinion.SignedAt, text);
        Assert.True(SmCrypto.Sm2Verify(Convert.FromHexString(check.PublicKey!), message, Convert.FromHexString(opinion.Signature)));
        Assert.False(SmCrypto.Sm2Verify(Convert.FromHexString(check.PublicKey!),
            OpinionSignatures.Message("expert-opinion", opinion.Id, matterId, expertId.ToString("D"), opinion.SignedBy, opinion.SignedAt, text + "。"),
            Convert.FromHexString(opinion.Signature)));
        // The signed opinion completed the expert's own task of the panel (version 6), its data in the journal.
        var signed = Assert.Single(await driver.JournalAsync(instanceId), e => e.Type == "PartyTaskCompleted");
        Assert.Equal(("expert-argumentation", "opinion-signed"), (signed.StepId, signed.Outcome));
        Assert.Contains(opinion.Signature, signed.DataJson);
        Assert.Equal(opinion.SignedBy, signed.ActorId);

        var reasonless = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/adoption", new { adoption = "partly-adopted" })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-adoption", reasonless.Code);
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/adoption",
            new { adoption = "partly-adopted", reason = "流量测算已补充；外溢评估纳入实施阶段。" }).ExpectAsync(HttpStatusCode.Created, server);

        using (await driver.CompleteRawAsync("drafter", taskId, "opinion-submitted").ExpectAsync(HttpStatusCode.OK, server))
        {
        }
        var panel = await drafter.GetAsync($"/api/matters/{matterId}/experts").ExpectAsync<PanelView>(HttpStatusCode.OK, server);
        var member = Assert.Single(panel.Members);
        Assert.Equal("partly-adopted", member.Adoption!.Adoption);
    }

    /// <summary>A jurisdiction with panel rules (at least 3, odd, government-employed at most 1/3): enforced on completion.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_jurisdictions_panel_rules_are_enforced_when_set(DatabaseProvider provider)
    {
        // Its own server: it changes the default jurisdiction's panel rules, which every later test on a shared one would meet.
        await using var server = await ServerFactory.StartAsync(provider);
        var registry = server.Services.GetRequiredService<JurisdictionRegistry>();
        var original = registry.Get(JurisdictionSettings.DefaultId)!;
        registry.Set(original with { ExpertPanel = new ExpertPanelRules(3, true, new Share(1, 3)) });
        using var driver = new ProcedureDriver(server);
        var (_, matterId, taskId) = await AtArgumentationAsync(driver);
        var drafter = await driver.As("drafter");
        var reviewer = await driver.As("reviewer");

        var admin = await driver.As("admin");
        var accounts = 0;
        // Each expert of a panel with party tasks signs with an account of her own (第十九条; version 6).
        async Task<Guid> NewExpertAsync(string name, bool government)
        {
            var userName = $"panel.expert{++accounts}";
            await admin.PostJsonAsync("/api/admin/users", new { userName, displayName = name, password = "Panel@2026-pw", organizationId = "demo-county-experts", role = "expert" })
                .ExpectAsync(HttpStatusCode.Created, server);
            return (await reviewer.PostJsonAsync("/api/experts",
                    new { name, field = "交通工程", employer = government ? "示范县交通运输局" : "示范大学", governmentEmployed = government, userName })
                .ExpectAsync<ExpertView>(HttpStatusCode.Created, server)).Id;
        }
        async Task<IReadOnlyList<string>> RefusalCodesAsync()
        {
            using var response = await driver.CompleteRawAsync("drafter", taskId, "opinion-submitted");
            var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
            return [.. problem.Json.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];
        }

        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.LinkedExpertId)).ExpectAsync(HttpStatusCode.Created, server);
        var tooSmall = await driver.CompleteRawAsync("drafter", taskId, "opinion-submitted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("expert-panel-invalid", tooSmall.Code);
        Assert.Contains("至少3人", tooSmall.Detail);

        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(await NewExpertAsync("政府专家甲", true))).ExpectAsync(HttpStatusCode.Created, server);
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(await NewExpertAsync("政府专家乙", true))).ExpectAsync(HttpStatusCode.Created, server);
        var panel = await drafter.GetAsync($"/api/matters/{matterId}/experts").ExpectAsync<PanelView>(HttpStatusCode.OK, server);
        Assert.Contains(panel.RuleProblems, p => p.Contains("1/3"));
        Assert.Contains("expert-panel-invalid", await RefusalCodesAsync());

        // Four members: still 2 of 4 government-employed (> 1/3) and even.
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(await NewExpertAsync("高校专家丙", false))).ExpectAsync(HttpStatusCode.Created, server);
        panel = await drafter.GetAsync($"/api/matters/{matterId}/experts").ExpectAsync<PanelView>(HttpStatusCode.OK, server);
        Assert.Contains(panel.RuleProblems, p => p.Contains("单数"));

        // Seven members, 2 government-employed (2/7 <= 1/3): the panel is valid; only the missing opinions remain.
        foreach (var name in new[] { "高校专家丁", "高校专家戊", "高校专家己" })
        {
            await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(await NewExpertAsync(name, false))).ExpectAsync(HttpStatusCode.Created, server);
        }
        panel = await drafter.GetAsync($"/api/matters/{matterId}/experts").ExpectAsync<PanelView>(HttpStatusCode.OK, server);
        Assert.Empty(panel.RuleProblems);
        Assert.Equal(["expert-opinion-missing"], await RefusalCodesAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_pool_is_kept_by_the_legality_review_office_or_administrators(DatabaseProvider provider)
    {
        // Its own server: it adds an expert to the demo pool, linked to a demo user.
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        await drafter.PostJsonAsync("/api/experts", new { name = "某专家", field = "法学", employer = "大学", governmentEmployed = false }).ReadProblemAsync(HttpStatusCode.Forbidden);
        var admin = await driver.As("admin");
        var created = await admin.PostJsonAsync("/api/experts", new { name = "某专家", field = "法学", employer = "大学", governmentEmployed = false, userName = "member" })
            .ExpectAsync<ExpertView>(HttpStatusCode.Created, server);
        Assert.NotNull(created.UserId);
        var pool = await drafter.GetAsync("/api/experts").ExpectAsync<List<ExpertView>>(HttpStatusCode.OK, server);
        Assert.Contains(pool, e => e.Id == ExpertDemoData.LinkedExpertId && e.UserId is not null);
        Assert.Contains(pool, e => e.Id == created.Id);
    }
}
