using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Record;

public static class DossierEndpoints
{
    public static void MapDossierEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/matters/{id:guid}/dossier", async (
                Guid id, CurrentActor current, WorkflowDbContext db, DossierExport export, CancellationToken ct) =>
            {
                var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
                var actor = await current.GetAsync(ct);
                if (matter is null || !MatterAccess.CanSee(matter, actor))
                {
                    return ApiProblem.Refused(RuleOfLaw.Workflow.Record.RecordTexts.Catalog.NotFound("not-found.matter"));
                }
                // Buffered: the ZIP's manifest is written last and a half-sent archive must not look complete.
                var buffer = new MemoryStream();
                await export.WriteAsync(matter, actor.DisplayName, buffer, ct);
                buffer.Position = 0;
                return Results.File(buffer, "application/zip", $"dossier-{matter.Number}.zip");
            })
            .WithTags("Record")
            .WithSummary("The matter's dossier (第三十三条) as a ZIP: manifest, every document version with its SHA-256, the hash-chained journal, the records and a summary; verify offline with `verify-dossier`")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
