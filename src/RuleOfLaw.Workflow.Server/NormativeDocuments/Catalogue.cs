using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// What the portal shows: published documents with their numbers, dates and validity, and the current-documents
/// catalogue (现行有效目录): exactly the documents in force today (published, not ended, within their period).
/// Filtered in memory: SQLite cannot compare dates in SQL reliably, and a government's documents number in the
/// hundreds.
/// </summary>
public sealed class Catalogue(NormativeContext context)
{
    private static readonly string[] Public = [NormativeStatuses.Published, NormativeStatuses.Lapsed, NormativeStatuses.Repealed, NormativeStatuses.Invalid];

    public async Task<List<PublicNormativeDocumentView>> PublishedAsync(string? governmentId, bool currentOnly, CancellationToken ct)
    {
        var query = context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => Public.Contains(d.Status));
        if (governmentId is not null)
        {
            query = query.Where(d => d.GovernmentId == governmentId);
        }
        var documents = await query.ToListAsync(ct);
        var issuers = await context.Db.Set<NormativeIssuer>().AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var views = new List<PublicNormativeDocumentView>();
        foreach (var d in documents)
        {
            var today = context.Today(await context.SettingsAsync(d.GovernmentId, ct));
            var inForce = InForce(d, today);
            if (!currentOnly || inForce)
            {
                views.Add(View(d, issuers.GetValueOrDefault(d.IssuerId, ""), inForce, withText: false));
            }
        }
        return views.OrderBy(v => v.Issuer, StringComparer.Ordinal).ThenBy(v => v.RegistrationNumber, StringComparer.Ordinal).ToList();
    }

    public async Task<PublicNormativeDocumentView> PublishedAsync(Guid id, CancellationToken ct)
    {
        var d = await context.Db.Set<NormativeDocument>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && Public.Contains(x.Status), ct)
            ?? throw NormativeRefusedException.NotFound("已公布的规范性文件 / published normative document " + id);
        var issuer = await context.IssuerAsync(d.IssuerId, ct);
        return View(d, issuer.Name, InForce(d, context.Today(await context.SettingsAsync(d.GovernmentId, ct))), withText: true);
    }

    public static bool InForce(NormativeDocument d, DateOnly today) =>
        d.EffectiveFrom is { } from && d.LastDayInForce is { } last
        && ValidityRules.InForce(new ValidityPeriod(from, last, d.LapsesOn ?? last.AddDays(1), d.ReminderOn ?? from), d.PublishedAt is not null,
            d.Status != NormativeStatuses.Published, today);

    private static PublicNormativeDocumentView View(NormativeDocument d, string issuer, bool inForce, bool withText) => new(
        d.Id, d.Title, issuer, d.Kind, d.RegistrationNumber!, d.DocumentNumber!, d.IssuedOn!.Value, d.PublishedAt!.Value, d.EffectiveFrom!.Value,
        d.LastDayInForce!.Value, d.Status, inForce, withText ? d.FullText : null);
}
