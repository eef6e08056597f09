using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>An administrator opens a clean-up: its subject and scope (all the government's entities when no issuer is named).</summary>
public sealed record OpenCleanupRequest(string? GovernmentId, string? Subject, Guid? IssuerId, int FromYear, int ToYear, string? TitleKeyword);

/// <summary>The issuer's result for one document in scope, with its reason.</summary>
public sealed record CleanupResultRequest(string? Result, string? Reason);

public sealed record CleanupItemView(
    Guid DocumentId, string Title, string Issuer, string? RegistrationNumber, string? DocumentNumber, string? Result, string? Reason, DateTimeOffset? ProposedAt);

public sealed record CleanupView(
    Guid Id, string GovernmentId, string Subject, Guid? IssuerId, int FromYear, int ToYear, string? TitleKeyword, string Status,
    DateTimeOffset OpenedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? PublishedAt, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<CleanupItemView> Items);

/// <summary>
/// Clean-up campaigns (清理, Notice 37 “谁制定谁清理”, results published): an administrator of the government opens
/// one with its scope, which fixes the documents in force it covers; each issuer proposes a result with a reason for
/// its own documents; the justice office approves when every document has one and publishes the list. Publication
/// ends the repealed and invalid documents, so the current-documents catalogue then lists exactly those in force.
/// Every step is journaled in each document's history. Refusals are answered, nothing is written.
/// </summary>
public sealed class Cleanups(NormativeContext context)
{
    private static readonly string[] Drafters = [Roles.DraftingOfficer, Roles.DraftingHead];

    public Task<ModuleOutcome<CleanupView>> OpenAsync(Actor actor, OpenCleanupRequest request, CancellationToken ct) => Guard(async () =>
    {
        if (!NormativeContext.Administers(actor, request.GovernmentId ?? ""))
        {
            throw NormativeRefusedException.Forbidden(NormativeArticles.CleanUp, "该人民政府的系统管理员 / an administrator of the government");
        }
        var government = await context.Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.GovernmentId && o.Kind == OrganizationKinds.Government, ct)
            ?? throw NormativeRefusedException.NotFound("人民政府 / government " + request.GovernmentId);
        if (request.IssuerId is { } issuerId && !await context.Db.Set<NormativeIssuer>().AnyAsync(i => i.Id == issuerId && i.GovernmentId == government.Id, ct))
        {
            throw NormativeRefusedException.NotFound($"{government.Name}的制定主体 / issuing entity of {government.Id}: {issuerId}");
        }
        var scope = new CleanupScope(request.Subject?.Trim() ?? "", request.IssuerId, request.FromYear, request.ToYear,
            string.IsNullOrWhiteSpace(request.TitleKeyword) ? null : request.TitleKeyword.Trim());
        var refusals = CleanupRules.CheckScope(scope);
        if (refusals.Count > 0)
        {
            return ModuleOutcome<CleanupView>.Refused(refusals);
        }

        var today = context.Today(await context.SettingsAsync(government.Id, ct));
        var published = await context.Db.Set<NormativeDocument>().AsNoTracking()
            .Where(d => d.GovernmentId == government.Id && d.Status == NormativeStatuses.Published).ToListAsync(ct);
        // Not ended: published and not past its last day (a lapse timer that has not fired yet does not keep it in scope).
        var inScope = CleanupRules.InScope(scope, published.Select(d =>
            new CleanupCandidate(d.Id, d.IssuerId, d.Title, d.IssuedOn!.Value, d.LastDayInForce is not { } last || last >= today))).ToList();
        var ids = inScope.Select(d => d.Id).ToList();
        var unfinished = await context.Db.Set<NormativeCleanup>().AsNoTracking()
            .Where(c => c.GovernmentId == government.Id && c.Status != CleanupStatuses.Published).Select(c => c.Id).ToListAsync(ct);
        var overlapping = await context.Db.Set<NormativeCleanupItem>().AsNoTracking()
            .Where(i => unfinished.Contains(i.CleanupId) && ids.Contains(i.DocumentId)).Select(i => i.DocumentId).ToListAsync(ct);
        var refusal = CleanupRules.CheckOpening(inScope.Count,
            published.Where(d => overlapping.Contains(d.Id)).Select(d => d.RegistrationNumber ?? d.Title).Order(StringComparer.Ordinal).ToList());
        if (refusal is not null)
        {
            return refusal;
        }

        var cleanup = new NormativeCleanup
        {
            Id = Guid.NewGuid(), GovernmentId = government.Id, Subject = scope.Subject, IssuerId = scope.IssuerId, FromYear = scope.FromYear,
            ToYear = scope.ToYear, TitleKeyword = scope.TitleKeyword, Status = CleanupStatuses.Open, OpenedAt = context.Clock.GetUtcNow(), OpenedBy = actor.Id,
        };
        context.Db.Set<NormativeCleanup>().Add(cleanup);
        foreach (var id in ids)
        {
            context.Db.Set<NormativeCleanupItem>().Add(new NormativeCleanupItem { Id = Guid.NewGuid(), CleanupId = cleanup.Id, DocumentId = id });
            context.Event(id, "cleanup-opened", actor.Id, cleanup.Subject);
        }
        await context.Db.SaveChangesAsync(ct);
        return ModuleOutcome<CleanupView>.Created(await ViewAsync(cleanup, ct));
    });

    /// <summary>“谁制定谁清理”: the issuer's drafting unit proposes the result for its own document while the clean-up is open.</summary>
    public Task<ModuleOutcome<CleanupView>> RecordResultAsync(Actor actor, Guid cleanupId, Guid documentId, CleanupResultRequest request, CancellationToken ct) => Guard(async () =>
    {
        var cleanup = await CleanupAsync(cleanupId, ct);
        var item = await context.Db.Set<NormativeCleanupItem>().SingleOrDefaultAsync(i => i.CleanupId == cleanupId && i.DocumentId == documentId, ct)
            ?? throw NormativeRefusedException.NotFound("清理范围内的文件 / document in the clean-up's scope " + documentId);
        var document = await context.DocumentAsync(documentId, ct);
        var issuer = await context.IssuerAsync(document.IssuerId, ct);
        NormativeContext.Require(actor, [issuer.OrganizationId], Drafters, $"{issuer.Name}的起草人员 / the issuer's drafting unit", NormativeArticles.CleanUp);
        if (cleanup.Status != CleanupStatuses.Open)
        {
            throw NormativeRefusedException.WrongStage("提出清理结果 / given a clean-up result", cleanup.Status, NormativeArticles.CleanUp);
        }
        var result = request.Result ?? "";
        if (CleanupRules.CheckResult(result, request.Reason) is { } refusal)
        {
            return refusal;
        }
        item.Result = result;
        item.Reason = request.Reason!.Trim();
        item.ProposedAt = context.Clock.GetUtcNow();
        item.ProposedBy = actor.Id;
        context.Event(documentId, "cleanup-result", actor.Id, Clip($"{cleanup.Subject}：{result}，{item.Reason}"));
        await context.Db.SaveChangesAsync(ct);
        return ModuleOutcome<CleanupView>.Ok(await ViewAsync(cleanup, ct));
    });

    /// <summary>The justice office approves once every document in scope has a result.</summary>
    public Task<ModuleOutcome<CleanupView>> ApproveAsync(Actor actor, Guid id, CancellationToken ct) => Guard(async () =>
    {
        var cleanup = await CleanupAsync(id, ct);
        await RequireJusticeOfficeAsync(actor, cleanup, ct);
        if (cleanup.Status != CleanupStatuses.Open)
        {
            throw NormativeRefusedException.WrongStage("审核通过清理结果 / approved", cleanup.Status, NormativeArticles.CleanUp);
        }
        var items = await context.Db.Set<NormativeCleanupItem>().AsNoTracking().Where(i => i.CleanupId == id).ToListAsync(ct);
        if (CleanupRules.CheckApproval(items.Count, items.Count(i => i.Result is not null)) is { } refusal)
        {
            return refusal;
        }
        cleanup.Status = CleanupStatuses.Approved;
        cleanup.ApprovedAt = context.Clock.GetUtcNow();
        cleanup.ApprovedBy = actor.Id;
        foreach (var item in items)
        {
            context.Event(item.DocumentId, "cleanup-approved", actor.Id, $"{cleanup.Subject}：{item.Result}");
        }
        await context.Db.SaveChangesAsync(ct);
        return ModuleOutcome<CleanupView>.Ok(await ViewAsync(cleanup, ct));
    });

    /// <summary>
    /// The justice office publishes the results as a list on the portal. A repealed or invalid document ends today and
    /// leaves the current-documents catalogue; one that lapsed meanwhile stays lapsed (its history says both).
    /// </summary>
    public Task<ModuleOutcome<CleanupView>> PublishAsync(Actor actor, Guid id, CancellationToken ct) => Guard(async () =>
    {
        var cleanup = await CleanupAsync(id, ct);
        await RequireJusticeOfficeAsync(actor, cleanup, ct);
        if (cleanup.Status != CleanupStatuses.Approved)
        {
            throw NormativeRefusedException.WrongStage("公布清理结果 / published", cleanup.Status, NormativeArticles.CleanUp);
        }
        var today = context.Today(await context.SettingsAsync(cleanup.GovernmentId, ct));
        var items = await context.Db.Set<NormativeCleanupItem>().AsNoTracking().Where(i => i.CleanupId == id).ToListAsync(ct);
        var ids = items.Select(i => i.DocumentId).ToList();
        var documents = await context.Db.Set<NormativeDocument>().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        foreach (var item in items)
        {
            var document = documents[item.DocumentId];
            var note = Clip($"{cleanup.Subject}：{item.Reason}");
            if (CleanupResults.Ends(item.Result!) && document.Status == NormativeStatuses.Published)
            {
                document.Status = item.Result == CleanupResults.Repeal ? NormativeStatuses.Repealed : NormativeStatuses.Invalid;
                document.EndedOn = today;
                context.Event(document.Id, item.Result == CleanupResults.Repeal ? "repealed" : "declared-invalid", actor.Id, note);
            }
            else
            {
                context.Event(document.Id, "cleanup-published", actor.Id, Clip($"{item.Result}；{note}"));
            }
        }
        cleanup.Status = CleanupStatuses.Published;
        cleanup.PublishedAt = context.Clock.GetUtcNow();
        cleanup.PublishedBy = actor.Id;
        await context.Db.SaveChangesAsync(ct);
        return ModuleOutcome<CleanupView>.Ok(await ViewAsync(cleanup, ct));
    });

    /// <summary>The clean-ups of a government (or all), newest first; <paramref name="publishedOnly"/> for the portal.</summary>
    public async Task<List<CleanupView>> ListAsync(string? governmentId, bool publishedOnly, CancellationToken ct)
    {
        var query = context.Db.Set<NormativeCleanup>().AsNoTracking();
        if (governmentId is not null)
        {
            query = query.Where(c => c.GovernmentId == governmentId);
        }
        if (publishedOnly)
        {
            query = query.Where(c => c.Status == CleanupStatuses.Published);
        }
        var views = new List<CleanupView>();
        foreach (var cleanup in (await query.ToListAsync(ct)).OrderByDescending(c => c.OpenedAt))
        {
            views.Add(await ViewAsync(cleanup, ct));
        }
        return views;
    }

    /// <summary>One clean-up; the portal sees only published ones (404 otherwise).</summary>
    public Task<ModuleOutcome<CleanupView>> GetAsync(Guid id, bool publishedOnly, CancellationToken ct) => Guard(async () =>
    {
        var cleanup = await context.Db.Set<NormativeCleanup>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && (!publishedOnly || c.Status == CleanupStatuses.Published), ct)
            ?? throw NormativeRefusedException.NotFound("清理 / clean-up " + id);
        return ModuleOutcome<CleanupView>.Ok(await ViewAsync(cleanup, ct));
    });

    /// <summary>The latest published result per document of the clean-ups <paramref name="governmentId"/> published in <paramref name="year"/> (local).</summary>
    public async Task<List<CleanupResultFacts>> PublishedResultsAsync(string governmentId, int year, CancellationToken ct)
    {
        var calculator = context.Calculator(await context.SettingsAsync(governmentId, ct));
        var cleanups = (await context.Db.Set<NormativeCleanup>().AsNoTracking()
                .Where(c => c.GovernmentId == governmentId && c.Status == CleanupStatuses.Published).ToListAsync(ct))
            .Where(c => calculator.LocalDay(c.PublishedAt!.Value).Year == year).ToDictionary(c => c.Id, c => c.PublishedAt!.Value);
        var ids = cleanups.Keys.ToList();
        var items = await context.Db.Set<NormativeCleanupItem>().AsNoTracking().Where(i => ids.Contains(i.CleanupId)).ToListAsync(ct);
        return items.GroupBy(i => i.DocumentId)
            .Select(g => g.OrderByDescending(i => cleanups[i.CleanupId]).First())
            .Select(i => new CleanupResultFacts(i.DocumentId, i.Result!)).OrderBy(f => f.DocumentId).ToList();
    }

    /// <summary>A history note holds 2000 characters; subject and reason together may be longer (the full reason stays on the item).</summary>
    private static string Clip(string note) => note.Length <= 2000 ? note : note[..1999] + "…";

    private async Task<NormativeCleanup> CleanupAsync(Guid id, CancellationToken ct) =>
        await context.Db.Set<NormativeCleanup>().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw NormativeRefusedException.NotFound("清理 / clean-up " + id);

    private async Task RequireJusticeOfficeAsync(Actor actor, NormativeCleanup cleanup, CancellationToken ct) =>
        NormativeContext.Require(actor, await context.JusticeOfficesAsync(cleanup.GovernmentId, ct), [Roles.LegalityReviewer],
            "本级司法行政部门 / the justice office", NormativeArticles.CleanUp);

    private async Task<CleanupView> ViewAsync(NormativeCleanup c, CancellationToken ct)
    {
        var items = await context.Db.Set<NormativeCleanupItem>().AsNoTracking().Where(i => i.CleanupId == c.Id).ToListAsync(ct);
        var ids = items.Select(i => i.DocumentId).ToList();
        var documents = await context.Db.Set<NormativeDocument>().AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.IssuerId, d.RegistrationNumber, d.DocumentNumber, d.RegistrationYear, d.RegistrationSequence }).ToDictionaryAsync(d => d.Id, ct);
        var issuers = await context.Db.Set<NormativeIssuer>().AsNoTracking().Where(i => i.GovernmentId == c.GovernmentId).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var views = items.Select(i => (Item: i, Document: documents[i.DocumentId]))
            .OrderBy(x => issuers.GetValueOrDefault(x.Document.IssuerId, ""), StringComparer.Ordinal)
            .ThenBy(x => x.Document.RegistrationYear).ThenBy(x => x.Document.RegistrationSequence)
            .Select(x => new CleanupItemView(x.Item.DocumentId, x.Document.Title, issuers.GetValueOrDefault(x.Document.IssuerId, ""), x.Document.RegistrationNumber,
                x.Document.DocumentNumber, x.Item.Result, x.Item.Reason, x.Item.ProposedAt))
            .ToList();
        var counts = CleanupResults.All.ToDictionary(r => r, r => items.Count(i => i.Result == r));
        return new CleanupView(c.Id, c.GovernmentId, c.Subject, c.IssuerId, c.FromYear, c.ToYear, c.TitleKeyword, c.Status, c.OpenedAt, c.ApprovedAt,
            c.PublishedAt, counts, views);
    }

    /// <summary>The context's lookups refuse by exception (not found, not this person, wrong stage); here they become the outcome.</summary>
    private static async Task<ModuleOutcome<CleanupView>> Guard(Func<Task<ModuleOutcome<CleanupView>>> call)
    {
        try
        {
            return await call();
        }
        catch (NormativeRefusedException e)
        {
            return ModuleOutcome<CleanupView>.Refused(e.Refusals);
        }
    }
}
