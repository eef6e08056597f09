using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Input;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>
/// The dossier's documents: upload (a new document or a new version), list, download. Every upload is journaled
/// with the file's SHA-256 in the same transaction as its rows, so the journal proves which file was there when.
/// </summary>
public static class DocumentEndpoints
{
    public static IServiceCollection AddDocuments(this IServiceCollection services) =>
        services.AddScoped<DocumentQueries>().AddScoped<DocumentUploads>();

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var matters = app.MapGroup("/api/matters/{id:guid}/documents").WithTags("Documents");
        matters.MapGet("/", async (Guid id, CurrentActor current, WorkflowDbContext db, DocumentQueries documents, CancellationToken ct) =>
                await VisibleMatterAsync(id, current, db, ct) is null
                    ? ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.matter-visible"))
                    : Results.Ok(await documents.ListAsync(id, ct)))
            .WithSummary("The matter's documents with all their versions (newest first)").Produces<IReadOnlyList<DocumentView>>();
        matters.MapPost("/", (Guid id, HttpContext http, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CancellationToken ct) =>
                UploadAsync(id, null, http, clientKey, ct))
            .WithSummary($"Upload a new document (multipart/form-data: kind, title, note, file; at most 20 MB; {FileTypes.AllowedExtensions})")
            .Accepts<IFormFile>("multipart/form-data").Produces<DocumentView>(StatusCodes.Status201Created);
        matters.MapPost("/{documentId:guid}/versions", (Guid id, Guid documentId, HttpContext http, [FromHeader(Name = IdempotencyKey.Header)] string? clientKey, CancellationToken ct) =>
                UploadAsync(id, documentId, http, clientKey, ct))
            .WithSummary("Upload a new version of a document (multipart/form-data: note, file); earlier versions are kept")
            .Accepts<IFormFile>("multipart/form-data").Produces<DocumentView>(StatusCodes.Status201Created);

        app.MapGet("/api/documents/{versionId:guid}/content", async (Guid versionId, CurrentActor current, WorkflowDbContext db, CancellationToken ct) =>
            {
                var version = await db.Set<DocumentVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct);
                var matterId = version is null ? (Guid?)null
                    : await db.Set<MatterDocument>().Where(d => d.Id == version.DocumentId).Select(d => (Guid?)d.MatterId).SingleAsync(ct);
                if (version is null || await VisibleMatterAsync(matterId!.Value, current, db, ct) is null)
                {
                    return ApiProblem.Refused(ProblemTexts.Catalog.NotFound("not-found.file-visible"));
                }
                return Results.File(version.Content, version.ContentType, version.FileName);
            })
            .WithTags("Documents").WithSummary("Download one version's file");
    }

    private static async Task<Matter?> VisibleMatterAsync(Guid id, CurrentActor current, WorkflowDbContext db, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        return matter is not null && MatterAccess.CanSee(matter, await current.GetAsync(ct)) ? matter : null;
    }

    /// <summary>
    /// The API's upload: reads the multipart form (its own size limit, the input rules on its fields and file names),
    /// then files it through <see cref="DocumentUploads"/>, the documents page's path too.
    /// </summary>
    private static async Task<IResult> UploadAsync(Guid matterId, Guid? documentId, HttpContext http, string? clientKey, CancellationToken ct)
    {
        // The server-wide body limit (2 MB) is for JSON; a file may be larger, up to its own limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = FileTypes.MaxLength + 64 * 1024;
        }
        if (!http.Request.HasFormContentType)
        {
            return ApiProblem.Refused(ProblemTexts.Catalog.Refuse(RefusalClass.UnsupportedMediaType, "unsupported-media-type.multipart", null));
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblem.Refused(DocumentUploads.TooLarge());
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A malformed multipart body: a bad boundary or part header (InvalidDataException), or a body that ends
            // before its closing boundary (IOException "Unexpected end of Stream"). Either way the form cannot be read.
            return ApiProblem.Refused(ProblemTexts.Catalog.Invalid("invalid-form", null, ("reason", e.Message)));
        }
        // The form is read here, not bound: the input rules are applied to its fields and file names here.
        if (InputInspector.FindInForm(form) is { } refusal)
        {
            return InputProblem.Result(refusal);
        }
        var actor = await http.RequestServices.GetRequiredService<CurrentActor>().GetAsync(ct);
        var outcome = await http.RequestServices.GetRequiredService<DocumentUploads>()
            .UploadAsync(DocumentUpload.FromForm(matterId, documentId, form), clientKey, actor, ct);
        return ModuleResults.Stored(outcome);
    }
}
