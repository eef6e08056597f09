using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Participation;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Documents;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Participation;

/// <summary>
/// A matter's participation records as loaded once: every consultation with its comments (batched), the activities,
/// the hearings, and the jurisdiction's time zone (the rules' texts name times in it).
/// </summary>
public sealed record ParticipationRecords(
    Matter Matter, string TimeZone, IReadOnlyList<ConsultationDigest> Consultations, IReadOnlyList<ParticipationActivity> Activities, IReadOnlyList<Hearing> Hearings)
{
    public ParticipationOverview Overview(DateTimeOffset now) =>
        new(Matter.Id, [.. Consultations.OrderBy(d => d.Consultation.OpensAt).Select(d => ConsultationView.From(Matter, d, now))],
            [.. Activities.OrderBy(a => a.HeldOn).ThenBy(a => a.RecordedAt).Select(ActivityView.From)],
            [.. Hearings.OrderBy(h => h.AnnouncedAt).Select(HearingView.From)]);

    /// <summary>What the completion rule reads (<see cref="Completion"/>).</summary>
    public ParticipationRecord Record() =>
        new([.. Consultations.Select(d => new ConsultationProgress(d.Consultation.Facts(TimeZone), d.Unanswered.Count))],
            [.. Hearings.Select(h => h.Facts(TimeZone))], Activities.Count(a => !a.SpecificGroup), Activities.Count(a => a.SpecificGroup));
}

/// <summary>
/// The participation module's reads, one query each for the API and the pages alike: a matter's records (the
/// consultations' comments loaded together, not one query per consultation), one consultation with its counts, its
/// comments, groups and CSV, and what the public portal lists and shows.
/// </summary>
public sealed class ParticipationQueries(WorkflowDbContext db, CurrentActor current, DeadlineCalculator deadlines, TimeProvider clock, ContactDetails contacts)
{
    /// <summary>The matter's participation records, or null when there is no such matter or the current user may not see it.</summary>
    public async Task<ParticipationRecords?> RecordsForAsync(Guid matterId, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        return matter is null || !MatterAccess.CanSee(matter, await current.GetAsync(ct)) ? null : await RecordsAsync(matter, ct);
    }

    /// <summary>The matter's participation records (the caller has checked access).</summary>
    public async Task<ParticipationRecords> RecordsAsync(Matter matter, CancellationToken ct)
    {
        var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == matter.Id).ToListAsync(ct);
        var activities = await db.Set<ParticipationActivity>().AsNoTracking().Where(a => a.MatterId == matter.Id).ToListAsync(ct);
        var hearings = await db.Set<Hearing>().AsNoTracking().Where(h => h.MatterId == matter.Id).ToListAsync(ct);
        var zone = await ZoneAsync(matter.Id, ct) ?? deadlines.TimeZone.Id;
        return new ParticipationRecords(matter, zone, await ConsultationDigest.LoadManyAsync(db, consultations, ct), activities, hearings);
    }

    /// <summary>One consultation with its counts (no access check: the services answer with it after their own).</summary>
    public async Task<ConsultationView?> ConsultationAsync(Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return null;
        }
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        return ConsultationView.From(matter, await ConsultationDigest.LoadAsync(db, consultation, ct), clock.GetUtcNow());
    }

    /// <summary>A consultation's comments, groups and responses with its matter, if the current user may see the matter.</summary>
    public async Task<(ConsultationDigest Digest, Matter Matter)?> DigestForAsync(Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        var matter = consultation is null ? null : await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        return matter is not null && MatterAccess.CanSee(matter, await current.GetAsync(ct))
            ? (await ConsultationDigest.LoadAsync(db, consultation!, ct), matter)
            : null;
    }

    /// <summary>A consultation's comments as the current user may see them (contact details: <see cref="ContactDetails"/>); null as <see cref="DigestForAsync"/>.</summary>
    public async Task<List<CommentView>?> CommentsForAsync(Guid id, CancellationToken ct)
    {
        if (await DigestForAsync(id, ct) is not var (digest, matter))
        {
            return null;
        }
        var reading = await contacts.ForConsultationAsync(matter, id, digest.Comments.Select(c => c.Contact), "api", ct);
        return [.. digest.Comments.Select(c => CommentView.From(digest, c, reading))];
    }

    /// <summary>A consultation's contact details as the current user may see them on a page (a revealing view is logged).</summary>
    public Task<ContactReading> ContactsForPageAsync(Matter matter, ConsultationDigest digest, CancellationToken ct) =>
        contacts.ForConsultationAsync(matter, digest.Consultation.Id, digest.Comments.Select(c => c.Contact), "page", ct);

    /// <summary>All comments as CSV in the jurisdiction's time, with the file name; null as <see cref="DigestForAsync"/>.</summary>
    public async Task<(byte[] Bytes, string FileName)?> CommentsCsvAsync(Guid id, CancellationToken ct)
    {
        if (await DigestForAsync(id, ct) is not var (digest, matter))
        {
            return null;
        }
        var zone = Ui.Zone(await ZoneAsync(matter.Id, ct), deadlines.TimeZone);
        var reading = await contacts.ForConsultationAsync(matter, id, digest.Comments.Select(c => c.Contact), "csv", ct);
        return (CommentCsv.Write(digest, zone, reading), $"{matter.Number}-comments.csv");
    }

    /// <summary>The consultations open for comment now, soonest closing first (the public API's list).</summary>
    public async Task<List<PublicConsultationView>> OpenForCommentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<Consultation>().AsNoTracking().Where(c => c.ClosedAt == null && c.SealedAt == null)
            .Join(db.Matters.AsNoTracking(), c => c.MatterId, m => m.Id, (c, m) => new { c, m }).ToListAsync(ct);
        var open = rows.Where(r => r.c.Status(now) == "open").OrderBy(r => r.c.ClosesAt).ToList();
        var zones = await ZonesAsync([.. open.Select(r => r.m.Id).Distinct()], ct);
        return [.. open.Select(r => PublicConsultationView.From(r.m, r.c, now, zones.GetValueOrDefault(r.m.Id) ?? deadlines.TimeZone.Id))];
    }

    /// <summary>One consultation as the public sees it, or null.</summary>
    public async Task<PublicConsultationView?> PublicConsultationAsync(Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return null;
        }
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        return PublicConsultationView.From(matter, consultation, clock.GetUtcNow(), await ZoneAsync(matter.Id, ct) ?? deadlines.TimeZone.Id);
    }

    /// <summary>The published feedback report of a consultation, or null while none is published (the API's 404; also the public page's).</summary>
    public async Task<FeedbackView?> PublishedFeedbackAsync(Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return consultation is not { FeedbackPublishedAt: not null } ? null : Feedback.Build(await ConsultationDigest.LoadAsync(db, consultation, ct));
    }

    /// <summary>One consultation as its public page shows it: the public view, the organ, the zone, the documents by name, the feedback.</summary>
    public async Task<PublicConsultationPage?> PublicPageAsync(Guid id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consultation is null)
        {
            return null;
        }
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Id == consultation.MatterId, ct);
        var organ = await db.Organizations.AsNoTracking().Where(o => o.Id == matter.DraftingUnitId).Select(o => new { o.Name, o.NameEn }).SingleOrDefaultAsync(ct);
        var zone = await ZoneAsync(matter.Id, ct) ?? deadlines.TimeZone.Id;
        var view = PublicConsultationView.From(matter, consultation, clock.GetUtcNow(), zone);
        var versionIds = view.DocumentVersionIds;
        var documents = versionIds.Count == 0 ? [] : await db.Set<DocumentVersion>().AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Join(db.Set<MatterDocument>().AsNoTracking(), v => v.DocumentId, d => d.Id, (v, d) => new PublicDocumentItem(d.Title, v.FileName, v.Number))
            .ToListAsync(ct);
        var feedback = consultation.FeedbackPublishedAt is null ? null : Feedback.Build(await ConsultationDigest.LoadAsync(db, consultation, ct));
        return new PublicConsultationPage(view, organ?.Name ?? matter.DraftingUnitId, organ?.NameEn, zone,
            documents.OrderBy(d => d.Title, StringComparer.Ordinal).ToList(), feedback,
            // Every comment received so far (hidden ones too: they were received); the cached page shows a new one
            // within about a second (Cluster/PublicCacheSync drops the page after the comment's commit).
            await db.Set<ConsultationComment>().CountAsync(x => x.ConsultationId == id, ct));
    }

    /// <summary>
    /// The portal's consultation list: open ones by closing time; the others (period over or closed) newest first;
    /// scheduled ones are not shown. Three queries whatever the length of the list (organs and zones are read together).
    /// </summary>
    public async Task<IReadOnlyList<PublicConsultationItem>> PortalListAsync(bool open, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<Consultation>().AsNoTracking()
            .Join(db.Matters.AsNoTracking(), c => c.MatterId, m => m.Id, (c, m) => new { c, m })
            .ToListAsync(ct);
        var chosen = rows.Where(r => r.c.Status(now) is var status && (open ? status == "open" : status is "ended" or "closed")).ToList();
        var organIds = chosen.Select(r => r.m.DraftingUnitId).Distinct().ToList();
        var organs = await db.Organizations.AsNoTracking().Where(o => organIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var zones = await ZonesAsync([.. chosen.Select(r => r.m.Id).Distinct()], ct);
        var items = chosen.Select(r =>
        {
            var organ = organs.GetValueOrDefault(r.m.DraftingUnitId);
            return new PublicConsultationItem(r.c.Title, organ is null ? r.m.DraftingUnitId : Ui.Pick(organ.Name, organ.NameEn), r.c.OpensAt, r.c.ClosesAt, open,
                $"/public/consultations/{r.c.Id}", zones.GetValueOrDefault(r.m.Id) ?? deadlines.TimeZone.Id, r.c.ProvisionalYear);
        });
        return [.. open ? items.OrderBy(i => i.ClosesAt) : items.OrderByDescending(i => i.ClosesAt)];
    }

    /// <summary>The time zone of the matter's jurisdiction as its procedure started with it; null before it started.</summary>
    private async Task<string?> ZoneAsync(Guid matterId, CancellationToken ct) => (await ZonesAsync([matterId], ct)).GetValueOrDefault(matterId);

    private async Task<Dictionary<Guid, string?>> ZonesAsync(IReadOnlyList<Guid> matterIds, CancellationToken ct)
    {
        var states = await db.Instances.AsNoTracking().Where(i => matterIds.Contains(i.MatterId)).Select(i => new { i.MatterId, i.StateJson }).ToListAsync(ct);
        return states.ToDictionary(s => s.MatterId, s => InstanceStateJson.Deserialize(s.StateJson).Jurisdiction?.TimeZone);
    }
}

/// <summary>The portal's consultation list from the database (replaces the web application's empty default).</summary>
internal sealed class PublicConsultationList(ParticipationQueries queries) : IPublicConsultations
{
    public Task<IReadOnlyList<PublicConsultationItem>> ListAsync(bool open, CancellationToken cancellationToken) => queries.PortalListAsync(open, cancellationToken);
}
