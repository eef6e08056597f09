using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Matters;

/// <summary>
/// The dossier's documents (art. 33): every document with its immutable versions, upload of a new document or a new
/// version. Uploads go through <see cref="DocumentUploads"/> (the API's service: type by content signature, size
/// limit, who may file what, journaled SHA-256), with the form key as the idempotency key.
/// </summary>
// Above the server's 2 MB JSON limit so that the API's own size rule (20 MB) answers next to the field; the request
// limit is read before the antiforgery check reads the form.
[RequestSizeLimit(2 * FileTypes.MaxLength)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * FileTypes.MaxLength)]
public sealed class DocumentsModel(CurrentActor current, DossierReader reader, DocumentQueries documents, DocumentUploads uploads) : PageModel
{
    [BindProperty] public string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    public Dossier Dossier { get; private set; } = null!;
    public IReadOnlyList<DocumentView> Documents { get; private set; } = [];

    /// <summary>The kinds this user may file (the drafting unit's kinds only for the drafting unit).</summary>
    public IEnumerable<DocumentKinds.Kind> Kinds => DocumentKinds.All.Where(k => !k.DraftingUnitOnly || Dossier.CanDraft);

    /// <summary>The document whose new-version form failed (its errors are shown there), if any.</summary>
    public Guid? FailedDocumentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct) => UploadAsync(id, null, ct);

    public Task<IActionResult> OnPostVersionAsync(Guid id, Guid documentId, CancellationToken ct) => UploadAsync(id, documentId, ct);

    private async Task<IActionResult> UploadAsync(Guid id, Guid? documentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var upload = DocumentUpload.FromForm(id, documentId, await Request.ReadFormAsync(ct));
        var outcome = await uploads.UploadAsync(upload, $"web-upload:{documentId}:{FormKey}", Dossier.Actor, ct);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = Ui.Pick("文件已归入案卷。", "The file has been added to the dossier.");
            return Redirect($"/matters/{id}/documents");
        }
        var prefix = documentId is null ? "" : "Version.";
        ModelState.ShowRefusals(outcome.Refusals, field => field switch
        {
            "kind" => prefix + "Kind",
            "title" => prefix + "Title",
            "note" => prefix + "Note",
            "file" or "file-too-large" or "file-type-not-allowed" => prefix + "File",
            _ => null,
        });
        FailedDocumentId = documentId;
        await LoadAsync(id, ct);
        return this.Refused(outcome.Status);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var dossier = await reader.ReadAsync(id, await current.GetAsync(ct), ct);
        if (dossier is null)
        {
            return false;
        }
        Dossier = dossier;
        Documents = await documents.ListAsync(id, ct);
        return true;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
