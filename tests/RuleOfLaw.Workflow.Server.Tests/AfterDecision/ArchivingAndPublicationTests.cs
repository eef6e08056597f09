using System.Net;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;

namespace RuleOfLaw.Workflow.Server.Tests.AfterDecision;

/// <summary>The Party committee report (第三十一条), publication (第三十二条) and archiving with its completeness check (第三十三条).</summary>
public sealed class ArchivingAndPublicationTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Archiving_is_refused_while_required_records_are_missing(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        await driver.CompleteAsync(instance.Id, "meeting-scheduling", "scheduled");
        await driver.CompleteAsync(instance.Id, "collective-decision", "approved");

        // The Party committee report is recorded before issuing: the step cannot be completed without it.
        var reportTask = await driver.OpenTaskAsync(instance.Id, "party-committee-report");
        var unreported = await driver.CompleteRawAsync("secretary", reportTask.Id, "reported").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("party-report-missing", "第三十一条"), (unreported.Code, unreported.Article));
        var secretary = await driver.As("secretary");
        var report = await secretary.PostJsonAsync($"/api/matters/{instance.Id}/party-committee-report",
            new { reportedOn = driver.Today, form = "书面请示", replyNote = "县委同意。" }).ExpectAsync<PartyReportView>(HttpStatusCode.Created, server);
        Assert.Equal(reportTask.Id, report.TaskId);
        await driver.CompleteRawAsync("secretary", reportTask.Id, "reported").ExpectAsync(HttpStatusCode.OK, server);

        // Archiving now: publication and filing are missing.
        var drafter = await driver.As("drafter");
        var incomplete = await drafter.PostJsonAsync($"/api/matters/{instance.Id}/archive", new { archivedOn = driver.Today }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("archive-incomplete", "第三十三条"), (incomplete.Code, incomplete.Article));
        Assert.Equal(["publication", "filing:higher-government"], incomplete.Json.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var checklist = await drafter.GetAsync($"/api/matters/{instance.Id}/archive/checklist").ExpectAsync<List<ChecklistItem>>(HttpStatusCode.OK, server);
        Assert.All(checklist.Where(c => c.Code is "meeting-record" or "meeting-materials" or "party-committee-report" or "process-record"), c => Assert.True(c.Present, c.Code));
        // Each line in the dossier's Chinese and in English, one language per field (issue 12 item 5).
        var publication = checklist.Single(c => c.Code == "publication");
        Assert.Equal(("决策公布记录", "Publication of the decision", "未记录公布情况。", "Publication not recorded."),
            (publication.Title, publication.TitleEn, publication.Detail, publication.DetailEn));
        var journal = checklist.Single(c => c.Code == "process-record");
        Assert.Matches(@"^\d+条记录，校验通过。$", journal.Detail);
        Assert.Matches(@"^\d+ entries, verified\.$", journal.DetailEn);
        var archivingTask = await driver.OpenTaskAsync(instance.Id, "archiving");
        Assert.Equal("archive-missing", (await driver.CompleteRawAsync("drafter", archivingTask.Id, "archived").ReadProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Empty(await server.WithDatabaseAsync(db => Task.FromResult(db.Set<ArchiveRecord>().ToList())));

        // Publication: the matter had public participation, so the use of opinions must be explained (第三十二条).
        var noUse = await secretary.PostJsonAsync($"/api/matters/{instance.Id}/publication", new { channels = new[] { "website" }, publishedOn = driver.Today })
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("opinions-use-required", "第三十二条"), (noUse.Code, noUse.Article));
        var badChannel = await secretary.PostJsonAsync($"/api/matters/{instance.Id}/publication",
            new { channels = new[] { "radio" }, publishedOn = driver.Today, opinionsUse = "说明。" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-channels", badChannel.Code);
        var published = await secretary.PostJsonAsync($"/api/matters/{instance.Id}/publication",
                new { channels = new[] { "gazette", "website", "newspaper" }, publishedOn = driver.Today, opinionsUse = "共收到意见12条，采纳5条。" })
            .ExpectAsync<PublicationView>(HttpStatusCode.Created, server);
        Assert.Equal((true, 0), (published.OnTime, published.DaysLate));
        Assert.True(published.DueOn > driver.Today);

        await secretary.PostJsonAsync($"/api/matters/{instance.Id}/filings", new { recipientId = "higher-government", submittedOn = driver.Today })
            .ExpectAsync(HttpStatusCode.Created, server);
        var archived = await drafter.PostJsonAsync($"/api/matters/{instance.Id}/archive", new { archivedOn = driver.Today, dossierNumber = "JC-2026-01" })
            .ExpectAsync<ArchiveView>(HttpStatusCode.Created, server);
        Assert.All(archived.Checklist, c => Assert.True(c.Present, c.Code));
        Assert.True(archived.OnTime);

        var instanceAfter = await driver.CompleteAsync(instance.Id, "publication", "published");
        await driver.CompleteAsync(instance.Id, "filing", "filed");
        instanceAfter = await driver.CompleteAsync(instance.Id, "archiving", "archived");
        Assert.Equal(["execution"], instanceAfter.OpenTasks.Select(t => t.StepId));

        var lines = await FilingTests.ComplianceLinesAsync(driver, instance.Id);
        foreach (var code in new[] { "party-committee-report", "publication:on-time", "publication:opinions-use", "filing:higher-government", "archiving:complete" })
        {
            Assert.True(lines[code].Status == "met", $"{code}: {lines[code]}");
        }
        Assert.True((await driver.VerifyJournalAsync(instance.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_decision_runs_from_the_meeting_to_evaluation_and_every_line_is_met(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToIssuedAsync(driver, new Dictionary<string, bool> { ["evaluationPlanned"] = true });
        await driver.CompleteAsync(instance.Id, "publication", "published");
        await driver.CompleteAsync(instance.Id, "filing", "filed");
        await driver.CompleteAsync(instance.Id, "archiving", "archived");
        await driver.CompleteAsync(instance.Id, "execution", "executed");
        var done = await driver.CompleteAsync(instance.Id, "post-decision-evaluation", "continue");
        Assert.Equal(InstanceStatus.Completed, done.Status);

        var lines = await FilingTests.ComplianceLinesAsync(driver, instance.Id);
        var mine = lines.Where(l => l.Key.StartsWith("decision:") || l.Key.StartsWith("publication") || l.Key.StartsWith("filing:")
            || l.Key.StartsWith("archiving:") || l.Key.StartsWith("evaluation:") || l.Key == "party-committee-report").ToList();
        Assert.Equal(10, mine.Count);
        Assert.All(mine, l => Assert.True(l.Value.Status is "met" or "notApplicable", $"{l.Key}: {l.Value}"));
        Assert.Equal("met", lines["evaluation:independent"].Status);
    }
}
