using System.Net;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

/// <summary>
/// A normative document runs as an instance of <c>workflows/normative-document.json</c>: the module's acts complete the
/// procedure's steps (and only they do), the legality review and the filing are tasks with the settings' due dates, and
/// the procedure ends when every filing recipient has accepted the document.
/// </summary>
public sealed class NormativeProcedureTests
{
    private static DateTimeOffset Beijing9(int year, int month, int day) => new(year, month, day, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_department_document_runs_on_the_engine_from_drafting_to_filing_review(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var api = new NormativeApi(driver);
        var id = await api.DraftAsync(await api.ListBureauAsync());
        var url = $"/api/normative-documents/{id}";

        // Drafting opened the document's procedure (instance id = document id): drafting done, submission waiting.
        var instance = await driver.GetInstanceAsync(id);
        Assert.Equal((NormativeSteps.Definition, InstanceStatus.Running), (instance.DefinitionId, instance.Status));
        var submission = Assert.Single(instance.OpenTasks);
        Assert.Equal(NormativeSteps.ReviewSubmission, submission.StepId);
        // Only the module's act completes the step: the generic task path is refused and writes nothing.
        var generic = await driver.CompleteRawAsync("drafter", submission.Id, "submitted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("use-normative-review-submission", generic.Code);
        // The justice office cannot submit for the drafting unit (not its task): refused before anything is written.
        await (await driver.As("reviewer")).PostJsonAsync($"{url}/review-submission", null).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("drafting", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());

        // Submitted Mon 2026-03-02: the review task is due at the end of the 15th working day, 2026-03-23 (Opinion 115).
        await api.SubmitForReviewAsync(id);
        var review = await driver.OpenTaskAsync(id, NormativeSteps.LegalityReview);
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 16, 0, 0, TimeSpan.Zero), review.DueAt);
        // An overdue review escalates through the durable timers and the mail outbox, like every task past its due date.
        var escalations = await server.WithDatabaseAsync(db => db.Set<ScheduledTimer>().AsNoTracking()
            .Where(t => t.TaskId == review.Id && t.Kind == "task-escalation").Select(t => t.DueAt).ToListAsync());
        Assert.NotEmpty(escalations);
        Assert.All(escalations, at => Assert.True(at >= review.DueAt));
        driver.MoveClockTo(Beijing9(2026, 3, 9));
        // "Amend" needs the written opinion (the step's commentRequired), asked before anything is written.
        var amend = new
        {
            conclusion = ReviewConclusions.Amend, opinion = "",
            checklist = LegalityReviewRules.ChecklistItems.Select(i => new { item = i, yes = false, note = (string?)null }),
        };
        var amendWithoutOpinion = await (await driver.As("reviewer")).PostJsonAsync($"{url}/review-opinion", amend)
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("comment-required", amendWithoutOpinion.Code);
        Assert.Equal("in-review", (await api.GetAsync("drafter", url)).GetProperty("status").GetString());
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());
        // Since version 3: the department's office meeting is the meetings module's (its secretary's agenda, its head's decision).
        var scheduling = await driver.OpenTaskAsync(id, NormativeSteps.MeetingScheduling);
        Assert.Equal(("meeting-secretary", NormativeApi.Bureau), (scheduling.Role, scheduling.OrganizationId));
        await api.DeliberateAtOfficeMeetingAsync(id);
        await api.PostAsync("drafthead", $"{url}/signature", null);
        Assert.Equal(NormativeSteps.Registration, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);
        await api.PostAsync("reviewer", $"{url}/registration", null);
        await api.PostAsync("reviewer", $"{url}/publication", new { fullText = "第一条 为规范政府投资行为……" });

        // Issued Mon 03-09: filing is due within 15 days, Tue 03-24 (a task with that due date, and its reminders).
        var filingTask = await driver.OpenTaskAsync(id, NormativeSteps.Filing);
        Assert.Equal(new DateTimeOffset(2026, 3, 24, 16, 0, 0, TimeSpan.Zero), filingTask.DueAt);
        var filing = Assert.Single((await api.GetAsync("drafter", $"{url}/filings")).EnumerateArray()).GetProperty("id").GetGuid();
        await api.PostAsync("drafter", $"/api/normative-filings/{filing}/submission", null);
        instance = await driver.GetInstanceAsync(id);
        Assert.Empty(instance.OpenTasks);
        Assert.Equal(StepStatus.Active, instance.Steps.Single(s => s.Id == NormativeSteps.FilingReview).Status);

        // The recipient registers and accepts: the filing review is concluded and the procedure ends.
        await api.PostAsync("reviewer", $"/api/normative-filings/{filing}/registration", null);
        Assert.Equal(InstanceStatus.Running, (await driver.GetInstanceAsync(id)).Status);
        // The filing review's signal is the filing module's alone (version 4: the step's completedBy): the generic
        // signal endpoint is refused with the step's article, and nothing is written.
        var journalBefore = (await driver.JournalAsync(id)).Count;
        var genericSignal = await (await driver.As("drafthead")).PostJsonAsync($"/api/instances/{id}/signals", new { signal = NormativeCommands.FilingReviewConcluded, comment = "已审查" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("use-normative-filing-review", genericSignal.Code);
        Assert.Contains("有备必审", genericSignal.Article);
        Assert.Equal(journalBefore, (await driver.JournalAsync(id)).Count);
        Assert.Equal(StepStatus.Active, (await driver.GetInstanceAsync(id)).Steps.Single(s => s.Id == NormativeSteps.FilingReview).Status);
        await api.PostAsync("reviewer", $"/api/normative-filings/{filing}/review", new { result = "accepted" });
        instance = await driver.GetInstanceAsync(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var journal = (await driver.JournalAsync(id)).Where(e => e.Type == "TaskCompleted").Select(e => e.StepId).ToList();
        Assert.Equal([NormativeSteps.ReviewSubmission, NormativeSteps.LegalityReview, NormativeSteps.MeetingScheduling, NormativeSteps.CollectiveDecision,
            NormativeSteps.Registration, NormativeSteps.Publication, NormativeSteps.Filing], journal);
        Assert.True((await driver.VerifyJournalAsync(id)).Valid);

        // The figures page computes with the API's service: filed on time, accepted without a return — each with its document.
        var page = await (await driver.As("reviewer")).GetStringAsync($"/normative/figures?governmentId={NormativeApi.Government}&year=2026");
        Assert.Contains("报备及时率", page);
        var api2026 = await api.GetAsync("reviewer", $"/api/normative-figures?governmentId={NormativeApi.Government}&year=2026");
        var timely = api2026.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "filing-timeliness-rate");
        Assert.Equal((1, 1), (timely.GetProperty("numerator").GetInt32(), timely.GetProperty("denominator").GetInt32()));
        var row = page[page.IndexOf("data-figure=\"filing-timeliness-rate\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td>1</td>", row);
        Assert.Contains("100%", row);
        Assert.Contains($"/public/normative-documents/{id}", row);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_government_document_is_deliberated_at_the_executive_meeting_through_the_meetings_module(DatabaseProvider provider)
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
        var issuer = await (await driver.As("admin")).PostJsonAsync("/api/normative-issuers", new
        {
            governmentId = NormativeApi.Government, organizationId = NormativeApi.Government, name = "示范县人民政府", code = "XX",
            kind = IssuingEntityKinds.Government, documentNumberPrefix = "示政规",
        }).ExpectAsync<System.Text.Json.JsonElement>(HttpStatusCode.Created, server);
        var draft = new
        {
            issuerId = issuer.GetProperty("id").GetGuid(), kind = NormativeDocumentKinds.Government, title = "示范县人民政府关于规范政府投资项目管理的若干规定",
            provisional = false, validityYears = 5, affectsMarketActors = false, majorDecision = false, legalBases = new[] { "《政府投资条例》" },
        };
        var id = (await api.PostAsync("drafter", "/api/normative-documents", draft, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var url = $"/api/normative-documents/{id}";
        await api.SubmitForReviewAsync(id);
        driver.MoveClockTo(Beijing9(2026, 3, 9));
        await api.PostAsync("reviewer", $"{url}/review-opinion", NormativeApi.Checklist());

        // The executive meeting is the meetings module's: the office-meeting record is refused for a government document.
        var office = await (await driver.As("secretary")).PostJsonAsync($"{url}/deliberation", new { meetingDate = "2026-03-09", adopted = true, attendees = "郑县长" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("deliberation-at-executive-meeting", office.Code);
        Assert.Equal(NormativeSteps.MeetingScheduling, Assert.Single((await driver.GetInstanceAsync(id)).OpenTasks).StepId);

        // The general office puts it on the standing meeting's agenda; the members speak, the county head decides last.
        await driver.CompleteAsync(id, NormativeSteps.MeetingScheduling, "scheduled");
        var instance = await driver.CompleteAsync(id, NormativeSteps.CollectiveDecision, "approved");
        Assert.Equal(NormativeSteps.Registration, Assert.Single(instance.OpenTasks).StepId);
        // The meeting's decision is on the document's register (same transaction as the meeting record).
        var document = await api.GetAsync("drafter", url);
        Assert.Equal("deliberated", document.GetProperty("status").GetString());
        var events = (await api.GetAsync("drafter", $"{url}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["drafted", "submitted-for-review", "reviewed", "deliberated"], events);
    }
}
