using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Record.Indicators;

public static class IndicatorEndpoints
{
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/record").WithTags("Record");
        group.MapGet("/indicators/definitions", (IndicatorService service) => Results.Ok(service.Definitions))
            .WithSummary("Every indicator with its definition and legal basis").Produces<IReadOnlyList<IndicatorDefinition>>();
        group.MapGet("/indicators", async (string organId, int year, string? departmentId, CurrentActor current, IndicatorService service, CancellationToken ct) =>
            {
                var (report, refusal) = await service.ReportAsync(await current.GetAsync(ct), organId, year, departmentId, ct);
                return report is not null ? Results.Ok(report) : Problem(refusal!);
            })
            .WithSummary("A government's (or one department's) indicators for a local year, each with definition, legal basis, value, rate, target and the number of matters breaking a 100 % rule; supervisors only (第三十八条至第四十一条)")
            .Produces<IndicatorReport>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/indicators/{indicatorId}/matters", async (
                string indicatorId, string organId, int year, string? departmentId, CurrentActor current, IndicatorService service, CancellationToken ct) =>
            {
                var (drill, refusal) = await service.DrillDownAsync(await current.GetAsync(ct), organId, year, departmentId, indicatorId, ct);
                return drill is not null ? Results.Ok(drill) : Problem(refusal!);
            })
            .WithSummary("The matters (and journal entry sequences) behind one figure; `breaks` marks a matter that breaks a 100 % rule")
            .Produces<IndicatorDrillDown>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    internal static IResult Problem(RuleOfLaw.Workflow.Engine.Execution.Refusal refusal) => RecordProblems.ToHttp(refusal);
}
