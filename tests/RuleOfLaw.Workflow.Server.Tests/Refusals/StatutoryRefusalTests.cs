using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Meetings;
using static RuleOfLaw.Workflow.Server.Tests.Participation.ParticipationApi;

namespace RuleOfLaw.Workflow.Server.Tests.Refusals;

/// <summary>
/// The statutory refusals no other test triggered (issue 19): each is provoked through the API as a client would, and
/// checked for its code, its article and that the database is exactly as before (<see cref="RefusalAssert"/>).
/// </summary>
public sealed class StatutoryRefusalTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_meeting_record_refuses_outsiders_absentees_and_late_attendance_changes(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await DecisionScenario.ToSchedulingAsync(driver);
        var secretary = await driver.As("secretary");
        var chief = await driver.As("chief");

        // A county matter on a city meeting's agenda (the secretary also serves the city's general office here).
        await driver.MirrorCountyRolesInCityAsync();
        var cityMeeting = await driver.CreateMeetingAsync(organ: "demo-city");
        await server.RefusedAsync(() => secretary.PostJsonAsync($"/api/meetings/{cityMeeting.Id}/agenda", new { matterId = instance.Id }),
            HttpStatusCode.UnprocessableEntity, "meeting-organ-mismatch", "第三十条");

        var meeting = await driver.CreateMeetingAsync();
        var item = await driver.PlaceAsync(meeting.Id, instance.Id);
        var participants = await driver.ParticipantsAsync(meeting.Id);
        var member = participants.First(p => p.Capacity == "member");
        var head = Assert.Single(participants, p => p.Capacity != "member");
        var opinions = $"/api/meetings/{meeting.Id}/agenda/{item.Id}/opinions";

        // The head does not give a member's opinion: the head decides last.
        await server.RefusedAsync(() => secretary.PostJsonAsync(opinions, new { memberId = head.UserId, position = Positions.Agree, text = "同意。" }),
            HttpStatusCode.UnprocessableEntity, "not-a-member", "第三十条");

        // Only the head present: a member's opinion cannot be on record.
        await driver.RecordAttendanceAsync(meeting.Id, [head.UserId]);
        await server.RefusedAsync(() => secretary.PostJsonAsync(opinions, new { memberId = member.UserId, position = Positions.Agree, text = "同意。" }),
            HttpStatusCode.UnprocessableEntity, "member-absent", "第三十条");

        // Corrected before anyone spoke (allowed): the members present, the head absent.
        var members = participants.Where(p => p.Capacity == "member").Select(p => p.UserId).ToList();
        await driver.RecordAttendanceAsync(meeting.Id, members);
        foreach (var present in members)
        {
            await secretary.PostJsonAsync(opinions, new { memberId = present, position = Positions.Agree, text = "同意。" }).ExpectAsync(HttpStatusCode.Created, server);
        }

        // Once opinions are on record, who was present can no longer be rewritten.
        await server.RefusedAsync(() => secretary.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/meetings/{meeting.Id}/attendance")
            {
                Content = JsonContent.Create(new { present = participants.Select(p => p.UserId) }),
            }),
            HttpStatusCode.Conflict, "attendance-fixed", "第三十条");
        await server.RefusedAsync(() => chief.PostJsonAsync($"/api/meetings/{meeting.Id}/agenda/{item.Id}/decision", new { outcome = "approved", text = "同意。" }),
            HttpStatusCode.UnprocessableEntity, "head-absent", "第三十条");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task After_the_decision_each_record_is_required_before_its_step_and_nothing_runs_before_issuance(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        var chief = await driver.As("chief");
        var secretary = await driver.As("secretary");

        var pending = await DecisionScenario.ToSchedulingAsync(driver);
        await server.RefusedAsync(() => drafter.PostJsonAsync($"/api/matters/{pending.Id}/execution/reports", new { kind = "progress", text = "执行情况。" }),
            HttpStatusCode.Conflict, "decision-not-issued", "第三十四条");
        await server.RefusedAsync(() => chief.PostJsonAsync($"/api/matters/{pending.Id}/evaluations",
                new { trigger = "organ-deems-necessary", evaluatorOrganizationId = "demo-county-evaluation" }),
            HttpStatusCode.Conflict, "decision-not-issued", "第三十六条");

        var issued = await DecisionScenario.ToIssuedAsync(driver, new Dictionary<string, bool> { ["evaluationPlanned"] = true });
        await server.RefusedAsync(() => secretary.PostJsonAsync($"/api/matters/{issued.Id}/filings/higher-government/receipt",
                new { receiptNumber = "备2026-1", receivedOn = driver.Today }),
            HttpStatusCode.Conflict, "not-filed", "第四十三条");
        var publication = await driver.OpenTaskAsync(issued.Id, "publication");
        await server.RefusedAsync(() => driver.CompleteRawAsync("secretary", publication.Id, "published"),
            HttpStatusCode.Conflict, "publication-missing", "第三十二条");

        await driver.CompleteAsync(issued.Id, "publication", "published");
        var execution = await driver.OpenTaskAsync(issued.Id, "execution");
        await server.RefusedAsync(() => driver.CompleteRawAsync("drafter", execution.Id, "problem-reported", "执行中发现收费标准争议较大。"),
            HttpStatusCode.Conflict, "problem-report-missing", "第三十五条");

        await driver.CompleteAsync(issued.Id, "execution", "executed");
        var evaluation = await driver.OpenTaskAsync(issued.Id, "post-decision-evaluation");
        await driver.As("evaluator");
        await server.RefusedAsync(() => driver.CompleteRawAsync("evaluator", evaluation.Id, "continue"),
            HttpStatusCode.Conflict, "evaluation-missing", "第三十六条");
    }

    /// <summary>An unmet rule another part of the procedure reports for matters whose title says so, due before the legality submission.</summary>
    private sealed class UnmetBeforeSubmission : IComplianceCheck
    {
        public Task<IReadOnlyList<ComplianceItem>> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ComplianceItem>>(context.Matter.Title.Contains("前置条件未满足", StringComparison.Ordinal)
                ? [new ComplianceItem("test:experts-heard", "专家论证意见已采纳说明", "Expert opinions answered", "第十九条", ComplianceStatus.Unmet, "1条专家意见未说明采纳情况。",
                    "expert-argumentation", ["legality-submission"])]
                : []);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Initiation_experts_and_the_legality_submission_refuse_what_the_regulation_requires_first(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider, configure: f => f.ExtraServices.Add(s => s.AddScoped<IComplianceCheck, UnmetBeforeSubmission>()));
        using var driver = new ProcedureDriver(server);
        var drafter = await driver.As("drafter");
        await driver.As("drafthead");

        var secret = await driver.StartNewAsync(new Dictionary<string, bool> { ["notDisclosable"] = true });
        var initiation = await driver.OpenTaskAsync(secret.Id, "initiation");
        await server.RefusedAsync(() => driver.CompleteRawAsync("drafter", initiation.Id, "draft-prepared"),
            HttpStatusCode.Conflict, "not-disclosable-ground-required", "第十四条、第三十二条");

        await server.RefusedAsync(() => drafter.PostJsonAsync($"/api/matters/{secret.Id}/experts/panel",
                new { expertId = RuleOfLaw.Workflow.Server.Experts.ExpertDemoData.LinkedExpertId, directInterest = false, interestStatement = " " }),
            HttpStatusCode.UnprocessableEntity, "interest-declaration-required", "第二十条");

        var blocked = await driver.StartNewAsync(title: "前置条件未满足的事项");
        await driver.CompleteAsync(blocked.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(blocked.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(blocked.Id, "opinion-consolidation", "draft-finalised");
        await driver.SatisfyGuardAsync(blocked.Id, "legality-submission", "submitted");
        var submission = await driver.OpenTaskAsync(blocked.Id, "legality-submission");
        await server.RefusedAsync(() => driver.CompleteRawAsync("drafthead", submission.Id, "submitted"),
            HttpStatusCode.Conflict, "prerequisite-unmet", "第十九条");

        // A package made by hand (not by POST …/legality/submission) without the draft and the legal bases it must list.
        var ordinary = await driver.StartNewAsync();
        await driver.CompleteAsync(ordinary.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(ordinary.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(ordinary.Id, "opinion-consolidation", "draft-finalised");
        var task = await driver.OpenTaskAsync(ordinary.Id, "legality-submission");
        var headClient = await driver.As("drafthead");
        var handMade = new
        {
            outcome = "submitted",
            data = new
            {
                draftReference = " ", legalBases = Array.Empty<string>(), requestedOpinionDate = driver.EarliestOpinionDate(),
                guaranteedUntil = driver.EarliestOpinionDate(), guaranteeRule = "", procedures = Array.Empty<object>(), journalSequence = 0, journalHead = "",
            },
        };
        await server.RefusedAsync(() => headClient.PostJsonAsync($"/api/tasks/{task.Id}/complete", handMade),
            HttpStatusCode.Conflict, "draft-required", "第二十六条");
        await server.RefusedAsync(() => headClient.PostJsonAsync($"/api/tasks/{task.Id}/complete", handMade),
            HttpStatusCode.Conflict, "legal-bases-required", "第二十六条");
    }
}
