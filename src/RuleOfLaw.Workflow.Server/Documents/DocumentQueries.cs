using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.Documents;

/// <summary>A version's description, without its content.</summary>
public sealed record DocumentVersionView(
    Guid Id, int Number, string FileName, string ContentType, long Length, string Digest, string DigestAlgorithm, string? Note, string UploadedByName, DateTimeOffset UploadedAt)
{
    public string ContentUrl => $"/api/documents/{Id}/content";
}

/// <summary>A dossier document with its versions, newest first.</summary>
public sealed record DocumentView(Guid Id, string Kind, string KindTitle, string Title, int LatestVersion, IReadOnlyList<DocumentVersionView> Versions);

/// <summary>Reads a matter's documents for the other parts of the procedure (legality package, meeting materials …).</summary>
public sealed class DocumentQueries(WorkflowDbContext db)
{
    public async Task<IReadOnlyList<DocumentView>> ListAsync(Guid matterId, CancellationToken cancellationToken)
    {
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        var documents = (await db.Set<MatterDocument>().AsNoTracking().Where(d => d.MatterId == matterId).ToListAsync(cancellationToken))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToList();
        var ids = documents.Select(d => d.Id).ToList();
        var versions = await db.Set<DocumentVersion>().AsNoTracking().Where(v => ids.Contains(v.DocumentId))
            .Select(v => new { v.DocumentId, View = new DocumentVersionView(v.Id, v.Number, v.FileName, v.ContentType, v.Length, v.Digest, v.DigestAlgorithm, v.Note, v.UploadedByName, v.UploadedAt) })
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => new DocumentView(d.Id, d.Kind, DocumentKinds.Find(d.Kind)?.Title ?? d.Kind, d.Title, d.LatestVersion,
            [.. versions.Where(v => v.DocumentId == d.Id).Select(v => v.View).OrderByDescending(v => v.Number)]))];
    }

    /// <summary>The newest version of the newest document of <paramref name="kind"/>, or null if there is none.</summary>
    public async Task<(DocumentView Document, DocumentVersionView Version)?> LatestAsync(Guid matterId, string kind, CancellationToken cancellationToken)
    {
        var document = (await ListAsync(matterId, cancellationToken)).LastOrDefault(d => d.Kind == kind && d.Versions.Count > 0);
        return document is null ? null : (document, document.Versions[0]);
    }
}
