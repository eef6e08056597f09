using System.Security.Cryptography;
using System.Text.Json;
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
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>
/// The dossier's documents: upload (a new document or a new version), list, download. Every upload is journaled
/// with the file's SHA-256 in the same transaction as its rows, so the journal proves which file was there when.
/// </summary>
public static class DocumentEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxNoteLength = 1000;

    public static IServiceCollection AddDocuments(this IServiceCollection services) => services.AddScoped<DocumentQueries>();

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var matters = app.MapGroup("/api/matters/{id:guid}/documents").WithTags("Documents");
        matters.MapGet("/", async (Guid id, CurrentActor current, WorkflowDbContext db, DocumentQueries documents, CancellationToken ct) =>
                await VisibleMatterAsync(id, current, db, ct) is null
                    ? ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it.")
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
                    return ApiProblem.NotFound("没有这个文件，或您无权查看。No such file, or you may not see it.");
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

    internal static async Task<IResult> UploadAsync(Guid matterId, Guid? documentId, HttpContext http, string? clientKey, CancellationToken ct)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<WorkflowDbContext>();
        var current = services.GetRequiredService<CurrentActor>();
        var clock = services.GetRequiredService<TimeProvider>();

        // The server-wide body limit (2 MB) is for JSON; a file may be larger, up to its own limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = FileTypes.MaxLength + 64 * 1024;
        }
        if (!http.Request.HasFormContentType)
        {
            return ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "需要 multipart/form-data。",
                "Upload the file as multipart/form-data with the field 'file'.");
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (InvalidDataException e)
        {
            return ApiProblem.Validation("invalid-form", $"表单格式错误。The form could not be read: {e.Message}");
        }
        // The form is read here, not bound: the input rules are applied to its fields and file names here.
        if (InputInspector.FindInForm(form) is { } refusal)
        {
            return InputProblem.Result(refusal);
        }

        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        var actor = await current.GetAsync(ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return ApiProblem.NotFound("没有这个决策事项，或您无权查看。No such matter, or you may not see it.");
        }
        MatterDocument? existing = null;
        if (documentId is not null)
        {
            existing = await db.Set<MatterDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.MatterId == matterId, ct);
            if (existing is null)
            {
                return ApiProblem.NotFound("该决策事项没有这个文件。The matter has no such document.");
            }
        }
        var kind = DocumentKinds.Find(existing?.Kind ?? form["kind"].ToString());
        var title = existing?.Title ?? form["title"].ToString().Trim();
        var note = form["note"].ToString().Trim() is { Length: > 0 } n ? n : null;
        var file = form.Files["file"];
        var errors = new Dictionary<string, string[]>();
        if (kind is null)
        {
            errors["kind"] = [$"文件类别应为：{string.Join("、", DocumentKinds.All.Select(k => k.Id))}。kind must be one of the listed ids."];
        }
        if (title.Length is 0 or > MaxTitleLength)
        {
            errors["title"] = [$"标题必填，最长{MaxTitleLength}字。A title of at most {MaxTitleLength} characters is required."];
        }
        if (note?.Length > MaxNoteLength)
        {
            errors["note"] = [$"说明最长{MaxNoteLength}字。The note is limited to {MaxNoteLength} characters."];
        }
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["请选择非空文件。A non-empty file is required in the field 'file'."];
        }
        if (errors.Count > 0)
        {
            return ApiProblem.Validation("validation-failed", "上传内容不完整。The upload is incomplete.", errors);
        }
        if (file!.Length > FileTypes.MaxLength)
        {
            return TooLarge();
        }
        var participant = actor.Memberships.Any(m => MatterAccess.Assignments(matter).ContainsValue(m.OrganizationId));
        if (!participant || (kind!.DraftingUnitOnly && !MatterAccess.CanDraft(matter, actor)))
        {
            return ApiProblem.Forbidden(kind!.DraftingUnitOnly
                ? $"“{kind.Title}”由承办单位提交。Only the drafting unit files the {kind.TitleEn.ToLowerInvariant()}."
                : "只有参与本事项的单位可以上传材料。Only organizations taking part in the matter upload documents.");
        }
        var instanceId = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
        if (instanceId is null)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "procedure-not-started", "程序尚未启动。",
                "Documents belong to the procedure's record: start the procedure first.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }
        var fileName = Path.GetFileName(file.FileName);
        var contentType = FileTypes.Detect(fileName, content);
        if (contentType is null)
        {
            return ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "file-type-not-allowed", "不接受该文件类型。",
                $"'{fileName}' is not an accepted file, or its content does not match its extension. Accepted: {FileTypes.AllowedExtensions}.");
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var newDocumentId = existing?.Id ?? Guid.CreateVersion7();
        var versionId = Guid.CreateVersion7();
        var key = IdempotencyKey.For(actor.Id, clientKey, $"upload:{matterId}:{documentId}:{sha256}", $"POST /api/matters/{matterId}/documents/{documentId}",
            new { kind = kind!.Id, title, note, fileName, sha256 });
        var data = JsonSerializer.Serialize(new { documentId = newDocumentId, versionId, kind = kind.Id, title, fileName, length = content.LongLength, sha256 });
        var commands = services.GetRequiredService<InstanceCommandService>();
        var result = await commands.ExecuteAsync(key, instanceId.Value, new WorkflowCommand.Record("DocumentVersionAdded", null, note, data),
            actor, StatusCodes.Status201Created, ct, async (_, token) =>
            {
                var now = clock.GetUtcNow();
                var document = await db.Set<MatterDocument>().SingleOrDefaultAsync(d => d.Id == newDocumentId, token);
                if (document is null)
                {
                    document = new MatterDocument
                    {
                        Id = newDocumentId, MatterId = matterId, Kind = kind.Id, Title = title, LatestVersion = 0, CreatedBy = actor.Id, CreatedAt = now,
                    };
                    db.Add(document);
                }
                document.LatestVersion++;
                db.Add(new DocumentVersion
                {
                    Id = versionId, DocumentId = document.Id, Number = document.LatestVersion, FileName = fileName, ContentType = contentType,
                    Length = content.LongLength, Sha256 = sha256, Content = content, Note = note, UploadedBy = actor.Id,
                    UploadedByName = actor.DisplayName, UploadedAt = now,
                });
                return new DocumentView(document.Id, kind.Id, kind.Title, title, document.LatestVersion,
                    [new DocumentVersionView(versionId, document.LatestVersion, fileName, contentType, content.LongLength, sha256, note, actor.DisplayName, now)]);
            });
        return result.ToHttp(ApiProblem.Refused);
    }

    private static IResult TooLarge() => ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "file-too-large", "文件过大。",
        $"A file is limited to {FileTypes.MaxLength / 1024 / 1024} MB.");
}
