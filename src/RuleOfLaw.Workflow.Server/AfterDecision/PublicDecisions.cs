using RuleOfLaw.Workflow.AfterDecision;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Modules;
using RuleOfLaw.Workflow.Server.Participation;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>A consultation of the decision as its public page links it.</summary>
public sealed record PublicDecisionConsultation(Guid Id, string Title, bool FeedbackPublished);

/// <summary>
/// One published decision as its public page shows it: the publication record (第三十二条: channels, date, how
/// public and expert opinions were used), the consultations with their feedback, and whether objections are accepted
/// (第三十五条, the same condition as <c>POST /api/public/matters/{id}/objections</c>).
/// </summary>
public sealed record PublicDecisionPage(
    Guid MatterId, string Number, string Title, string? Summary, string Organ, string? OrganEn, DateOnly PublishedOn, IReadOnlyList<string> Channels,
    string? OpinionsUse, IReadOnlyList<PublicDecisionConsultation> Consultations, bool AcceptsObjections, string TimeZone);

public static class PublicDecisions
{
    /// <summary>The decision's page, or null when nothing of it is published.</summary>
    public static async Task<PublicDecisionPage?> LoadAsync(ModuleWriter records, DeadlineCalculator deadlines, Guid matterId, CancellationToken ct)
    {
        var db = records.Db;
        var publication = (await db.Set<DecisionPublication>().AsNoTracking().Where(p => p.MatterId == matterId).ToListAsync(ct))
            .OrderBy(p => p.RecordedAt).LastOrDefault();
        var loaded = publication is null ? null : await records.LoadAsync(matterId, ct);
        if (publication is null || loaded is null)
        {
            return null;
        }
        var matter = loaded.Matter;
        var organ = await db.Organizations.AsNoTracking().Where(o => o.Id == matter.DecisionOrganId).Select(o => new { o.Name, o.NameEn }).SingleOrDefaultAsync(ct);
        var consultations = (await db.Set<Consultation>().AsNoTracking().Where(c => c.MatterId == matterId).ToListAsync(ct))
            .OrderBy(c => c.PublishedAt).Select(c => new PublicDecisionConsultation(c.Id, c.Title, c.FeedbackPublishedAt is not null)).ToList();
        return new PublicDecisionPage(matter.Id, matter.Number, matter.Title, matter.Summary, organ?.Name ?? matter.DecisionOrganId, organ?.NameEn,
            publication.PublishedOn, JsonSerializer.Deserialize<List<string>>(publication.ChannelsJson) ?? [], publication.OpinionsUse, consultations,
            ExecutionService.AcceptsObjections(loaded), loaded.State.Jurisdiction?.TimeZone ?? deadlines.TimeZone.Id);
    }

    /// <summary>The publication day as an instant: the start of that day in the jurisdiction's zone.</summary>
    internal static DateTimeOffset StartOfDay(DateOnly day, string timeZone)
    {
        var zone = Ui.Zone(timeZone, TimeZoneInfo.Utc);
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The web application's piece of this module: the portal's decision list.</summary>
    public static IServiceCollection AddAfterDecisionWeb(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<IPublicDecisions, PublicDecisionList>());
        return services;
    }
}

/// <summary>The portal's list of published decisions (第三十二条), newest first: one line per matter, its latest publication record.</summary>
internal sealed class PublicDecisionList(WorkflowDbContext db, DeadlineCalculator deadlines) : IPublicDecisions
{
    public async Task<IReadOnlyList<PublicDecisionItem>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<DecisionPublication>().AsNoTracking()
            .Join(db.Matters.AsNoTracking(), p => p.MatterId, m => m.Id, (p, m) => new { p, m })
            .ToListAsync(cancellationToken);
        var latest = rows.GroupBy(r => r.m.Id).Select(g => g.OrderBy(r => r.p.RecordedAt).Last()).ToList();
        var organIds = latest.Select(r => r.m.DecisionOrganId).Distinct().ToList();
        var organs = await db.Organizations.AsNoTracking().Where(o => organIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var items = new List<PublicDecisionItem>();
        foreach (var r in latest.OrderByDescending(r => r.p.PublishedOn).ThenBy(r => r.m.Number, StringComparer.Ordinal))
        {
            var zone = await PublicParticipation.ZoneAsync(db, deadlines, r.m.Id, cancellationToken);
            var organ = organs.GetValueOrDefault(r.m.DecisionOrganId);
            items.Add(new PublicDecisionItem(r.m.Number, r.m.Title, organ is null ? r.m.DecisionOrganId : Ui.Pick(organ.Name, organ.NameEn),
                PublicDecisions.StartOfDay(r.p.PublishedOn, zone), $"/public/decisions/{r.m.Id}", zone));
        }
        return items;
    }
}
