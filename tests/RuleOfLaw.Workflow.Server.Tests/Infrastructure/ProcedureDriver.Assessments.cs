using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Matters;

namespace RuleOfLaw.Workflow.Server.Tests.Infrastructure;

/// <summary>The least eventful lawful way through the guarded assessment steps (initiation, experts, risk, fair competition, legality).</summary>
public sealed partial class ProcedureDriver
{
    /// <summary>What <see cref="CompleteAsync"/> does before completing a step: satisfy its domain guard (for tests that complete raw).</summary>
    public Task SatisfyGuardAsync(Guid instanceId, string stepId, string outcome) => PrepareAsync(instanceId, stepId, outcome);

    /// <summary>The matter of an instance (the assessment endpoints are per matter).</summary>
    public async Task<Guid> MatterIdAsync(Guid instanceId) => Guid.Parse((await GetInstanceAsync(instanceId)).MatterId);

    /// <summary>The last day of the guaranteed review time (7 working days) counted from the server's now, as yyyy-MM-dd.</summary>
    public string EarliestOpinionDate() =>
        server.Services.GetRequiredService<DeadlineCalculator>().AfterDays(server.Clock.GetUtcNow(), 7, DayCounting.WorkingDays).LastDay.ToString("yyyy-MM-dd");

    /// <summary>
    /// An urgent or not-disclosable matter needs its initiation record (the reason, the legal ground: arts. 14-15)
    /// before initiation completes; other matters may complete it without one.
    /// </summary>
    private async Task PrepareInitiationAsync(Guid instanceId)
    {
        var instance = await GetInstanceAsync(instanceId);
        var urgent = instance.Attributes.GetValueOrDefault("urgent");
        var secret = instance.Attributes.GetValueOrDefault("notDisclosable");
        if (!urgent && !secret)
        {
            return;
        }
        var client = await As("drafter");
        using (var existing = await client.GetAsync($"/api/matters/{instance.MatterId}/initiation"))
        {
            if (existing.IsSuccessStatusCode)
            {
                return;
            }
        }
        using var response = await client.PostJsonAsync($"/api/matters/{instance.MatterId}/initiation", new
        {
            proposalSource = "department",
            inCatalogue = false,
            notDisclosableGround = secret ? "涉及国家秘密，依《中华人民共和国保守国家秘密法》不予公开。" : null,
            urgentReason = urgent ? "汛期临近，须在汛前实施。" : null,
        });
        await response.ExpectAsync(System.Net.HttpStatusCode.Created, server);
    }

    private async Task PrepareLegalitySubmissionAsync(Guid instanceId)
    {
        var client = await As("drafthead");
        await client.PostJsonAsync($"/api/matters/{await MatterIdAsync(instanceId)}/legality/package", new
        {
            draftReference = "决策草案（送审稿）v1",
            legalBases = new[] { "《重大行政决策程序暂行条例》" },
            requestedOpinionDate = EarliestOpinionDate(),
        }).ExpectAsync(HttpStatusCode.Created, server);
    }

    private async Task PrepareCounselOpinionAsync(Guid instanceId)
    {
        var client = await As("counsel");
        await client.PostJsonAsync($"/api/matters/{await MatterIdAsync(instanceId)}/legality/counsel-opinions",
            new { kind = "legal-counsel", text = "经审阅，决策草案未发现违反上位法的内容。" }).ExpectAsync(HttpStatusCode.Created, server);
    }

    private async Task PrepareLegalityReviewAsync(Guid instanceId, string outcome)
    {
        var client = await As("reviewer");
        await client.PostJsonAsync($"/api/matters/{await MatterIdAsync(instanceId)}/legality/findings", new
        {
            authority = "属于本级人民政府法定权限。",
            procedure = "已履行公众参与等法定程序。",
            content = "内容符合有关法律法规规章和国家政策。",
            legalRisk = outcome == "exploratory-reform" ? "国家层面尚无明确规定，存在被认定越权的风险。" : null,
        }).ExpectAsync(HttpStatusCode.Created, server);
    }

    private async Task PrepareRiskAssessmentAsync(Guid instanceId, string outcome)
    {
        var client = await As("assessor");
        object body = outcome == "already-assessed"
            ? new { reference = "示范县稳评〔2026〕1号", referenceValidUntil = "2026-12-31" }
            : new { riskPoints = new[] { "收费调整可能引发群体性投诉" }, measures = "分步实施，设置过渡期。", contingencyPlan = "成立应急处置小组。", conclusion = outcome };
        await client.PostJsonAsync($"/api/matters/{await MatterIdAsync(instanceId)}/risk-assessment/reports", body).ExpectAsync(HttpStatusCode.Created, server);
    }

    private async Task PrepareFairCompetitionAsync(Guid instanceId)
    {
        var client = await As("drafter");
        await client.PostJsonAsync($"/api/matters/{await MatterIdAsync(instanceId)}/fair-competition/reviews", new { conclusion = "compliant" })
            .ExpectAsync(HttpStatusCode.Created, server);
    }

    /// <summary>One neutral expert (the demo <c>expert</c>'s pool entry) on the panel, with a signed opinion whose adoption is recorded.</summary>
    private async Task PrepareExpertArgumentationAsync(Guid instanceId)
    {
        var matterId = await MatterIdAsync(instanceId);
        var drafter = await As("drafter");
        using (var added = await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/panel",
            new { expertId = ExpertDemoData.LinkedExpertId, directInterest = false, interestStatement = "本人与该决策事项无直接利害关系。" }))
        {
            Assert.True(added.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"adding the demo expert answered {added.StatusCode}");
        }
        var expert = await As("expert");
        var opinion = await expert.PostJsonAsync($"/api/matters/{matterId}/experts/opinions",
            new { text = "方案总体可行，建议补充交通流量测算。", declaresNoDirectInterest = true }).ExpectAsync<ExpertOpinionView>(HttpStatusCode.Created, server);
        await drafter.PostJsonAsync($"/api/matters/{matterId}/experts/opinions/{opinion.Id}/adoption", new { adoption = "adopted" })
            .ExpectAsync(HttpStatusCode.Created, server);
    }
}
