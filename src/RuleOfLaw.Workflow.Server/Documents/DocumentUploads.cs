using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Texts;
using RuleOfLaw.Workflow.Procedure;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Rules;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>A file as the upload carries it: its name, its length, and how to read it (read only once the other rules passed).</summary>
public sealed record UploadedFile(string FileName, long Length, Func<Stream> OpenRead);

/// <summary>
/// One upload: a new document (<see cref="DocumentId"/> null: <see cref="Kind"/> and <see cref="Title"/> are required)
/// or a new version of <see cref="DocumentId"/> (its kind and title are kept).
/// </summary>
public sealed record DocumentUpload(Guid MatterId, Guid? DocumentId, string? Kind, string? Title, string? Note, UploadedFile? File)
{
    /// <summary>The upload's multipart fields (<c>kind</c>, <c>title</c>, <c>note</c>, <c>file</c>): the API's form and the documents page's.</summary>
    public static DocumentUpload FromForm(Guid matterId, Guid? documentId, IFormCollection form) =>
        new(matterId, documentId, form["kind"].ToString(), form["title"].ToString(), form["note"].ToString(),
            form.Files["file"] is { } file ? new UploadedFile(file.FileName, file.Length, file.OpenReadStream) : null);
}

/// <summary>
/// Filing a document into the dossier (art. 33: the record of the decision keeps its materials), the API's
/// <c>POST /api/matters/{id}/documents[/{documentId}/versions]</c> and the documents page: who may file what, the
/// file's type by its content, the size limit, and the version journaled with its digest (SM3 by default,
/// <c>Crypto:HashAlgorithm</c>; the algorithm named beside it, issue 20 item 2) in the same transaction as its rows.
/// </summary>
public sealed class DocumentUploads(WorkflowDbContext db, InstanceCommandService commands, TimeProvider clock, IOptions<Integrity.CryptoOptions> crypto)
{
    public const int MaxTitleLength = 200;
    public const int MaxNoteLength = 1000;

    private static ProcedureTexts T => ProcedureTexts.Catalog;

    /// <summary>The refusal of a file over <see cref="FileTypes.MaxLength"/> (also when the server stops reading it early).</summary>
    public static Refusal TooLarge() => T.Refuse(RefusalClass.TooLarge, "file-too-large", null, ("mb", FileTypes.MaxLength / 1024 / 1024));

    /// <summary>The stored answer (201 with the document and its new version; a replay answers the first), or the refusals.</summary>
    public async Task<ModuleOutcome<CommandResult>> UploadAsync(DocumentUpload upload, string? clientKey, Actor actor, CancellationToken ct)
    {
        var matterId = upload.MatterId;
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return T.NotFound("not-found.matter");
        }
        MatterDocument? existing = null;
        if (upload.DocumentId is { } documentId)
        {
            existing = await db.Set<MatterDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.MatterId == matterId, ct);
            if (existing is null)
            {
                return T.NotFound("not-found.document");
            }
        }
        var kind = DocumentKinds.Find(existing?.Kind ?? upload.Kind);
        var title = existing?.Title ?? upload.Title?.Trim() ?? "";
        var note = upload.Note?.Trim() is { Length: > 0 } n ? n : null;
        var file = upload.File;
        var invalid = new List<Refusal>();
        if (kind is null)
        {
            invalid.Add(T.Invalid("validation-failed.kind", null, ("kinds", DocumentKinds.All.Select(k => k.Id).ToList()), (RequestField.Argument, "kind")));
        }
        if (title.Length is 0 or > MaxTitleLength)
        {
            invalid.Add(T.Invalid("validation-failed.title", null, ("limit", MaxTitleLength), (RequestField.Argument, "title")));
        }
        if (note?.Length > MaxNoteLength)
        {
            invalid.Add(T.Invalid("validation-failed.note", null, ("limit", MaxNoteLength), (RequestField.Argument, "note")));
        }
        if (file is null || file.Length == 0)
        {
            invalid.Add(T.Invalid("validation-failed.file", null, (RequestField.Argument, "file")));
        }
        if (invalid.Count > 0)
        {
            return ModuleOutcome<CommandResult>.Refused(invalid);
        }
        if (file!.Length > FileTypes.MaxLength)
        {
            return TooLarge();
        }
        var participant = actor.Memberships.Any(m => MatterAccess.Assignments(matter).ContainsValue(m.OrganizationId));
        if (!participant || (kind!.DraftingUnitOnly && !MatterAccess.CanDraft(matter, actor)))
        {
            return participant
                ? T.Forbidden("forbidden.drafting-unit-kind", kind!.Article, ("kind", new TwoLanguages(kind.Title, kind.TitleEn.ToLowerInvariant())))
                : T.Forbidden("forbidden.participants");
        }
        var instanceId = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync(ct);
        if (instanceId is null)
        {
            return T.Conflict("procedure-not-started");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenRead())
        {
            await stream.ReadExactlyAsync(content, ct);
        }
        var fileName = Path.GetFileName(file.FileName);
        var contentType = FileTypes.Detect(fileName, content);
        if (contentType is null)
        {
            return T.Refuse(RefusalClass.UnsupportedMediaType, "file-type-not-allowed", null, ("fileName", fileName), ("allowed", FileTypes.AllowedExtensions));
        }
        var algorithm = crypto.Value.HashAlgorithm;
        var digest = Workflow.Record.DocumentDigest.Compute(algorithm, content);
        var newDocumentId = existing?.Id ?? Guid.CreateVersion7();
        var versionId = Guid.CreateVersion7();
        var key = IdempotencyKey.For(actor.Id, clientKey, $"upload:{matterId}:{upload.DocumentId}:{algorithm}:{digest}", $"POST /api/matters/{matterId}/documents/{upload.DocumentId}",
            new { kind = kind.Id, title, note, fileName, digestAlgorithm = algorithm, digest });
        var data = JsonSerializer.Serialize(new { documentId = newDocumentId, versionId, kind = kind.Id, title, fileName, length = content.LongLength, digestAlgorithm = algorithm, digest });
        var result = await commands.ExecuteAsync(key, instanceId.Value, new WorkflowCommand.Record(DossierFormat.DocumentVersionAdded, null, note, data),
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
                    Length = content.LongLength, Digest = digest, DigestAlgorithm = algorithm, Content = content, Note = note, UploadedBy = actor.Id,
                    UploadedByName = actor.DisplayName, UploadedAt = now,
                });
                return new DocumentView(document.Id, kind.Id, kind.Title, title, document.LatestVersion,
                    [new DocumentVersionView(versionId, document.LatestVersion, fileName, contentType, content.LongLength, digest, algorithm, note, actor.DisplayName, now)]);
            });
        return result.Refusals.Count > 0 ? ModuleOutcome<CommandResult>.Refused(result.Refusals) : ModuleOutcome<CommandResult>.Ok(result);
    }
}
