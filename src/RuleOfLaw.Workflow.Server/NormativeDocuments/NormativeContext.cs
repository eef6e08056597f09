using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Jurisdictions;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Jurisdiction;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// What every normative-document service needs: the government's jurisdiction settings, a calculator in its time
/// zone, the local day, and who may act (the issuer's people, the government's justice office, its meeting office).
/// </summary>
public sealed class NormativeContext(WorkflowDbContext db, JurisdictionRegistry jurisdictions, DeadlineCalculator calculator, TimeProvider clock)
{
    public WorkflowDbContext Db => db;
    public TimeProvider Clock => clock;

    public async Task<JurisdictionSettings> SettingsAsync(string governmentId, CancellationToken ct)
    {
        var id = await db.Organizations.AsNoTracking().Where(o => o.Id == governmentId).Select(o => o.JurisdictionId).SingleOrDefaultAsync(ct);
        return jurisdictions.Get(id ?? JurisdictionSettings.DefaultId) ?? jurisdictions.Get(JurisdictionSettings.DefaultId)!;
    }

    /// <summary>The national calendar counted in the jurisdiction's local days.</summary>
    public DeadlineCalculator Calculator(JurisdictionSettings settings) =>
        settings.TimeZone == calculator.TimeZone.Id ? calculator : new DeadlineCalculator(calculator.Calendar, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));

    public DateOnly Today(JurisdictionSettings settings) => Calculator(settings).LocalDay(clock.GetUtcNow());

    public async Task<NormativeDocument> DocumentAsync(Guid id, CancellationToken ct) =>
        await db.Set<NormativeDocument>().SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw NormativeRefusedException.NotFound("规范性文件 / normative document " + id);

    public async Task<NormativeIssuer> IssuerAsync(Guid id, CancellationToken ct) =>
        await db.Set<NormativeIssuer>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw NormativeRefusedException.NotFound("制定主体 / issuing entity " + id);

    public static IssuingEntity Rules(NormativeIssuer issuer) =>
        new(issuer.Id, issuer.GovernmentId, issuer.Name, issuer.Code, issuer.Kind, issuer.DocumentNumberPrefix, issuer.Listed);

    /// <summary>The government's justice office (司法行政部门): its legality-review office in the organization tree.</summary>
    public async Task<List<string>> JusticeOfficesAsync(string governmentId, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.ParentId == governmentId && o.Kind == OrganizationScopes.LegalityReviewOffice).Select(o => o.Id).ToListAsync(ct);

    /// <summary>Refuses unless the actor holds one of <paramref name="roles"/> in one of <paramref name="organizations"/>.</summary>
    public static void Require(Actor actor, IEnumerable<string> organizations, IReadOnlyCollection<string> roles, string who, string article)
    {
        var orgs = organizations.ToHashSet(StringComparer.Ordinal);
        if (!actor.Memberships.Any(m => orgs.Contains(m.OrganizationId) && roles.Contains(m.Role)))
        {
            throw NormativeRefusedException.Forbidden(article, who);
        }
    }

    /// <summary>An operator, or an administrator of <paramref name="governmentId"/> itself (<see cref="AdministrationScope.ActsFor"/>).</summary>
    public static bool Administers(Actor actor, string governmentId) => AdministrationScope.ActsFor(actor.Memberships, governmentId);

    /// <summary>Adds a history row for the document (saved with the caller's change).</summary>
    public void Event(Guid documentId, string type, string actor, string? note = null) =>
        db.Set<NormativeDocumentEvent>().Add(new NormativeDocumentEvent
        {
            Id = Guid.NewGuid(), DocumentId = documentId, Type = type, At = clock.GetUtcNow(), Actor = actor, Note = note,
        });
}
