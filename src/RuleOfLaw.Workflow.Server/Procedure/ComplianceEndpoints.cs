using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Procedure;

public static class ComplianceEndpoints
{
    public static void MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/matters/{id:guid}/compliance", async (
                Guid id, CurrentActor current, WorkflowDbContext db, ComplianceReportService reports, CancellationToken ct) =>
            {
                var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
                if (matter is null || !MatterAccess.CanSee(matter, await current.GetAsync(ct)))
                {
                    return ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.matter-visible"));
                }
                return Results.Ok(await reports.BuildAsync(matter, ct));
            })
            .WithTags("Matters")
            .WithSummary("The matter's compliance report: every statutory rule with its article, met / pending / unmet / not applicable, and why")
            .Produces<ComplianceReport>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
