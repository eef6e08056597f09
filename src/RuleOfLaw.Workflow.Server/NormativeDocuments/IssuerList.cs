using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// The issuing-entity list (制定主体清单) per government: administrators add and remove entries, the portal shows
/// the listed ones (name and code, as the seed report publishes them).
/// </summary>
public sealed class IssuerList(NormativeContext context)
{
    public async Task<List<IssuerView>> ListAsync(string? governmentId, bool listedOnly, CancellationToken ct)
    {
        var query = context.Db.Set<NormativeIssuer>().AsNoTracking();
        if (governmentId is not null)
        {
            query = query.Where(i => i.GovernmentId == governmentId);
        }
        if (listedOnly)
        {
            query = query.Where(i => i.Listed);
        }
        return (await query.ToListAsync(ct)).OrderBy(i => i.GovernmentId, StringComparer.Ordinal).ThenBy(i => i.Code, StringComparer.Ordinal)
            .Select(IssuerView.From).ToList();
    }

    /// <summary>
    /// Adds an entry. The organization must be the government or one under it (its members draft for the entity);
    /// the rules refuse the kinds Notice 37 bars and a code already used on the list.
    /// </summary>
    public async Task<IssuerView> AddAsync(Actor actor, AddIssuerRequest request, CancellationToken ct)
    {
        if (!NormativeContext.Administers(actor, request.GovernmentId ?? ""))
        {
            throw NormativeRefusedException.Forbidden(NormativeArticles.IssuingEntityList, "该人民政府的系统管理员 / an administrator of the government");
        }
        var government = await context.Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.GovernmentId && o.Kind == OrganizationKinds.Government, ct)
            ?? throw NormativeRefusedException.NotFound("人民政府 / government " + request.GovernmentId);
        var organization = await context.Db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OrganizationId, ct);
        if (organization is null || (organization.Id != government.Id && organization.ParentId != government.Id))
        {
            throw NormativeRefusedException.NotFound($"{government.Name}下的机构 / organization under {government.Id}: {request.OrganizationId}");
        }
        var listing = new IssuingEntityListing(request.Name?.Trim() ?? "", request.Code?.Trim() ?? "", request.Kind ?? "", request.DocumentNumberPrefix?.Trim() ?? "");
        var codes = await context.Db.Set<NormativeIssuer>().Where(i => i.GovernmentId == government.Id).Select(i => i.Code).ToListAsync(ct);
        var refusals = IssuingEntityRules.CheckListing(listing, codes);
        if (refusals.Count > 0)
        {
            throw new NormativeRefusedException(refusals);
        }
        var issuer = new NormativeIssuer
        {
            Id = Guid.NewGuid(), GovernmentId = government.Id, OrganizationId = organization.Id, Name = listing.Name, Code = listing.Code,
            Kind = listing.Kind, DocumentNumberPrefix = listing.DocumentNumberPrefix, Listed = true, ListedAt = context.Clock.GetUtcNow(), ListedBy = actor.Id,
        };
        context.Db.Set<NormativeIssuer>().Add(issuer);
        try
        {
            await context.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseFailure.IsUniqueViolation(e))
        {
            // Two administrators adding the same code at once: the unique index decides, the loser is told why.
            throw new NormativeRefusedException(NormativeTexts.Catalog.Conflict("issuer-code-taken", NormativeArticles.IssuingEntityList, ("code", listing.Code)));
        }
        return IssuerView.From(issuer);
    }

    /// <summary>Takes an entry off the list: its documents stay, it drafts no more.</summary>
    public async Task<IssuerView> DelistAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (!actor.Memberships.Any(m => m.Role is Roles.Administrator or Roles.Operator))
        {
            throw NormativeRefusedException.Forbidden(NormativeArticles.IssuingEntityList, "系统管理员 / an administrator");
        }
        var issuer = await context.Db.Set<NormativeIssuer>().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw NormativeRefusedException.NotFound("制定主体 / issuing entity " + id);
        if (!NormativeContext.Administers(actor, issuer.GovernmentId))
        {
            throw NormativeRefusedException.Forbidden(NormativeArticles.IssuingEntityList, "该人民政府的系统管理员 / an administrator of the government");
        }
        issuer.Listed = false;
        await context.Db.SaveChangesAsync(ct);
        return IssuerView.From(issuer);
    }
}
