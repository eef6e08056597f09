using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Record.Catalogue;
using RuleOfLaw.Workflow.Record.Indicators;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.Matters;
using RuleOfLaw.Workflow.Server.Record.Indicators;
using Microsoft.Extensions.Options;

namespace RuleOfLaw.Workflow.Server.Record.Catalogue;

public sealed record CatalogueMatterView(Guid Id, string Number, string Title);

public sealed record CatalogueItemView(
    Guid Id, int Number, string Title, string DraftingUnitId, string DraftingUnitName, int PlannedQuarter, bool Withdrawn, bool AddedByAdjustment,
    IReadOnlyList<CatalogueMatterView> Matters);

public sealed record CatalogueAdjustmentView(string Kind, int ItemNumber, string ItemTitle, string Reason, DateTimeOffset AdjustedAt);

/// <summary>A catalogue as officials see it; <see cref="MattersOutside"/> (the organ's matters of the year with no item) is null on the portal.</summary>
public sealed record CatalogueView(
    Guid Id, string OrganId, string OrganName, int Year, string Status, DateOnly? ConsentedOn, string? ConsentNote, DateTimeOffset? PublishedAt,
    IReadOnlyList<CatalogueItemView> Items, IReadOnlyList<CatalogueAdjustmentView> Adjustments, IReadOnlyList<CatalogueMatterView>? MattersOutside);

/// <summary>One published catalogue in the portal's list.</summary>
public sealed record PublishedCatalogueEntry(string OrganId, string OrganName, int Year, DateOnly? ConsentedOn);

public sealed record CreateCatalogueRequest(string? OrganId, int Year);

public sealed record CatalogueItemRequest(string? Title, string? DraftingUnitId, int? PlannedQuarter);

public sealed record CatalogueConsentRequest(DateOnly? ConsentedOn, string? Note);

public sealed record CatalogueAdjustmentRequest(string? Kind, string? Reason, Guid? ItemId, string? Title, string? DraftingUnitId, int? PlannedQuarter);

public sealed record CatalogueLinkRequest(Guid? ItemId);

/// <summary>
/// The annual catalogue (第十条第二款) as an application service: the rules are <see cref="CatalogueRules"/>; this
/// loads, checks who may act (<see cref="RecordAccess.MayManageCatalogue"/>) and writes. Every write is one SaveChanges.
/// </summary>
public sealed class CatalogueService(WorkflowDbContext db, TimeProvider clock, JurisdictionRegistry jurisdictions, IOptions<WorkflowsOptions> workflows)
{
    public async Task<(CatalogueView? View, Refusal? Refusal)> CreateAsync(Actor actor, CreateCatalogueRequest request, CancellationToken ct)
    {
        var organ = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OrganId, ct);
        if (organ is null || organ.Kind != OrganizationKinds.Government)
        {
            return (null, RecordTexts.Catalog.NotFound("not-found.organ", null, ("organ", request.OrganId)));
        }
        if (!await MayManageAsync(actor, organ.Id, ct))
        {
            return (null, NotManager());
        }
        var now = clock.GetUtcNow();
        if (CatalogueRules.MayCreate(request.Year, TimeZoneInfo.ConvertTime(now, await ZoneAsync(organ.Id)).Year) is { } refused)
        {
            return (null, refused);
        }
        if (await db.Set<DecisionCatalogue>().AnyAsync(c => c.OrganId == organ.Id && c.Year == request.Year, ct))
        {
            return (null, RecordTexts.Catalog.Conflict("catalogue-exists", CatalogueRules.Article, ("organ", organ.Name), ("year", request.Year)));
        }
        var catalogue = new DecisionCatalogue
        {
            Id = Guid.CreateVersion7(), OrganId = organ.Id, Year = request.Year, Status = CatalogueStatus.Draft, CreatedBy = actor.Id, CreatedAt = now,
        };
        db.Add(catalogue);
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(catalogue.Id, publicView: false, ct), null);
    }

    public async Task<(CatalogueView? View, Refusal? Refusal)> AddItemAsync(Actor actor, Guid id, CatalogueItemRequest request, CancellationToken ct)
    {
        var (catalogue, refusal) = await ManagedAsync(actor, id, ct);
        if (catalogue is null)
        {
            return (null, refusal);
        }
        var underOrgan = await UnderOrganAsync(request.DraftingUnitId, catalogue.OrganId, ct);
        if (CatalogueRules.MayAddItem(catalogue.Status, request.Title, underOrgan, request.PlannedQuarter) is { } refused)
        {
            return (null, refused);
        }
        await AddItemAsync(catalogue, request.Title!, request.DraftingUnitId!, request.PlannedQuarter!.Value, null, ct);
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(id, false, ct), null);
    }

    public async Task<(CatalogueView? View, Refusal? Refusal)> RecordConsentAsync(Actor actor, Guid id, CatalogueConsentRequest request, CancellationToken ct)
    {
        var (catalogue, refusal) = await ManagedAsync(actor, id, ct);
        if (catalogue is null)
        {
            return (null, refusal);
        }
        var items = await db.Set<CatalogueItem>().CountAsync(i => i.CatalogueId == id, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), await ZoneAsync(catalogue.OrganId)).DateTime);
        if (CatalogueRules.MayRecordConsent(catalogue.Status, items, request.ConsentedOn, today) is { } refused)
        {
            return (null, refused);
        }
        catalogue.Status = CatalogueStatus.Consented;
        catalogue.ConsentedOn = request.ConsentedOn;
        catalogue.ConsentNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        catalogue.ConsentRecordedBy = actor.Id;
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(id, false, ct), null);
    }

    public async Task<(CatalogueView? View, Refusal? Refusal)> PublishAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (catalogue, refusal) = await ManagedAsync(actor, id, ct);
        if (catalogue is null)
        {
            return (null, refusal);
        }
        if (CatalogueRules.MayPublish(catalogue.Status) is { } refused)
        {
            return (null, refused);
        }
        catalogue.Status = CatalogueStatus.Published;
        catalogue.PublishedAt = clock.GetUtcNow();
        catalogue.PublishedBy = actor.Id;
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(id, false, ct), null);
    }

    public async Task<(CatalogueView? View, Refusal? Refusal)> AdjustAsync(Actor actor, Guid id, CatalogueAdjustmentRequest request, CancellationToken ct)
    {
        var (catalogue, refusal) = await ManagedAsync(actor, id, ct);
        if (catalogue is null)
        {
            return (null, refusal);
        }
        var item = request.ItemId is { } itemId ? await db.Set<CatalogueItem>().SingleOrDefaultAsync(i => i.Id == itemId && i.CatalogueId == id, ct) : null;
        var underOrgan = await UnderOrganAsync(request.DraftingUnitId, catalogue.OrganId, ct);
        if (CatalogueRules.MayAdjust(catalogue.Status, request.Kind, request.Reason, item is not null && item.WithdrawnBy is null, request.Title, underOrgan,
                request.PlannedQuarter) is { } refused)
        {
            return (null, refused);
        }
        var adjustmentId = Guid.CreateVersion7();
        if (request.Kind == AdjustmentKinds.Withdraw)
        {
            item!.WithdrawnBy = adjustmentId;
        }
        else
        {
            item = await AddItemAsync(catalogue, request.Title!, request.DraftingUnitId!, request.PlannedQuarter!.Value, adjustmentId, ct);
        }
        db.Add(new CatalogueAdjustment
        {
            Id = adjustmentId, CatalogueId = id, ItemId = item.Id, Kind = request.Kind!, Reason = request.Reason!.Trim(), AdjustedBy = actor.Id,
            AdjustedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(id, false, ct), null);
    }

    /// <summary>Links a matter to the item it carries out: the matter's drafting unit or the catalogue's keepers.</summary>
    public async Task<(CatalogueView? View, Refusal? Refusal)> LinkAsync(Actor actor, Guid matterId, CatalogueLinkRequest request, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return (null, RecordTexts.Catalog.NotFound("not-found.matter"));
        }
        var drafts = MatterAccess.CanDraft(matter, actor);
        if (RecordAccess.LinkToCatalogue(drafts, !drafts && await MayManageAsync(actor, matter.DecisionOrganId, ct)) is { } forbidden)
        {
            return (null, forbidden);
        }
        var item = request.ItemId is { } itemId ? await db.Set<CatalogueItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct) : null;
        var catalogue = item is null ? null : await db.Set<DecisionCatalogue>().AsNoTracking().SingleAsync(c => c.Id == item.CatalogueId, ct);
        if (item is null || catalogue is null)
        {
            return (null, RecordTexts.Catalog.NotFound("not-found.item"));
        }
        if (CatalogueRules.MayLink(matter.DecisionOrganId, catalogue.OrganId, catalogue.Status, item.WithdrawnBy is not null) is { } refused)
        {
            return (null, refused);
        }
        var link = await db.Set<CatalogueMatterLink>().SingleOrDefaultAsync(l => l.MatterId == matterId, ct);
        if (link is null)
        {
            db.Add(new CatalogueMatterLink { MatterId = matterId, ItemId = item.Id, LinkedBy = actor.Id, LinkedAt = clock.GetUtcNow() });
        }
        else
        {
            link.ItemId = item.Id;
            link.LinkedBy = actor.Id;
            link.LinkedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(catalogue.Id, false, ct), null);
    }

    /// <summary>A catalogue for officials of its government (or administrators); the portal uses <see cref="PublishedAsync"/>.</summary>
    public async Task<(CatalogueView? View, Refusal? Refusal)> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var catalogue = await db.Set<DecisionCatalogue>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (catalogue is null || !await BelongsAsync(actor, catalogue.OrganId, ct))
        {
            return (null, RecordTexts.Catalog.NotFound("not-found.catalogue"));
        }
        return (await ViewAsync(id, false, ct), null);
    }

    /// <summary>Every published catalogue, newest year first, for the portal's list (the organ's name beside it).</summary>
    public async Task<IReadOnlyList<PublishedCatalogueEntry>> PublishedListAsync(CancellationToken ct) =>
        await (from c in db.Set<DecisionCatalogue>().AsNoTracking()
               join o in db.Organizations.AsNoTracking() on c.OrganId equals o.Id
               where c.Status == CatalogueStatus.Published
               orderby c.Year descending, o.Name
               select new PublishedCatalogueEntry(c.OrganId, o.Name, c.Year, c.ConsentedOn)).ToListAsync(ct);

    /// <summary>The published catalogue of an organ and year, with its adjustments, as the public portal shows it.</summary>
    public async Task<CatalogueView?> PublishedAsync(string organId, int year, CancellationToken ct)
    {
        var catalogue = await db.Set<DecisionCatalogue>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.OrganId == organId && c.Year == year && c.Status == CatalogueStatus.Published, ct);
        return catalogue is null ? null : await ViewAsync(catalogue.Id, publicView: true, ct);
    }

    private async Task<CatalogueView> ViewAsync(Guid id, bool publicView, CancellationToken ct)
    {
        var catalogue = await db.Set<DecisionCatalogue>().AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var items = await db.Set<CatalogueItem>().AsNoTracking().Where(i => i.CatalogueId == id).OrderBy(i => i.Number).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var adjustments = await db.Set<CatalogueAdjustment>().AsNoTracking().Where(a => a.CatalogueId == id).ToListAsync(ct);
        var units = await db.Organizations.AsNoTracking().Where(o => o.Id == catalogue.OrganId || o.ParentId == catalogue.OrganId).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var links = publicView
            ? []
            : await (from l in db.Set<CatalogueMatterLink>().AsNoTracking()
                     join m in db.Matters.AsNoTracking() on l.MatterId equals m.Id
                     where itemIds.Contains(l.ItemId)
                     select new { l.ItemId, m.Id, m.Number, m.Title }).ToListAsync(ct);
        IReadOnlyList<CatalogueMatterView>? outside = null;
        if (!publicView)
        {
            var (from, to) = IndicatorRules.YearBounds(catalogue.Year, await ZoneAsync(catalogue.OrganId));
            // The organ's matters created in the year with no link: visible as outside the catalogue (issue 15 item 1).
            outside = await RecordSql.QueryAsync(db, """
                SELECT m."Id", m."Number", m."Title" FROM "Matters" m
                WHERE m."DecisionOrganId" = @p0 AND m."CreatedAt" >= @p1 AND m."CreatedAt" < @p2
                  AND NOT EXISTS (SELECT 1 FROM "CatalogueMatterLinks" l WHERE l."MatterId" = m."Id")
                ORDER BY m."Number"
                """, [catalogue.OrganId, from, to], r => new CatalogueMatterView(RecordSql.Guid(r, 0), r.GetString(1), r.GetString(2)), ct);
        }
        var organName = units.GetValueOrDefault(catalogue.OrganId, catalogue.OrganId);
        return new CatalogueView(
            catalogue.Id, catalogue.OrganId, organName, catalogue.Year, catalogue.Status, catalogue.ConsentedOn, catalogue.ConsentNote, catalogue.PublishedAt,
            [.. items.Select(i => new CatalogueItemView(i.Id, i.Number, i.Title, i.DraftingUnitId, units.GetValueOrDefault(i.DraftingUnitId, i.DraftingUnitId),
                i.PlannedQuarter, i.WithdrawnBy is not null, i.AddedBy is not null,
                [.. links.Where(l => l.ItemId == i.Id).OrderBy(l => l.Number).Select(l => new CatalogueMatterView(l.Id, l.Number, l.Title))]))],
            [.. adjustments.OrderBy(a => a.AdjustedAt.UtcTicks).Select(a =>
            {
                var item = items.Single(i => i.Id == a.ItemId);
                return new CatalogueAdjustmentView(a.Kind, item.Number, item.Title, a.Reason, a.AdjustedAt);
            })],
            outside);
    }

    private async Task<CatalogueItem> AddItemAsync(DecisionCatalogue catalogue, string title, string unitId, int quarter, Guid? adjustmentId, CancellationToken ct)
    {
        var last = await db.Set<CatalogueItem>().Where(i => i.CatalogueId == catalogue.Id).MaxAsync(i => (int?)i.Number, ct) ?? 0;
        var item = new CatalogueItem
        {
            Id = Guid.CreateVersion7(), CatalogueId = catalogue.Id, Number = last + 1, Title = title.Trim(), DraftingUnitId = unitId, PlannedQuarter = quarter,
            AddedBy = adjustmentId,
        };
        db.Add(item);
        return item;
    }

    private async Task<(DecisionCatalogue? Catalogue, Refusal? Refusal)> ManagedAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var catalogue = await db.Set<DecisionCatalogue>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (catalogue is null || !await BelongsAsync(actor, catalogue.OrganId, ct))
        {
            return (null, RecordTexts.Catalog.NotFound("not-found.catalogue"));
        }
        return await MayManageAsync(actor, catalogue.OrganId, ct) ? (catalogue, null) : (null, NotManager());
    }

    private static Refusal NotManager() => RecordAccess.NotCatalogueKeeper();

    private async Task<bool> MayManageAsync(Actor actor, string organId, CancellationToken ct)
    {
        var offices = await db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == organId && o.Kind == OrganizationScopes.GeneralOffice).Select(o => o.Id).ToListAsync(ct);
        return RecordAccess.MayManageCatalogue(actor, organId, offices);
    }

    /// <summary>Members of the government or of an organization directly under it, and administrators.</summary>
    private async Task<bool> BelongsAsync(Actor actor, string organId, CancellationToken ct)
    {
        if (AdministrationScope.ActsFor(actor.Memberships, organId))
        {
            return true;
        }
        var mine = actor.Memberships.Select(m => m.OrganizationId).ToList();
        return mine.Contains(organId) || await db.Organizations.AsNoTracking().AnyAsync(o => mine.Contains(o.Id) && o.ParentId == organId, ct);
    }

    private async Task<bool> UnderOrganAsync(string? unitId, string organId, CancellationToken ct) =>
        unitId is not null && await db.Organizations.AsNoTracking().AnyAsync(o => o.Id == unitId && o.ParentId == organId, ct);

    private async Task<TimeZoneInfo> ZoneAsync(string organId)
    {
        var jurisdictionId = await db.Organizations.AsNoTracking().Where(o => o.Id == organId).Select(o => o.JurisdictionId).SingleOrDefaultAsync();
        var settings = jurisdictions.Get(jurisdictionId ?? JurisdictionSettings.DefaultId);
        return TimeZoneInfo.FindSystemTimeZoneById(settings?.TimeZone ?? workflows.Value.TimeZone);
    }
}
