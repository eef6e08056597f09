using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Integrity;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Experts;

/// <summary>
/// The panel's experts as party tasks of <c>expert-argumentation</c> (definition version 6, 第十九条、第二十条): each
/// expert chosen gets her own task, her signed opinion completes it, one removed with the reason loses it (journaled),
/// the drafting unit closes the step after every expert not removed; an instance pinned to version 5 keeps the former path.
/// </summary>
public sealed class ExpertPanelPartyTests : IDisposable
{
    private const string Password = "Panel@2026-pw";

    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-experts-").FullName;

    private static object Choose(Guid expertId) => new { expertId, directInterest = false, interestStatement = "本人与该决策事项无直接利害关系。" };

    private static async Task<(Guid InstanceId, Guid MatterId, Guid TaskId)> AtArgumentationAsync(ProcedureDriver driver)
    {
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        return (instance.Id, Guid.Parse(instance.MatterId), Assert.Single(instance.OpenTasks, t => t.StepId == "expert-argumentation").Id);
    }

    /// <summary>A second expert with an account of her own in the county's expert pool.</summary>
    private static async Task<(Guid ExpertId, string UserId)> SecondExpertAsync(ProcedureDriver driver)
    {
        var admin = await driver.As("admin");
        using var user = await admin.PostJsonAsync("/api/admin/users",
            new { userName = "expert.two", displayName = "李教授", password = Password, organizationId = "demo-county-experts", role = "expert" })
            .ExpectAsync(HttpStatusCode.Created, driver.Server);
        var reviewer = await driver.As("reviewer");
        var expert = await reviewer.PostJsonAsync("/api/experts",
                new { name = "李教授", field = "交通经济", employer = "示范大学经济学院", governmentEmployed = false, userName = "expert.two" })
            .ExpectAsync<ExpertView>(HttpStatusCode.Created, driver.Server);
        return (expert.Id, expert.UserId!);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Each_expert_chosen_gets_her_own_task_her_signed_opinion_completes_it_and_one_removed_with_the_reason_loses_it(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instanceId, matterId, closingId) = await AtArgumentationAsync(driver);
        var drafter = await driver.As("drafter");
        var (secondId, secondUser) = await SecondExpertAsync(driver);
        var expertUser = await server.WithDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "expert").Id));

        // An expert without an account could never sign (第十九条): not chosen, nothing written.
        var before = (await driver.GetInstanceAsync(instanceId)).JournalHead;
        var accountless = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(new Guid("6f1a0c3e-0000-4000-8000-000000000002")))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-account-required", "第十九条"), (accountless.Code, accountless.Article));
        Assert.Equal(before, (await driver.GetInstanceAsync(instanceId)).JournalHead);

        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.LinkedExpertId)).ExpectAsync(HttpStatusCode.Created, server);
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(secondId)).ExpectAsync(HttpStatusCode.Created, server);

        // One party task per expert, in the pool's organization, each in her own inbox only.
        var instance = await driver.GetInstanceAsync(instanceId);
        var parties = instance.OpenTasks.Where(t => t.StepId == "expert-argumentation" && t.PartyId is not null).ToList();
        Assert.Equal(new[] { expertUser, secondUser }.Order(StringComparer.Ordinal), parties.Select(t => t.PartyId!).Order(StringComparer.Ordinal));
        Assert.All(parties, t => Assert.Equal(("expert", "demo-county-experts"), (t.Role, t.OrganizationId)));
        var mine = parties.Single(t => t.PartyId == expertUser);
        var theirs = parties.Single(t => t.PartyId == secondUser);
        Assert.Equal(["opinion-signed"], mine.Outcomes.Select(o => o.Id));
        Assert.Equal([mine.Id], (await driver.InboxAsync("expert", instanceId)).Select(i => i.Id));
        using var second = await server.SignInAsync("expert.two", Password);
        async Task<List<Guid>> SecondsInboxAsync() =>
            [.. (await second.GetAsync("/api/tasks/mine").ExpectAsync<List<RuleOfLaw.Workflow.Server.Tasks.InboxItem>>(HttpStatusCode.OK, server))
                .Where(i => i.InstanceId == instanceId).Select(i => i.Id)];
        Assert.Equal([theirs.Id], await SecondsInboxAsync());
        Assert.Equal(2, (await driver.JournalAsync(instanceId)).Count(e => e.Type == "PartyAdded" && e.StepId == "expert-argumentation"));

        // Her task is completed only by her signed opinion; the drafting unit's closing waits, in the module's words first.
        var generic = await driver.CompleteRawAsync("expert", mine.Id, "opinion-signed").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("use-expert-opinion", "第十九条至第二十一条"), (generic.Code, generic.Article));
        var early = await driver.CompleteRawAsync("drafter", closingId, "opinion-submitted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-opinion-missing", "第十九条"), (early.Code, early.Article));

        var expert = await driver.As("expert");
        var opinion = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text = "方案可行，建议补充停车需求测算。", declaresNoDirectInterest = true })
            .ExpectAsync<ExpertOpinionView>(HttpStatusCode.Created, server);
        var completed = Assert.Single(await driver.JournalAsync(instanceId), e => e.Type == "PartyTaskCompleted");
        Assert.Equal((mine.Id, "opinion-signed", expertUser), (completed.TaskId, completed.Outcome, completed.ActorId));
        Assert.Contains(opinion.Id.ToString("D"), completed.DataJson);
        Assert.True((await expert.GetAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server)).Valid);
        var again = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text = "补充意见。", declaresNoDirectInterest = true })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-already-signed", "第十九条"), (again.Code, again.Article));

        // Removal: the drafting unit only, with the reason, never of an expert who has signed; nothing written when refused.
        before = (await driver.GetInstanceAsync(instanceId)).JournalHead;
        var signedMember = (await drafter.GetAsync($"/api/matters/{matterId}/experts").ExpectAsync<PanelView>(HttpStatusCode.OK, server))
            .Members.Single(m => m.Expert.Id == ExpertDemoData.LinkedExpertId).Member.Id;
        var secondMember = (await drafter.GetAsync($"/api/matters/{matterId}/experts").ExpectAsync<PanelView>(HttpStatusCode.OK, server))
            .Members.Single(m => m.Expert.Id == secondId).Member.Id;
        var reasonless = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{secondMember}/removal", new { reason = " " })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("removal-reason-required", "第二十条"), (reasonless.Code, reasonless.Article));
        var notDrafter = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{secondMember}/removal", new { reason = "回避" })
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(("forbidden", "第十九条"), (notDrafter.Code, notDrafter.Article));
        var signedOne = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{signedMember}/removal", new { reason = "回避" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-already-signed", "第十九条"), (signedOne.Code, signedOne.Article));
        Assert.Equal(before, (await driver.GetInstanceAsync(instanceId)).JournalHead);

        const string reason = "该专家近期受聘于停车场经营企业，与决策事项有直接利害关系，应当回避（第二十条）";
        var panel = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{secondMember}/removal", new { reason }, "removal-1")
            .ExpectAsync<PanelView>(HttpStatusCode.OK, server);
        Assert.Equal([ExpertDemoData.LinkedExpertId], panel.Members.Select(m => m.Expert.Id));
        // The same request again with the same Idempotency-Key (a second click, a lost answer) gets the answer again,
        // not "expert-removed", and nothing is written; the key with another body is refused.
        var removedHead = (await driver.GetInstanceAsync(instanceId)).JournalHead;
        using (var retry = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{secondMember}/removal", new { reason }, "removal-1"))
        {
            await retry.ExpectAsync(HttpStatusCode.OK, server);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal([ExpertDemoData.LinkedExpertId], (await retry.ReadAsync<PanelView>()).Members.Select(m => m.Expert.Id));
        }
        Assert.Equal("idempotency-key-reused", (await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{secondMember}/removal",
            new { reason = "另一理由" }, "removal-1").ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(removedHead, (await driver.GetInstanceAsync(instanceId)).JournalHead);
        var removed = Assert.Single(panel.Removed);
        Assert.Equal((secondId, reason), (removed.Entry.Expert.Id, removed.Reason));
        var removal = Assert.Single(await driver.JournalAsync(instanceId), e => e.Type == "PartyRemoved");
        Assert.Equal((theirs.Id, reason), (removal.TaskId, removal.Comment));
        Assert.DoesNotContain((await driver.GetInstanceAsync(instanceId)).OpenTasks, t => t.Id == theirs.Id);
        Assert.Empty(await SecondsInboxAsync());

        // A removed expert is not chosen again, and signs nothing.
        var rechosen = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(secondId)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-removed", "第二十条"), (rechosen.Code, rechosen.Article));
        var removedSigns = await second.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text = "意见。", declaresNoDirectInterest = true })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-removed", "第二十条"), (removedSigns.Code, removedSigns.Article));

        // Every expert not removed has signed and the use is recorded: the drafting unit closes the argumentation.
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/adoption", new { adoption = "adopted" }).ExpectAsync(HttpStatusCode.Created, server);
        var closed = await driver.CompleteRawAsync("drafter", closingId, "opinion-submitted").ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(StepStatus.Completed, closed.Steps.Single(s => s.Id == "expert-argumentation").Status);
        Assert.True((await driver.VerifyJournalAsync(instanceId)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_instance_pinned_to_version_5_keeps_the_expert_scope_task_while_a_new_one_gets_party_tasks(DatabaseProvider provider)
    {
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        foreach (var folder in new[] { "calendars", "jurisdictions" })
        {
            Directory.CreateDirectory(Path.Combine(_workflows, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, Path.Combine(_workflows, folder, Path.GetFileName(file)));
            }
        }
        DefinitionEndpointTests.CopyNormativeDefinition(_workflows);
        var five = File.ReadAllText(Path.Combine(DefinitionEndpointTests.RepositoryRoot,
            "tests", "RuleOfLaw.Workflow.Server.Tests", "LegalityReview", "Fixtures", "major-administrative-decision-v5.json"));
        Assert.Contains("\"version\": 5,", five, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, "major-administrative-decision-v5.json"), five);

        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid pinnedId;
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
            using var starter = new ProcedureDriver(first);
            var (instanceId, _, _) = await AtArgumentationAsync(starter);
            pinnedId = instanceId;
        }

        // The shipped version (7) is installed beside it: the running instance stays on version 5.
        File.Copy(Path.Combine(source, "major-administrative-decision.json"), Path.Combine(_workflows, "major-administrative-decision.json"));
        await using var server = new ServerFactory(database, _workflows);
        server.StartServer();
        using var driver = new ProcedureDriver(server);
        var pinned = await driver.GetInstanceAsync(pinnedId);
        Assert.Equal(5, pinned.DefinitionVersion);
        var matterId = Guid.Parse(pinned.MatterId);
        var task = Assert.Single(pinned.OpenTasks, t => t.StepId == "expert-argumentation");
        Assert.Equal(("expert", null), (task.Role, task.PartyId));

        // Its former path: the expert is chosen and signs (a journaled record, no party task), nobody is removed, and
        // the expert completes the step's task herself.
        var drafter = await driver.As("drafter");
        var member = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel", Choose(ExpertDemoData.LinkedExpertId))
            .ExpectAsync<PanelMemberView>(HttpStatusCode.Created, server);
        Assert.DoesNotContain((await driver.GetInstanceAsync(pinnedId)).OpenTasks, t => t.PartyId is not null);
        var unavailable = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel/{member.Id}/removal", new { reason = "回避" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("expert-removal-unavailable", "第十九条"), (unavailable.Code, unavailable.Article));
        var expert = await driver.As("expert");
        var opinion = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/opinions", new { text = "方案可行。", declaresNoDirectInterest = true })
            .ExpectAsync<ExpertOpinionView>(HttpStatusCode.Created, server);
        Assert.Single(await driver.JournalAsync(pinnedId), e => e.Type == "ExpertOpinionSigned");
        Assert.True((await expert.GetAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/verify").ExpectAsync<SignatureCheck>(HttpStatusCode.OK, server)).Valid);
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/adoption", new { adoption = "adopted" }).ExpectAsync(HttpStatusCode.Created, server);
        var done = await driver.CompleteRawAsync("expert", task.Id, "opinion-submitted").ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(StepStatus.Completed, done.Steps.Single(s => s.Id == "expert-argumentation").Status);
        Assert.Equal(5, done.DefinitionVersion);

        // A matter started now runs on the shipped version (6 or later): the drafting unit's closing task, the experts as parties.
        var (fresh, _, closingId) = await AtArgumentationAsync(driver);
        var started = await driver.GetInstanceAsync(fresh);
        Assert.Equal(7, started.DefinitionVersion);
        Assert.Equal(("drafting-officer", null), (started.OpenTasks.Single(t => t.Id == closingId).Role, started.OpenTasks.Single(t => t.Id == closingId).PartyId));
    }

    public void Dispose() => Directory.Delete(_workflows, recursive: true);
}
