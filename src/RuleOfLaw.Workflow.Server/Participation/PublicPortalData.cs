using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>A document of a consultation as the public page lists it (no public download yet: by name only).</summary>
public sealed record PublicDocumentItem(string Title, string FileName, int Version);

/// <summary>
/// One consultation as its public page shows it: the API's public view (<see cref="PublicConsultationView"/>), the
/// organ, the jurisdiction's time zone, the documents by name and, once published, the feedback report.
/// </summary>
public sealed record PublicConsultationPage(
    PublicConsultationView View, string Organ, string? OrganEn, string TimeZone, IReadOnlyList<PublicDocumentItem> Documents, FeedbackView? Feedback);

/// <summary>What the public portal reads of public participation (the lists and the page), from the database.</summary>
public static class PublicParticipation
{
    /// <summary>The time zone of the matter's jurisdiction as its procedure started with it, else the server's.</summary>
    internal static async Task<string> ZoneAsync(WorkflowDbContext db, DeadlineCalculator deadlines, Guid matterId, CancellationToken ct)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.MatterId == matterId).Select(i => i.StateJson).SingleOrDefaultAsync(ct);
        return (json is null ? null : InstanceStateJson.Deserialize(json).Jurisdiction?.TimeZone) ?? deadlines.TimeZone.Id;
    }

    public static async Task<PublicConsultationPage?> LoadAsync(
        WorkflowDbContext db, DeadlineCalculator deadlines, TimeProvider clock, Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return null;
        }
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        var organ = await db.Organizations.AsNoTracking().Where(o => o.Id == matter.DraftingUnitId).Select(o => new { o.Name, o.NameEn }).SingleOrDefaultAsync(ct);
        var view = PublicConsultationView.From(matter, consultation, clock.GetUtcNow());
        var versionIds = view.DocumentVersionIds;
        var documents = versionIds.Count == 0 ? [] : await db.Set<DocumentVersion>().AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Join(db.Set<MatterDocument>().AsNoTracking(), v => v.DocumentId, d => d.Id, (v, d) => new PublicDocumentItem(d.Title, v.FileName, v.Number))
            .ToListAsync(ct);
        var feedback = await PublicEndpoints.PublishedFeedbackAsync(db, id, ct);
        return new PublicConsultationPage(view, organ?.Name ?? matter.DraftingUnitId, organ?.NameEn, await ZoneAsync(db, deadlines, matter.Id, ct),
            documents.OrderBy(d => d.Title, StringComparer.Ordinal).ToList(), feedback);
    }
}

/// <summary>The portal's consultation list: open ones by closing time; the others (period over or closed) newest first. Scheduled ones are not shown.</summary>
internal sealed class PublicConsultationList(WorkflowDbContext db, DeadlineCalculator deadlines, TimeProvider clock) : IPublicConsultations
{
    public async Task<IReadOnlyList<PublicConsultationItem>> ListAsync(bool open, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<Consultation>().AsNoTracking()
            .Join(db.Matters.AsNoTracking(), c => c.MatterId, m => m.Id, (c, m) => new { c, m })
            .ToListAsync(cancellationToken);
        var chosen = rows.Where(r => ConsultationStatus.Of(r.c, now) is var status && (open ? status == "open" : status is "ended" or "closed"))
            .ToList();
        var organIds = chosen.Select(r => r.m.DraftingUnitId).Distinct().ToList();
        var organs = await db.Organizations.AsNoTracking().Where(o => organIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var items = new List<(PublicConsultationItem Item, DateTimeOffset Sort)>();
        foreach (var r in chosen)
        {
            var organ = organs.GetValueOrDefault(r.m.DraftingUnitId);
            items.Add((new PublicConsultationItem(r.c.Title, organ is null ? r.m.DraftingUnitId : Ui.Pick(organ.Name, organ.NameEn), r.c.OpensAt, r.c.ClosesAt, open,
                $"/public/consultations/{r.c.Id}", await PublicParticipation.ZoneAsync(db, deadlines, r.m.Id, cancellationToken), r.c.ProvisionalYear), r.c.ClosesAt));
        }
        return (open ? items.OrderBy(i => i.Sort) : items.OrderByDescending(i => i.Sort)).Select(i => i.Item).ToList();
    }
}
