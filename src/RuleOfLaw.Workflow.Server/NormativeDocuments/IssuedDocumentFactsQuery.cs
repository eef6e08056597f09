using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Data;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>One registered document as the figures and their drill-down need it.</summary>
public sealed record IssuedDocumentRow(Guid Id, string? RegistrationNumber, string Title, string IssuerOrganizationId, string? DocumentNumber,
    int? RegistrationSequence, bool Reviewed, bool Deliberated);

/// <summary>
/// The one read of the register and the filings behind every normative figure: the module's own figures page
/// (<see cref="Figures"/>) and the record's indicators (<see cref="NormativeIndicatorProvider"/>) both count from it,
/// so a filing is "timely" or "returned" by the same mapping everywhere. One projection of the documents and one of
/// their filings: a government registers a few hundred documents a year, so the counting happens in memory.
/// </summary>
public static class IssuedDocumentFactsQuery
{
    /// <summary>The documents registered by <paramref name="governmentId"/> in <paramref name="year"/>; <paramref name="departmentId"/> is "" for
    /// the whole government, otherwise only documents its issuing entities issued.</summary>
    public static async Task<(IReadOnlyList<IssuedDocumentRow> Documents, IReadOnlyList<IssuedDocumentFacts> Facts)> LoadAsync(
        WorkflowDbContext db, string governmentId, int year, string departmentId, CancellationToken ct)
    {
        var query =
            from d in db.Set<NormativeDocument>().AsNoTracking()
            join i in db.Set<NormativeIssuer>().AsNoTracking() on d.IssuerId equals i.Id
            where d.GovernmentId == governmentId && d.RegistrationYear == year
                && (departmentId == "" || i.OrganizationId == departmentId)
            select new IssuedDocumentRow(d.Id, d.RegistrationNumber, d.Title, i.OrganizationId, d.DocumentNumber, d.RegistrationSequence,
                d.ReviewedAt != null, d.DeliberatedAt != null);
        var documents = (await query.ToListAsync(ct))
            .OrderBy(d => d.RegistrationSequence).ThenBy(d => d.RegistrationNumber, StringComparer.Ordinal).ToList();
        var ids = documents.Select(d => d.Id).ToList();
        var filings = (await db.Set<NormativeFiling>().AsNoTracking().Where(f => ids.Contains(f.DocumentId))
                .Select(f => new { f.DocumentId, f.FirstFiledOn, f.DueOn, f.Returns, f.Result, f.Status }).ToListAsync(ct))
            .ToLookup(f => f.DocumentId);
        var facts = documents.Select(d => new IssuedDocumentFacts(d.Id, d.Reviewed, d.Deliberated, [.. filings[d.Id].Select(f => new FilingFacts(
                Filed: f.FirstFiledOn is not null,
                Timely: f.FirstFiledOn is { } first && FilingRules.Timely(first, f.DueOn),
                Returned: f.Returns > 0,
                Reviewed: f.Result is not null,
                Accepted: f.Status == FilingStatuses.Accepted))])).ToList();
        return (documents, facts);
    }
}
