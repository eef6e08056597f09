using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Api;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A normative document that is also a major decision (issue 11 item 7, issue 14 item 2) on definition version 4: its
/// <c>major-decision-procedure</c> step starts <c>major-administrative-decision</c> as a child matter, the document
/// waits, and its deliberation is refused (with 《重大行政决策程序暂行条例》第三条) until the child has completed with an
/// adopted decision; then its legality review and office meeting follow. A document not flagged starts no child. A
/// document pinned to version 3 keeps its linked major-decision matter.
/// </summary>
public sealed class NormativeMajorDecisionTests : IDisposable
{
    private readonly string _workflows = Directory.CreateTempSubdirectory("rolw-normative-v3-").FullName;

    public void Dispose() => Directory.Delete(_workflows, recursive: true);

    /// <summary>09:00 Beijing on a local day.</summary>
    private static DateTimeOffset Beijing9(DateOnly day) => new(day.Year, day.Month, day.Day, 1, 0, 0, TimeSpan.Zero);

    private static object Draft(Guid issuerId, bool majorDecision) => new
    {
        issuerId, kind = NormativeDocumentKinds.Department, title = "示范县城区路内停车收费管理办法", provisional = false, validityYears = 5,
        affectsMarketActors = false, majorDecision, legalBases = new[] { "《中华人民共和国价格法》" },
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_document_that_is_also_a_major_decision_runs_that_procedure_as_a_child_and_is_deliberated_only_after_it_completed(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = (await api.PostAsync("drafter", "/api/normative-documents", Draft(await api.ListBureauAsync(), majorDecision: true), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        // Drafting started the document's procedure (version 4) and, in the same transaction, its major-decision child:
        // the document has no open task while the child runs.
        var instance = await driver.GetInstanceAsync(id);
        Assert.Equal(4, instance.DefinitionVersion);
        Assert.Equal(StepStatus.Active, instance.Steps.Single(s => s.Id == NormativeSteps.MajorDecisionProcedure).Status);
        Assert.Empty(instance.OpenTasks);
        var document = await MatterAsync(driver, id);
        var link = Assert.Single(document.Children!);
        Assert.Equal((NormativeSteps.MajorDecisionDefinition, NormativeSteps.MajorDecisionProcedure, 1), (link.DefinitionId, link.StepId, link.Iteration));
        var child = await MatterAsync(driver, link.MatterId);
        // The child is the drafting unit's own major decision under the document: same title and drafting unit; its organ
        // is the government above the bureau (第二条) and its meeting the government's, arranged by the general office.
        Assert.Equal((document.Title, NormativeApi.Bureau, NormativeApi.Bureau), (child.Title, child.DraftingUnitId, document.DecisionOrganId));
        Assert.Equal((NormativeApi.Government, "demo-county-office"), (child.DecisionOrganId, child.Assignments["general-office"]));
        Assert.Equal(document.Assignments["legality-review-office"], child.Assignments["legality-review-office"]);
        Assert.Equal((id, NormativeSteps.MajorDecisionProcedure, InstanceStatus.Running), (child.Parent!.MatterId, child.Parent.StepId, child.Parent.InstanceStatus));
        Assert.Equal(new Dictionary<string, bool> { ["affectsMarket"] = false }, child.Attributes);
        Assert.Equal("initiation", Assert.Single((await driver.GetInstanceAsync(child.Id)).OpenTasks).StepId);
        // The document page shows its major-decision procedure with a link to the child's dossier, as the dossier page does.
        using (var page = new Web.WebSession(server))
        {
            await page.SignInAsync("drafter");
            var shown = Assert.Single((await page.GetAsync($"/normative/documents/{id}")).QuerySelectorAll("#major-decisions li"));
            Assert.Equal($"/matters/{child.Id}", shown.QuerySelector("a")!.GetAttribute("href"));
            Assert.Contains(child.Number, shown.TextContent);
        }

        // Before the child ends, the document's deliberation is refused: its office meeting's agenda names the line and its article.
        var meeting = await driver.CreateMeetingAsync(MeetingKinds.Office, organ: NormativeApi.Bureau, secretary: "deptsecretary");
        await AssertAgendaRefusedAsync(driver, meeting.Id, id, "pending");
        await AssertMajorDecisionLineAsync(driver, id, ComplianceStatus.Pending);

        // The child runs to its end as any major decision of the bureau: consultation, legality review, the government's
        // standing meeting, then publication, filing, archiving and execution.
        var review = (await driver.AdvanceToLegalityReviewAsync(child.Id)).OpenTasks.Single();
        driver.MoveClockTo(review.CreatedAt.AddDays(14));
        await driver.CompleteAsync(child.Id, "legality-review", "lawful");
        await driver.CompleteAsync(child.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(child.Id, "collective-decision", "approved");
        await driver.CompleteAsync(child.Id, "party-committee-report", "reported");
        // Decided, not ended: the document still waits.
        await AssertAgendaRefusedAsync(driver, meeting.Id, id, "pending");
        await driver.CompleteAsync(child.Id, "publication", "published");
        await driver.CompleteAsync(child.Id, "filing", "filed");
        await driver.CompleteAsync(child.Id, "archiving", "archived");
        Assert.Equal(InstanceStatus.Completed, (await driver.CompleteAsync(child.Id, "execution", "executed")).Status);

        // The child's end moved the document on (same transaction): its own consultation and fair-competition review are
        // skipped behind the child's, its legality review is next.
        instance = await driver.GetInstanceAsync(id);
        Assert.Equal(StepStatus.Completed, instance.Steps.Single(s => s.Id == NormativeSteps.MajorDecisionProcedure).Status);
        Assert.Equal(StepStatus.Skipped, instance.Steps.Single(s => s.Id == NormativeSteps.Consultation).Status);
        Assert.Equal(NormativeSteps.ReviewSubmission, Assert.Single(instance.OpenTasks).StepId);
        await AssertMajorDecisionLineAsync(driver, id, ComplianceStatus.Met);

        // Then the document's own legality review (Opinion 115) and its office meeting.
        await api.SubmitForReviewAsync(id);
        var earliest = (await api.GetAsync("drafter", $"/api/normative-documents/{id}")).GetProperty("reviewEarliestOn").Deserialize<DateOnly>();
        driver.MoveClockTo(Beijing9(earliest));
        await api.PostAsync("reviewer", $"/api/normative-documents/{id}/review-opinion", NormativeApi.Checklist());
        await api.DeliberateAtOfficeMeetingAsync(id);
        Assert.Equal("deliberated", (await api.GetAsync("drafter", $"/api/normative-documents/{id}")).GetProperty("status").GetString());
        Assert.Equal(NormativeSteps.Registration, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);
        var journal = await driver.JournalAsync(id);
        Assert.Contains(journal, e => e.Type == "SubProcedureStarted");
        Assert.Contains(journal, e => e.Type == "SubProcedureEnded");
        Assert.True((await driver.VerifyJournalAsync(id)).Valid);
        Assert.True((await driver.VerifyJournalAsync(child.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_document_not_a_major_decision_starts_no_child(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = (await api.PostAsync("drafter", "/api/normative-documents", Draft(await api.ListBureauAsync(), majorDecision: false), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var instance = await driver.GetInstanceAsync(id);
        Assert.Equal(StepStatus.Skipped, instance.Steps.Single(s => s.Id == NormativeSteps.MajorDecisionProcedure).Status);
        Assert.Equal(NormativeSteps.ReviewSubmission, Assert.Single(instance.OpenTasks).StepId);
        Assert.Empty((await MatterAsync(driver, id)).Children!);
        using (var page = new Web.WebSession(server))
        {
            await page.SignInAsync("drafter");
            Assert.Null((await page.GetAsync($"/normative/documents/{id}")).QuerySelector("#major-decisions"));
        }
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Matters.CountAsync(m => m.ParentInstanceId == id)));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Instances.CountAsync(i => i.DefinitionId == NormativeSteps.MajorDecisionDefinition)));
        await AssertMajorDecisionLineAsync(driver, id, ComplianceStatus.NotApplicable);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_government_documents_child_has_the_documents_organ_drafting_unit_and_general_office(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        // The county government drafts in its own name: the demo drafter also drafts for it.
        await server.WithDatabaseAsync(async db =>
        {
            var drafter = await db.Users.Where(u => u.UserName == "drafter").Select(u => u.Id).SingleAsync();
            db.Memberships.Add(new Server.Data.Entities.OrganizationMembership { UserId = drafter, OrganizationId = NormativeApi.Government, Role = global::RuleOfLaw.Workflow.Organizations.Roles.DraftingOfficer });
            return await db.SaveChangesAsync();
        });
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var issuer = await api.PostAsync("admin", "/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Government, name = "示范县人民政府", code = "XX",
            kind = IssuingEntityKinds.Government, documentNumberPrefix = "示政规",
        }, HttpStatusCode.Created);
        var id = (await api.PostAsync("drafter", "/api/normative-documents", new
        {
            issuerId = issuer.GetProperty("id").GetGuid(), kind = NormativeDocumentKinds.Government, title = "示范县人民政府关于城区路内停车收费的规定",
            provisional = false, validityYears = 5, affectsMarketActors = true, majorDecision = true, legalBases = new[] { "《中华人民共和国价格法》" },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var document = await MatterAsync(driver, id);
        var child = await MatterAsync(driver, Assert.Single(document.Children!).MatterId);
        Assert.Equal((NormativeApi.Government, NormativeApi.Government), (document.DecisionOrganId, document.DraftingUnitId));
        Assert.Equal((document.DecisionOrganId, document.DraftingUnitId), (child.DecisionOrganId, child.DraftingUnitId));
        Assert.Equal(document.Assignments["general-office"], child.Assignments["general-office"]);
        Assert.Equal(new Dictionary<string, bool> { ["affectsMarket"] = true }, child.Attributes);
        // The document waits for its child: its own fair-competition review does not open (the child has its own).
        var instance = await driver.GetInstanceAsync(id);
        Assert.Equal(StepStatus.Active, instance.Steps.Single(s => s.Id == NormativeSteps.MajorDecisionProcedure).Status);
        Assert.Empty(instance.OpenTasks);
    }

    /// <summary>
    /// Version 3 (the fixture) has no sub-procedure: a document drafted on it with a linked major-decision matter keeps
    /// that path after version 4 is installed, and its office meeting's agenda waits for the linked matter to complete.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_document_pinned_to_version_3_keeps_its_linked_major_decision_matter_after_version_4_is_installed(DatabaseProvider provider)
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
        File.Copy(Path.Combine(source, "major-administrative-decision.json"), Path.Combine(_workflows, "major-administrative-decision.json"));
        var three = File.ReadAllText(Path.Combine(DefinitionEndpointTests.RepositoryRoot, "tests", "RuleOfLaw.Workflow.Server.Tests", "NormativeDocuments", "Fixtures",
            "normative-document-v3.json"));
        Assert.Contains("\"version\": 3,", three, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_workflows, "normative-document.json"), three);

        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        Guid pinned;
        Guid linked;
        await using (var first = new ServerFactory(database, _workflows))
        {
            first.StartServer();
            using var starter = new ProcedureDriver(first);
            var before = new NormativeApi(starter);
            var issuer = await before.ListBureauAsync();
            linked = (await starter.StartNewAsync(title: "示范县城区路内停车收费调整")).Id;
            var draft = new
            {
                issuerId = issuer, kind = NormativeDocumentKinds.Department, title = "示范县城区路内停车收费管理办法", provisional = false, validityYears = 5,
                affectsMarketActors = false, majorDecision = true, majorDecisionMatterId = linked, legalBases = new[] { "《中华人民共和国价格法》" },
            };
            pinned = (await before.PostAsync("drafter", "/api/normative-documents", draft, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        File.Copy(DefinitionEndpointTests.NormativeDefinitionPath, Path.Combine(_workflows, "normative-document.json"), overwrite: true);
        await using var server = new ServerFactory(database, _workflows);
        server.StartServer();
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var instance = await driver.GetInstanceAsync(pinned);
        Assert.Equal(3, instance.DefinitionVersion);
        Assert.DoesNotContain(instance.Steps, s => s.Id == NormativeSteps.MajorDecisionProcedure);
        Assert.Equal(NormativeSteps.ReviewSubmission, Assert.Single(instance.OpenTasks).StepId);
        Assert.Empty((await MatterAsync(driver, pinned)).Children!);

        // Reviewed lawful while the linked matter is at its own legality review: the office meeting's agenda waits.
        await api.SubmitForReviewAsync(pinned);
        var review = (await driver.AdvanceToLegalityReviewAsync(linked)).OpenTasks.Single();
        driver.MoveClockTo(review.CreatedAt.AddDays(14));
        await api.PostAsync("reviewer", $"/api/normative-documents/{pinned}/review-opinion", NormativeApi.Checklist());
        var meeting = await driver.CreateMeetingAsync(MeetingKinds.Office, organ: NormativeApi.Bureau, secretary: "deptsecretary");
        await AssertAgendaRefusedAsync(driver, meeting.Id, pinned, "pending");

        // The linked matter runs to its end: the document is placed, deliberated and goes on to registration.
        await driver.CompleteAsync(linked, "legality-review", "lawful");
        await driver.CompleteAsync(linked, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(linked, "collective-decision", "approved");
        await driver.CompleteAsync(linked, "party-committee-report", "reported");
        await driver.CompleteAsync(linked, "publication", "published");
        await driver.CompleteAsync(linked, "filing", "filed");
        await driver.CompleteAsync(linked, "archiving", "archived");
        Assert.Equal(InstanceStatus.Completed, (await driver.CompleteAsync(linked, "execution", "executed")).Status);
        await AssertMajorDecisionLineAsync(driver, pinned, ComplianceStatus.Met);
        await api.DeliberateAtOfficeMeetingAsync(pinned);
        Assert.Equal("deliberated", (await api.GetAsync("drafter", $"/api/normative-documents/{pinned}")).GetProperty("status").GetString());
        Assert.Equal(NormativeSteps.Registration, Assert.Single((await driver.GetInstanceAsync(pinned)).OpenTasks).StepId);
        Assert.Equal(3, (await driver.GetInstanceAsync(pinned)).DefinitionVersion);
    }

    /// <summary>The office meeting's agenda refuses the document on its major-decision line, citing its article; nothing is placed.</summary>
    private static async Task AssertAgendaRefusedAsync(ProcedureDriver driver, Guid meetingId, Guid id, string status)
    {
        var refused = await (await driver.As("deptsecretary")).PostJsonAsync($"/api/meetings/{meetingId}/agenda", new { matterId = id })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("agenda-gates-unmet", refused.Code);
        var line = refused.Json.GetProperty("unmet").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "normative:major-decision");
        Assert.Equal(status, line.GetProperty("status").GetString());
        Assert.Equal("《重大行政决策程序暂行条例》第三条", line.GetProperty("article").GetString());
        Assert.Equal(0, await driver.Server.WithDatabaseAsync(db => db.Set<RuleOfLaw.Workflow.Server.Meetings.AgendaItem>().CountAsync(a => a.MatterId == id)));
    }

    private static async Task AssertMajorDecisionLineAsync(ProcedureDriver driver, Guid id, ComplianceStatus status)
    {
        var report = await (await driver.As("drafter")).GetAsync($"/api/matters/{id}/compliance").ExpectAsync<ComplianceReport>(HttpStatusCode.OK, driver.Server);
        Assert.Equal(status, report.Items.Single(i => i.Code == "normative:major-decision").Status);
    }

    private static async Task<MatterView> MatterAsync(ProcedureDriver driver, Guid matterId) =>
        await (await driver.As("drafter")).GetAsync($"/api/matters/{matterId}").ExpectAsync<MatterView>(HttpStatusCode.OK, driver.Server);
}
