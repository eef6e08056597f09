using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.RiskAssessment;

/// <summary>A new report (risk points, measures, contingency plan, conclusion) or a reference to a valid existing assessment.</summary>
public sealed record RiskReportRequest(
    IReadOnlyList<string>? RiskPoints, string? Measures, string? ContingencyPlan, string? Conclusion, string? Reference, string? ReferenceValidUntil);

public sealed record RiskReportView(
    Guid Id, Guid TaskId, IReadOnlyList<string> RiskPoints, string? Measures, string? ContingencyPlan, string? Conclusion, string? Reference,
    DateOnly? ReferenceValidUntil, string RecordedByName, DateTimeOffset RecordedAt)
{
    public static RiskReportView From(RiskAssessmentReport r) => new(r.Id, r.TaskId,
        r.RiskPointsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(r.RiskPointsJson) ?? [], r.Measures, r.ContingencyPlan, r.Conclusion,
        r.Reference, r.ReferenceValidUntil, r.RecordedByName, r.RecordedAt);
}

public static class RiskAssessmentEndpoints
{
    public const string Step = "risk-assessment";
    private const int MaxText = 20_000;

    public static void MapRiskAssessment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}/risk-assessment").WithTags("Risk assessment");
        group.MapGet("/reports", async (Guid id, CurrentActor current, WorkflowDbContext db, DefinitionRegistry registry, CancellationToken ct) =>
        {
            var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, await current.GetAsync(ct), ct);
            if (procedure is null)
            {
                return problem!;
            }
            var rows = await db.Set<RiskAssessmentReport>().AsNoTracking().Where(r => r.InstanceId == procedure.Record.Id).ToListAsync(ct);
            return Results.Ok(rows.OrderBy(r => r.RecordedAt).Select(RiskReportView.From).ToList());
        }).WithSummary("The matter's risk assessment reports, oldest first").Produces<List<RiskReportView>>();
        group.MapPost("/reports", Report)
            .WithSummary("Risk assessor: the report of the open risk-assessment task (arts. 22-24), or a reference to a valid existing assessment")
            .Produces<RiskReportView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static async Task<IResult> Report(
        Guid id, RiskReportRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CurrentActor current,
        WorkflowDbContext db, DefinitionRegistry registry, InstanceCommandService commands, TimeProvider clock, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var (procedure, problem) = await ModuleWrites.LoadVisibleAsync(db, registry, id, actor, ct);
        if (procedure is null)
        {
            return problem!;
        }
        DateOnly? validUntil = null;
        var isReference = !string.IsNullOrWhiteSpace(request.Reference);
        if (isReference)
        {
            if (!DateOnly.TryParseExact(request.ReferenceValidUntil, "yyyy-MM-dd", out var until) || request.Reference!.Length > MaxText)
            {
                return ApiProblem.Validation("invalid-risk-report",
                    "引用已有评估须写明评估（reference）及其有效期（referenceValidUntil, yyyy-MM-dd）（第二十二条）。A reference needs the assessment and its validity date.");
            }
            validUntil = until;
        }
        else if (request.RiskPoints is not { Count: > 0 } || request.RiskPoints.Any(string.IsNullOrWhiteSpace)
            || string.IsNullOrWhiteSpace(request.Measures) || string.IsNullOrWhiteSpace(request.ContingencyPlan)
            || request.Conclusion is not (RiskAssessmentReport.Controllable or RiskAssessmentReport.NotControllable)
            || request.Measures.Length > MaxText || request.ContingencyPlan.Length > MaxText || request.RiskPoints.Sum(p => p.Length) > MaxText)
        {
            return ApiProblem.Validation("invalid-risk-report",
                "风险评估报告须明确风险点（riskPoints）、风险防范措施（measures）和处置预案（contingencyPlan），并作出风险可控或不可控的结论（conclusion: controllable / not-controllable）（第二十三条、第二十四条）。" +
                "The report needs risk points, measures, a contingency plan and the conclusion controllable / not-controllable.");
        }
        var task = procedure.OpenTask(Step);
        if (task is null)
        {
            return ModuleWrites.StepNotOpen(procedure.Definition, Step);
        }
        if (!actor.Holds(Roles.RiskAssessor, task.OrganizationId))
        {
            return ApiProblem.Forbidden("只有承担风险评估的单位可以出具风险评估报告。Only the risk assessment body issues the report.", "第二十三条");
        }
        var key = ModuleWrites.Key(actor, clientKey, $"risk-report:{task.Id}", $"POST /api/matters/{id}/risk-assessment/reports", request);
        var rowId = ModuleWrites.RowId(key, "record");
        var row = new RiskAssessmentReport
        {
            Id = rowId, MatterId = id, InstanceId = procedure.Record.Id, TaskId = task.Id,
            RiskPointsJson = isReference ? null : JsonSerializer.Serialize(request.RiskPoints),
            Measures = isReference ? null : request.Measures, ContingencyPlan = isReference ? null : request.ContingencyPlan,
            Conclusion = isReference ? null : request.Conclusion, Reference = isReference ? request.Reference : null, ReferenceValidUntil = validUntil,
            RecordedBy = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = ModuleWrites.Millis(clock.GetUtcNow()),
        };
        return await ModuleWrites.RecordAsync(commands, db, key, procedure, actor, "RiskReportRecorded", Step, null,
            new { reportId = rowId, request.RiskPoints, request.Measures, request.ContingencyPlan, request.Conclusion, request.Reference, referenceValidUntil = validUntil },
            row, rowId, r => RiskReportView.From(r), ct);
    }
}
