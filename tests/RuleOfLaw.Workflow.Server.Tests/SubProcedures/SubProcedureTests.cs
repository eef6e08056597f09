using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.SubProcedures;

/// <summary>
/// Sub-procedures on the server (issue 11 item 7), on both databases, with two test definitions of this folder's
/// <c>workflows/</c>: <c>sub-parent</c> (drafting → sub-procedure step → closing) and <c>sub-child</c> (its work, then a
/// review when <c>deep</c>, the one attribute the parent passes). The server starts on a workflows folder holding them
/// besides the shipped procedures (the modules' step check needs those), and the variants two tests use. The tests that
/// work on their own matters share one server per database (<see cref="SubProcedureServers"/>, issue 17 item 8); a test
/// that moves the clock or adds a service starts its own and says why.
/// </summary>
public sealed class SubProcedureTests(SubProcedureServers servers) : IClassFixture<SubProcedureServers>
{
    private const string Parent = "sub-parent";
    private const string Child = "sub-child";
    private const string Step = "child-procedure";

    private static string TestDefinitions =>
        Path.Combine(DefinitionEndpointTests.RepositoryRoot, "tests", "RuleOfLaw.Workflow.Server.Tests", "SubProcedures", "workflows");

    /// <summary>
    /// A workflows folder: the shipped calendars, jurisdictions and procedures, this folder's test definitions, and two
    /// variants of them (<c>sub-parent-unresolved</c>, whose child needs an organization the demo county has not, and
    /// <c>sub-parent-timer</c>, a timer before the sub-procedure step).
    /// </summary>
    public static string CreateWorkflows()
    {
        var workflows = Directory.CreateTempSubdirectory("rolw-sub-procedures-").FullName;
        var source = Path.Combine(DefinitionEndpointTests.RepositoryRoot, "workflows");
        foreach (var folder in new[] { "calendars", "jurisdictions" })
        {
            Directory.CreateDirectory(Path.Combine(workflows, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, Path.Combine(workflows, folder, Path.GetFileName(file)));
            }
        }
        File.Copy(DefinitionEndpointTests.RealDefinitionPath, Path.Combine(workflows, Path.GetFileName(DefinitionEndpointTests.RealDefinitionPath)));
        DefinitionEndpointTests.CopyNormativeDefinition(workflows);
        foreach (var file in Directory.EnumerateFiles(TestDefinitions, "*.json"))
        {
            File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
        }
        // The child's unconditional step needs the people's congress standing committee, which the demo county has not.
        File.WriteAllText(Path.Combine(workflows, "sub-parent-unresolved.json"), File.ReadAllText(Path.Combine(TestDefinitions, "sub-parent.json"))
            .Replace("\"sub-parent\"", "\"sub-parent-unresolved\"", StringComparison.Ordinal)
            .Replace("\"sub-child\"", "\"sub-child-unresolved\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(workflows, "sub-child-unresolved.json"), File.ReadAllText(Path.Combine(TestDefinitions, "sub-child.json"))
            .Replace("\"sub-child\"", "\"sub-child-unresolved\"", StringComparison.Ordinal)
            .Replace("\"organization\": \"drafting-unit\"", "\"organization\": \"people-congress-standing-committee\"", StringComparison.Ordinal));
        // A timer before the sub-procedure step, for the burst test.
        File.WriteAllText(Path.Combine(workflows, "sub-parent-timer.json"), """
            { "id": "sub-parent-timer", "version": 1, "title": "测试：定时后进入子流程", "legalBasis": "测试",
              "attributes": [ { "name": "deep", "title": "子流程需合法性审查" }, { "name": "local", "title": "仅本程序使用的属性" } ],
              "start": "wait",
              "steps": [
                { "id": "wait", "kind": "timer", "title": "等待期", "duration": { "days": 3, "counting": "calendar" }, "next": ["child-procedure"] },
                { "id": "child-procedure", "kind": "subProcedure", "title": "子流程", "procedure": "sub-child", "passAttributes": ["deep"] }
              ] }
            """);
        return workflows;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_step_starts_a_child_matter_with_the_parents_attributes_and_the_parent_goes_on_when_it_completes(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: true);

        var after = await CompleteAsync(driver, "drafter", parent.Id, "drafting", "ready");
        Assert.Equal(StepStatus.Active, after.Steps.Single(s => s.Id == Step).Status);
        Assert.Empty(after.OpenTasks); // the parent waits for its child

        var link = Assert.Single((await MatterAsync(driver, matter.Id)).Children!);
        Assert.Equal((Child, Step, 1), (link.DefinitionId, link.StepId, link.Iteration));
        var childMatter = await MatterAsync(driver, link.MatterId);
        Assert.Equal((matter.Title, matter.DecisionOrganId, matter.DraftingUnitId, matter.JurisdictionId),
            (childMatter.Title, childMatter.DecisionOrganId, childMatter.DraftingUnitId, childMatter.JurisdictionId));
        Assert.NotEqual(matter.Number, childMatter.Number);
        Assert.Equal(new Dictionary<string, bool> { ["deep"] = true }, childMatter.Attributes); // passAttributes only: not "local"
        // The parent's organizations; the scope only the child uses is resolved as creating a matter resolves it.
        Assert.Equal((matter.Assignments["drafting-unit"], matter.Assignments["decision-organ"]),
            (childMatter.Assignments["drafting-unit"], childMatter.Assignments["decision-organ"]));
        Assert.False(matter.Assignments.ContainsKey("legality-review-office"));
        Assert.Equal("demo-county-justice", childMatter.Assignments["legality-review-office"]);
        Assert.Equal((matter.Id, Step, 1, InstanceStatus.Running), (childMatter.Parent!.MatterId, childMatter.Parent.StepId, childMatter.Parent.Iteration, childMatter.Parent.InstanceStatus));
        // Instance id = matter id, as for every instance.
        Assert.Equal(childMatter.Id, childMatter.InstanceId);

        // Each journal names the other.
        var childId = childMatter.InstanceId!.Value;
        var started = (await driver.JournalAsync(childId)).First();
        Assert.Equal("InstanceStarted", started.Type);
        using (var data = JsonDocument.Parse(started.DataJson))
        {
            var parentLink = data.RootElement.GetProperty("parent");
            Assert.Equal(parent.Id, parentLink.GetProperty("instanceId").GetGuid());
            Assert.Equal(Step, parentLink.GetProperty("stepId").GetString());
        }
        var subStarted = Assert.Single(await driver.JournalAsync(parent.Id), e => e.Type == "SubProcedureStarted");
        Assert.Contains(childId.ToString(), subStarted.DataJson);

        // The child runs as any procedure: its tasks are in the inboxes, the passed attribute applies its review.
        await CompleteAsync(driver, "drafter", childId, "child-work", "done");
        Assert.Equal(StepStatus.Active, (await driver.GetInstanceAsync(parent.Id)).Steps.Single(s => s.Id == Step).Status);
        var childDone = await CompleteAsync(driver, "reviewer", childId, "child-review", "reviewed");
        Assert.Equal(InstanceStatus.Completed, childDone.Status);

        // Its end, in the same transaction, moved the parent on.
        var parentAfter = await driver.GetInstanceAsync(parent.Id);
        var step = parentAfter.Steps.Single(s => s.Id == Step);
        Assert.Equal((StepStatus.Completed, "completed"), (step.Status, step.Outcome));
        Assert.Equal("closing", Assert.Single(parentAfter.OpenTasks).StepId);
        var ended = Assert.Single(await driver.JournalAsync(parent.Id), e => e.Type == "SubProcedureEnded");
        Assert.Equal("completed", ended.Outcome);
        Assert.Contains(childId.ToString(), ended.DataJson);
        Assert.True((await driver.VerifyJournalAsync(parent.Id)).Valid);
        Assert.True((await driver.VerifyJournalAsync(childId)).Valid);

        var done = await CompleteAsync(driver, "drafter", parent.Id, "closing", "closed");
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_child_cancelled_on_its_own_faults_the_parent_step_and_instance(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: false);
        await CompleteAsync(driver, "drafter", parent.Id, "drafting", "ready");
        var childId = Assert.Single((await MatterAsync(driver, matter.Id)).Children!).InstanceId!.Value;

        var client = await driver.As("drafthead");
        await client.PostJsonAsync($"/api/instances/{childId}/cancel", new { reason = "决策事项撤回" }).ExpectAsync(HttpStatusCode.OK, server);

        // The engine does not let the parent go on as if the procedure had been carried out: the parent is faulted.
        var parentAfter = await driver.GetInstanceAsync(parent.Id);
        Assert.Equal(InstanceStatus.Faulted, parentAfter.Status);
        var step = parentAfter.Steps.Single(s => s.Id == Step);
        Assert.Equal((StepStatus.Cancelled, "cancelled"), (step.Status, step.Outcome));
        Assert.Equal(StepStatus.Pending, parentAfter.Steps.Single(s => s.Id == "closing").Status);
        var ended = Assert.Single(await driver.JournalAsync(parent.Id), e => e.Type == "SubProcedureEnded");
        Assert.Equal("cancelled", ended.Outcome);
        Assert.Contains("决策事项撤回", ended.Comment);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Cancelling_the_parent_cancels_the_child_and_both_journals_say_so(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: true);
        await CompleteAsync(driver, "drafter", parent.Id, "drafting", "ready");
        var childId = Assert.Single((await MatterAsync(driver, matter.Id)).Children!).InstanceId!.Value;
        var childTask = (await driver.OpenTaskAsync(childId, "child-work")).Id;

        var client = await driver.As("drafthead");
        await client.PostJsonAsync($"/api/instances/{parent.Id}/cancel", new { reason = "不再制定" }).ExpectAsync(HttpStatusCode.OK, server);

        var child = await driver.GetInstanceAsync(childId);
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Empty(child.OpenTasks);
        Assert.DoesNotContain(await driver.InboxAsync("drafter"), t => t.Id == childTask);
        var cancelled = Assert.Single(await driver.JournalAsync(childId), e => e.Type == "InstanceCancelled");
        Assert.Contains("不再制定", cancelled.Comment);
        var parentJournal = await driver.JournalAsync(parent.Id);
        Assert.Contains(childId.ToString(), Assert.Single(parentJournal, e => e.Type == "SubProcedureCancelled").DataJson);
        // The parent ordered it: no end report comes back to it.
        Assert.DoesNotContain(parentJournal, e => e.Type == "SubProcedureEnded");
        Assert.Equal(InstanceStatus.Cancelled, (await driver.GetInstanceAsync(parent.Id)).Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_replayed_command_that_started_the_child_starts_no_second_one(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (_, parent) = await StartParentAsync(driver, deep: false);
        var task = await driver.OpenTaskAsync(parent.Id, "drafting");
        var childInstancesBefore = await ChildInstancesAsync(server);

        using var first = await driver.CompleteRawAsync("drafter", task.Id, "ready", idempotencyKey: "sub-start-1");
        await first.ExpectAsync(HttpStatusCode.OK, server);
        using var again = await driver.CompleteRawAsync("drafter", task.Id, "ready", idempotencyKey: "sub-start-1");
        await again.ExpectAsync(HttpStatusCode.OK, server);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        // The same completion under another key is decided again, and refused: the task is done, the child started once.
        using var other = await driver.CompleteRawAsync("drafter", task.Id, "ready");
        Assert.Equal("task-not-open", (await other.ReadProblemAsync(HttpStatusCode.Conflict)).Code);

        var (matters, instances, started) = await CountChildrenAsync(server, parent.Id, childInstancesBefore);
        Assert.Equal((1, 1, 1), (matters, instances, started));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_child_exists_if_and_only_if_the_parents_transition_committed(DatabaseProvider provider)
    {
        // Its own server: the interceptor that fails a save is a service added at its start.
        var crash = new CrashAfterChildWritten();
        await using var server = await ServerFactory.StartAsync(provider, servers.Workflows,
            s => s.ExtraServices.Add(services => services.AddSingleton<IInterceptor>(crash)));
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: false);
        var task = await driver.OpenTaskAsync(parent.Id, "drafting");

        // The child's matter, instance, task and journal rows are written, then the transaction fails before its commit.
        crash.Armed = true;
        using (var failed = await driver.CompleteRawAsync("drafter", task.Id, "ready"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        Assert.True(crash.Crashed);
        Assert.Equal((0, 0, 0), await CountChildrenAsync(server, parent.Id));
        var unchanged = await driver.GetInstanceAsync(parent.Id);
        Assert.Equal("drafting", Assert.Single(unchanged.OpenTasks).StepId);
        Assert.Equal(StepStatus.Pending, unchanged.Steps.Single(s => s.Id == Step).Status);
        Assert.Empty((await MatterAsync(driver, matter.Id)).Children!);

        // The retry is decided afresh (nothing was stored under its key) and commits parent and child together.
        using (var retried = await driver.CompleteRawAsync("drafter", task.Id, "ready"))
        {
            await retried.ExpectAsync(HttpStatusCode.OK, server);
        }
        Assert.Equal((1, 1, 1), await CountChildrenAsync(server, parent.Id));
        Assert.Equal(StepStatus.Active, (await driver.GetInstanceAsync(parent.Id)).Steps.Single(s => s.Id == Step).Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_child_that_ends_while_the_parent_is_suspended_is_reported_when_the_parent_resumes(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: false);
        await CompleteAsync(driver, "drafter", parent.Id, "drafting", "ready");
        var childId = Assert.Single((await MatterAsync(driver, matter.Id)).Children!).InstanceId!.Value;
        var head = await driver.As("drafthead");
        await head.PostJsonAsync($"/api/instances/{parent.Id}/suspend", new { reason = "等待上级批复" }).ExpectAsync(HttpStatusCode.OK, server);

        // Suspending the parent does not suspend the child, which may end meanwhile; the parent cannot take the report yet.
        Assert.Equal(InstanceStatus.Completed, (await CompleteAsync(driver, "drafter", childId, "child-work", "done")).Status);
        var suspended = await driver.GetInstanceAsync(parent.Id);
        Assert.Equal(InstanceStatus.Suspended, suspended.Status);
        Assert.Equal(StepStatus.Active, suspended.Steps.Single(s => s.Id == Step).Status);

        var resumed = await head.PostJsonAsync($"/api/instances/{parent.Id}/resume", new { reason = "已批复" }).ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal(InstanceStatus.Running, resumed.Status);
        var parentAfter = await driver.GetInstanceAsync(parent.Id);
        Assert.Equal(StepStatus.Completed, parentAfter.Steps.Single(s => s.Id == Step).Status);
        Assert.Equal("closing", Assert.Single(parentAfter.OpenTasks).StepId);
        var journal = await driver.JournalAsync(parent.Id);
        Assert.True(journal.FindIndex(e => e.Type == "InstanceResumed") < journal.FindIndex(e => e.Type == "SubProcedureEnded"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_child_whose_organizations_cannot_be_determined_refuses_the_parents_command_and_nothing_is_written(DatabaseProvider provider)
    {
        // The child's unconditional step needs the people's congress standing committee, which the demo county has not
        // (sub-child-unresolved, written by CreateWorkflows).
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: false, definitionId: "sub-parent-unresolved");
        var task = await driver.OpenTaskAsync(parent.Id, "drafting");

        using var refused = await driver.CompleteRawAsync("drafter", task.Id, "ready");
        var problem = await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("sub-procedure-assignment-unresolved", problem.Code);
        Assert.Contains("people-congress-standing-committee", problem.Detail);

        var unchanged = await driver.GetInstanceAsync(parent.Id);
        Assert.Equal("drafting", Assert.Single(unchanged.OpenTasks).StepId);
        Assert.Equal(parent.JournalEntries, unchanged.JournalEntries);
        Assert.Empty((await MatterAsync(driver, matter.Id)).Children!);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_dossier_pages_link_parent_and_child(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: false);
        await CompleteAsync(driver, "drafter", parent.Id, "drafting", "ready");
        var child = Assert.Single((await MatterAsync(driver, matter.Id)).Children!);

        var client = await driver.As("drafter");
        var parentPage = await (await client.GetAsync($"/matters/{matter.Id}")).ExpectAsync(HttpStatusCode.OK, server);
        var parentHtml = await parentPage.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/matters/{child.MatterId}\"", parentHtml);
        Assert.Contains("id=\"child-matters\"", parentHtml);
        var childPage = await (await client.GetAsync($"/matters/{child.MatterId}")).ExpectAsync(HttpStatusCode.OK, server);
        var childHtml = await childPage.Content.ReadAsStringAsync();
        Assert.Contains("id=\"parent-matter\"", childHtml);
        Assert.Contains($"href=\"/matters/{matter.Id}\"", childHtml);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_timer_fired_in_a_burst_into_a_sub_procedure_step_starts_the_child_through_the_one_command_path(DatabaseProvider provider)
    {
        // The timer sweep fires bursts in one batch; a firing whose decision starts a child leaves the batch for the
        // one-command path, which starts the child in the firing's transaction (sub-parent-timer, written by
        // CreateWorkflows). Its own server: it moves the clock, which the shared server's other tests would meet.
        await using var server = await ServerFactory.StartAsync(provider, servers.Workflows);
        using var driver = new ProcedureDriver(server);
        var (matter, parent) = await StartParentAsync(driver, deep: false, definitionId: "sub-parent-timer");
        var timer = Assert.Single(await server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.InstanceId == parent.Id && t.Kind == TimerKinds.Workflow).ToListAsync()));

        driver.MoveClockTo(timer.DueAt);
        using (var scope = server.Services.CreateScope())
        {
            Assert.Equal([timer.Id], await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireBatchAsync([timer.Id], CancellationToken.None));
        }

        var after = await driver.GetInstanceAsync(parent.Id);
        Assert.Equal(StepStatus.Active, after.Steps.Single(s => s.Id == Step).Status);
        var child = Assert.Single((await MatterAsync(driver, matter.Id)).Children!);
        Assert.Equal("child-work", (await driver.OpenTaskAsync(child.InstanceId!.Value, "child-work")).StepId);
        Assert.Equal((1, 1, 1), await CountChildrenAsync(server, parent.Id));
        Assert.Equal(TimerRowStatus.Fired, (await server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking().SingleAsync(t => t.Id == timer.Id))).Status);
    }

    private static async Task<(MatterView Matter, InstanceView Instance)> StartParentAsync(ProcedureDriver driver, bool deep, string definitionId = Parent)
    {
        var client = await driver.As("drafter");
        using var created = await client.PostJsonAsync("/api/matters", new
        {
            title = "关于规范城区共享单车停放的通知", category = "public-policy", definitionId,
            attributes = new Dictionary<string, bool> { ["deep"] = deep, ["local"] = true },
        });
        await created.ExpectAsync(HttpStatusCode.Created, driver.Server);
        var matter = await created.ReadAsync<MatterView>();
        return (matter, await driver.StartAsync(matter.Id));
    }

    private static async Task<InstanceView> CompleteAsync(ProcedureDriver driver, string user, Guid instanceId, string stepId, string outcome)
    {
        var task = await driver.OpenTaskAsync(instanceId, stepId);
        using var response = await driver.CompleteRawAsync(user, task.Id, outcome);
        await response.ExpectAsync(HttpStatusCode.OK, driver.Server);
        return await response.ReadAsync<InstanceView>();
    }

    private static async Task<MatterView> MatterAsync(ProcedureDriver driver, Guid matterId)
    {
        var client = await driver.As("drafter");
        return await client.GetAsync($"/api/matters/{matterId}").ExpectAsync<MatterView>(HttpStatusCode.OK, driver.Server);
    }

    /// <summary>
    /// Child matters, child instances and <c>SubProcedureStarted</c> entries of the parent, straight from the database.
    /// Child instances are all of the database's, less <paramref name="childInstancesBefore"/> (those there were when
    /// the test began, on a shared server: its tests run one at a time), so that one started apart from the parent's
    /// matter would count too.
    /// </summary>
    private static async Task<(int Matters, int Instances, int Started)> CountChildrenAsync(ServerFactory server, Guid parentId, int childInstancesBefore = 0)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var matters = await db.Matters.Where(m => m.ParentInstanceId == parentId).Select(m => m.Id).ToListAsync();
        var instances = await ChildInstancesAsync(server) - childInstancesBefore;
        var started = await db.Journal.CountAsync(j => j.InstanceId == parentId && j.Type == "SubProcedureStarted");
        return (matters.Count, instances, started);
    }

    /// <summary>Instances of <c>sub-child</c> in the server's database.</summary>
    private static Task<int> ChildInstancesAsync(ServerFactory server) =>
        server.WithDatabaseAsync(db => db.Instances.CountAsync(i => i.DefinitionId == Child));

    /// <summary>
    /// Fails the save that writes a <c>sub-child</c> instance once armed: after the rows went to the database inside the
    /// command's transaction and before its commit, as a crash there would.
    /// </summary>
    private sealed class CrashAfterChildWritten : SaveChangesInterceptor
    {
        private bool _childInThisSave;

        public volatile bool Armed;

        public bool Crashed { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _childInThisSave = Armed && eventData.Context!.ChangeTracker.Entries<InstanceRecord>()
                .Any(e => e.State == EntityState.Added && e.Entity.DefinitionId == Child);
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (_childInThisSave)
            {
                _childInThisSave = false;
                Armed = false;
                Crashed = true;
                throw new InvalidOperationException("Simulated crash: the child's rows are written, the transaction is not committed.");
            }
            return base.SavedChangesAsync(eventData, result, cancellationToken);
        }
    }

}

/// <summary>One server per database on <see cref="SubProcedureTests.CreateWorkflows"/>'s folder, for the class's tests that work on their own matters.</summary>
public sealed class SubProcedureServers : SharedServers
{
    public SubProcedureServers() : this(SubProcedureTests.CreateWorkflows())
    {
    }

    private SubProcedureServers(string workflows) : base(provider => ServerFactory.StartAsync(provider, workflows))
    {
        Workflows = workflows;
    }

    public string Workflows { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Workflows, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
