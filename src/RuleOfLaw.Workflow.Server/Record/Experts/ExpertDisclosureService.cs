using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Record;
using RuleOfLaw.Workflow.Server.AfterDecision;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Experts;
using RuleOfLaw.Workflow.Server.Matters;

namespace RuleOfLaw.Workflow.Server.Record.Experts;

/// <summary>An expert's consent to the disclosure of their name, field and opinions on one matter (issue 15 item 7).</summary>
public sealed class ExpertDisclosureConsent
{
    public required Guid MatterId { get; set; }
    public required Guid ExpertId { get; set; }
    /// <summary>How the consent was given when the drafting unit records it (书面同意书 …); null when the expert gave it.</summary>
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ExpertDisclosureConsentConfiguration : IEntityTypeConfiguration<ExpertDisclosureConsent>
{
    public void Configure(EntityTypeBuilder<ExpertDisclosureConsent> e)
    {
        e.ToTable("ExpertDisclosureConsents");
        e.HasKey(c => new { c.MatterId, c.ExpertId });
        e.Property(c => c.Note).HasMaxLength(1000);
        e.Property(c => c.RecordedBy).HasMaxLength(WorkflowDbContext.UserIdLength);
        e.HasIndex(c => c.ExpertId);
        e.HasOne<Matter>().WithMany().HasForeignKey(c => c.MatterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Expert>().WithMany().HasForeignKey(c => c.ExpertId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record DisclosureConsentRequest(string? Note);

public sealed record PublicExpertOpinion(DateTimeOffset SignedAt, string Text, string SignatureAlgorithm);

public sealed record PublicExpert(string Name, string Field, string Employer, IReadOnlyList<PublicExpertOpinion> Opinions);

/// <summary>The portal's list: the experts who consented, and how many panel members did not (their names stay private).</summary>
public sealed record PublicExpertPanel(Guid MatterId, string Number, string Title, IReadOnlyList<PublicExpert> Experts, int NotDisclosed);

public sealed class ExpertDisclosureService(WorkflowDbContext db, TimeProvider clock)
{
    public async Task<Refusal?> RecordConsentAsync(Actor actor, Guid matterId, Guid expertId, DisclosureConsentRequest request, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null || !MatterAccess.CanSee(matter, actor))
        {
            return RecordTexts.Catalog.NotFound("not-found.matter");
        }
        var expert = await db.Set<Expert>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == expertId, ct);
        var onPanel = expert is not null && await db.Set<ExpertPanelMember>().AnyAsync(p => p.MatterId == matterId && p.ExpertId == expertId, ct);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (ExpertDisclosure.MayRecordConsent(onPanel, expert?.UserId == actor.Id, MatterAccess.CanDraft(matter, actor), note is not null) is { } refused)
        {
            return refused;
        }
        if (!await db.Set<ExpertDisclosureConsent>().AnyAsync(c => c.MatterId == matterId && c.ExpertId == expertId, ct))
        {
            db.Add(new ExpertDisclosureConsent { MatterId = matterId, ExpertId = expertId, Note = note, RecordedBy = actor.Id, RecordedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        return null;
    }

    /// <summary>The panel as the portal shows it; null while the decision is unpublished or when it may not be disclosed.</summary>
    public async Task<PublicExpertPanel?> PublicAsync(Guid matterId, CancellationToken ct)
    {
        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId, ct);
        if (matter is null)
        {
            return null;
        }
        var attributes = JsonSerializer.Deserialize<Dictionary<string, bool>>(matter.AttributesJson) ?? [];
        var published = await db.Set<DecisionPublication>().AnyAsync(p => p.MatterId == matterId, ct);
        if (!ExpertDisclosure.Shows(published, attributes.GetValueOrDefault("notDisclosable"), consented: true))
        {
            return null;
        }
        var panel = await db.Set<ExpertPanelMember>().AsNoTracking().Where(p => p.MatterId == matterId).Select(p => p.ExpertId).ToListAsync(ct);
        var consented = await db.Set<ExpertDisclosureConsent>().AsNoTracking().Where(c => c.MatterId == matterId).Select(c => c.ExpertId).ToListAsync(ct);
        var shown = panel.Where(consented.Contains).ToList();
        var experts = await db.Set<Expert>().AsNoTracking().Where(x => shown.Contains(x.Id)).ToListAsync(ct);
        var opinions = await db.Set<ExpertOpinion>().AsNoTracking().Where(o => o.MatterId == matterId && shown.Contains(o.ExpertId)).ToListAsync(ct);
        return new PublicExpertPanel(matter.Id, matter.Number, matter.Title,
            [.. experts.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new PublicExpert(x.Name, x.Field, x.Employer,
                [.. opinions.Where(o => o.ExpertId == x.Id).OrderBy(o => o.JournalSequence).Select(o => new PublicExpertOpinion(o.SignedAt, o.Text, o.SignatureAlgorithm))]))],
            panel.Count - shown.Count);
    }
}

public static class ExpertDisclosureEndpoints
{
    public static void MapExpertDisclosureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/matters/{id:guid}/experts/{expertId:guid}/disclosure-consent", async (
                Guid id, Guid expertId, DisclosureConsentRequest request, Auth.CurrentActor current, ExpertDisclosureService service, CancellationToken ct) =>
                await service.RecordConsentAsync(await current.GetAsync(ct), id, expertId, request, ct) is { } refused
                    ? RecordProblems.ToHttp(refused) : Results.NoContent())
            .WithTags("Record").WithSummary("Record a panel expert's consent to show their name, field and opinions on the portal once the decision is published")
            .Produces(StatusCodes.Status204NoContent);
        app.MapGet("/api/public/decisions/{id:guid}/experts", async (Guid id, ExpertDisclosureService service, CancellationToken ct) =>
                await service.PublicAsync(id, ct) is { } panel ? Results.Ok(panel) : RecordProblems.ToHttp(RecordTexts.Catalog.NotFound("not-found.published-decision")))
            .AllowAnonymous().WithTags("Public")
            .WithSummary("A published decision's experts who consented: name, field, employer and signed opinions; the others only counted")
            .Produces<PublicExpertPanel>();
    }
}
