using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.RiskAssessment;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.RiskAssessment;

/// <summary>Risk assessment (第二十二条至第二十四条): the report, its conclusion as the outcome, and "not controllable" holding the way.</summary>
public sealed class RiskAssessmentTests
{
    private static object Report(string conclusion) => new
    {
        riskPoints = new[] { "收费上调可能引发集中投诉", "周边道路停车外溢" },
        measures = "分时段、分区域逐步实施，设置三个月过渡期。",
        contingencyPlan = "设立投诉专线，出现群体性事件时启动应急预案。",
        conclusion,
    };

    private static async Task<ComplianceItem> LineAsync(ServerFactory server, Guid matterId, string code) =>
        await server.WithDatabaseAsync(async db =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ComplianceReportService>().BuildAsync((await db.Matters.FindAsync(matterId))!, CancellationToken.None);
            return report.Items.Single(i => i.Code == code);
        });

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_report_is_required_its_conclusion_is_the_outcome_and_not_controllable_blocks_until_reassessed(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["stabilityRisk"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var matterId = Guid.Parse(instance.MatterId);
        var task = Assert.Single(instance.OpenTasks, t => t.StepId == "risk-assessment");

        var none = await driver.CompleteRawAsync("assessor", task.Id, "controllable").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("risk-report-missing", "第二十三条"), (none.Code, none.Article));

        var assessor = await driver.As("assessor");
        var incomplete = await assessor.PostJsonAsync($"/api/matters/{matterId}/risk-assessment/reports",
            new { riskPoints = new[] { "投诉" }, measures = "措施", conclusion = "controllable" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-risk-report", incomplete.Code);
        var drafter = await driver.As("drafter");
        await drafter.PostJsonAsync($"/api/matters/{matterId}/risk-assessment/reports", Report("controllable")).ReadProblemAsync(HttpStatusCode.Forbidden);

        await assessor.PostJsonAsync($"/api/matters/{matterId}/risk-assessment/reports", Report("not-controllable")).ExpectAsync(HttpStatusCode.Created, server);
        var mismatch = await driver.CompleteRawAsync("assessor", task.Id, "controllable").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("risk-conclusion-mismatch", "第二十四条"), (mismatch.Code, mismatch.Article));

        using (await driver.CompleteRawAsync("assessor", task.Id, "not-controllable").ExpectAsync(HttpStatusCode.OK, server))
        {
        }
        var blocked = await LineAsync(server, matterId, "risk:controllable");
        Assert.Equal((ComplianceStatus.Unmet, "第二十四条"), (blocked.Status, blocked.Article));
        Assert.Equal(["legality-submission", "collective-decision"], blocked.RequiredBefore);

        // The draft is revised and reassessed as controllable: the line is met.
        await driver.CompleteAsync(instance.Id, "risk-draft-revision", "adjusted");
        instance = await driver.CompleteAsync(instance.Id, "risk-assessment", "controllable");
        Assert.Equal(2, instance.Steps.Single(s => s.Id == "risk-assessment").Iteration);
        Assert.Equal(ComplianceStatus.Met, (await LineAsync(server, matterId, "risk:controllable")).Status);
        Assert.Equal(ComplianceStatus.Met, (await LineAsync(server, matterId, "risk:report")).Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_existing_assessment_is_accepted_while_valid_and_refused_once_expired(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["stabilityRisk"] = true });
        instance = await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        var matterId = Guid.Parse(instance.MatterId);
        var task = Assert.Single(instance.OpenTasks, t => t.StepId == "risk-assessment");
        var assessor = await driver.As("assessor");

        await assessor.PostJsonAsync($"/api/matters/{matterId}/risk-assessment/reports",
            new { reference = "示范县稳评〔2025〕9号", referenceValidUntil = "2026-02-28" }).ExpectAsync(HttpStatusCode.Created, server);
        var expired = await driver.CompleteRawAsync("assessor", task.Id, "already-assessed", "引用已有评估。").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("risk-reference-expired", "第二十二条"), (expired.Code, expired.Article));

        var report = await assessor.PostJsonAsync($"/api/matters/{matterId}/risk-assessment/reports",
            new { reference = "示范县稳评〔2026〕3号", referenceValidUntil = "2026-12-31" }).ExpectAsync<RiskReportView>(HttpStatusCode.Created, server);
        Assert.Equal(new DateOnly(2026, 12, 31), report.ReferenceValidUntil);
        var wrong = await driver.CompleteRawAsync("assessor", task.Id, "controllable").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("risk-conclusion-mismatch", wrong.Code);
        using (await driver.CompleteRawAsync("assessor", task.Id, "already-assessed", "引用已有评估。").ExpectAsync(HttpStatusCode.OK, server))
        {
        }
        Assert.Contains("示范县稳评〔2026〕3号", (await LineAsync(server, matterId, "risk:report")).Detail);
        Assert.Equal(ComplianceStatus.Met, (await LineAsync(server, matterId, "risk:controllable")).Status);
    }
}
