using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.RiskAssessment;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Modules;

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

/// <summary>The risk assessment's endpoints (第二十二条至第二十四条): each calls <see cref="RiskAssessmentService"/> and answers its outcome.</summary>
public static class RiskAssessmentEndpoints
{
    public const string Step = RiskRules.Step;

    public static void MapRiskAssessment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters/{id:guid}/risk-assessment").WithTags("Risk assessment");
        group.MapGet("/reports", async (Guid id, RiskAssessmentService risk, CancellationToken ct) => ModuleResults.Answer(await risk.ReportsAsync(id, ct)))
            .WithSummary("The matter's risk assessment reports, oldest first").Produces<List<RiskReportView>>();
        group.MapPost("/reports", async (Guid id, RiskReportRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey,
                RiskAssessmentService risk, CancellationToken ct) => ModuleResults.Answer(await risk.ReportAsync(id, request, clientKey, ct)))
            .WithSummary("Risk assessor: the report of the open risk-assessment task (arts. 22-24), or a reference to a valid existing assessment")
            .Produces<RiskReportView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
